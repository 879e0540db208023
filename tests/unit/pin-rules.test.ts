import { describe, expect, it } from 'vitest';
import {
  activePin, failuresInRow, generatePin, normalizePin, rotatesAt, rotationDue, verifyPin,
  type PinRecord, type VerifyInput
} from '../../server/domain/pin-rules.ts';
import { PIN_ALPHABET, PIN_LENGTH, PIN_RULES } from '../../protocol/index.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 4, 12, 1, 0);
const pin = (over: Partial<PinRecord> = {}): PinRecord => ({
  id: 1, pin: 'K7M3AX', issuedAt: T0, expiresAt: T0 + 30 * MIN, rotateMin: null, generation: 1, endedAt: null, endReason: null, ...over
});
const verify = (over: Partial<VerifyInput> = {}) =>
  verifyPin({ input: 'K7M3AX', now: T0 + MIN, stage: 'running', pins: [pin()], station: { failuresInRow: 0, lockedUntil: null }, sessionFailures: 0, ...over });

describe('generating and normalising the PIN', () => {
  it('is PIN_LENGTH characters of the look-alike-free alphabet', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePin();
      expect(p).toHaveLength(PIN_LENGTH);
      for (const ch of p) expect(PIN_ALPHABET).toContain(ch);
    }
    expect(PIN_ALPHABET).not.toMatch(/[0O1IL2Z5S8B6GUV]/);
  });
  it('uses the given random source over the whole alphabet', () => {
    expect(generatePin(() => 0)).toBe(PIN_ALPHABET[0].repeat(PIN_LENGTH));
    expect(generatePin((max) => max - 1)).toBe(PIN_ALPHABET[PIN_ALPHABET.length - 1].repeat(PIN_LENGTH));
    let i = 0;
    expect(generatePin(() => i++)).toBe(PIN_ALPHABET.slice(0, PIN_LENGTH));
  });
  it('normalises case, spaces and dashes', () => {
    expect(normalizePin(' k7m-3ax ')).toBe('K7M3AX');
    expect(normalizePin('k7m 3\tax')).toBe('K7M3AX');
  });
});

describe('expiry and rotation', () => {
  it('rotatesAt is issuedAt + rotateMin, or null without rotation or when expiry comes first', () => {
    expect(rotatesAt(pin({ rotateMin: 10 }))).toBe(T0 + 10 * MIN);
    expect(rotatesAt(pin())).toBeNull();
    expect(rotatesAt(pin({ rotateMin: 30 }))).toBeNull();
    expect(rotatesAt(pin({ rotateMin: 45 }))).toBeNull();
  });
  it('rotation is due from rotatesAt, while the PIN is neither ended nor expired', () => {
    const p = pin({ rotateMin: 10 });
    expect(rotationDue(p, T0 + 10 * MIN - 1)).toBe(false);
    expect(rotationDue(p, T0 + 10 * MIN)).toBe(true);
    expect(rotationDue({ ...p, endedAt: T0 + 10 * MIN, endReason: 'rotated' }, T0 + 11 * MIN)).toBe(false);
    expect(rotationDue(p, T0 + 30 * MIN)).toBe(false);
    expect(rotationDue(pin(), T0 + 20 * MIN)).toBe(false);
  });
  it('the active PIN is the newest one not ended and not expired', () => {
    const old = pin({ id: 1, endedAt: T0 + 5 * MIN, endReason: 'replaced' });
    const cur = pin({ id: 2, pin: 'PNRW34', issuedAt: T0 + 5 * MIN, expiresAt: T0 + 35 * MIN, generation: 2 });
    expect(activePin([cur, old], T0 + 6 * MIN)?.id).toBe(2);
    expect(activePin([old, cur], T0 + 35 * MIN)).toBeNull();
    expect(activePin([pin(), pin({ id: 3, issuedAt: T0 + MIN })], T0 + 2 * MIN)?.id).toBe(3);
    expect(activePin([], T0)).toBeNull();
  });
});

describe('verifying a typed PIN', () => {
  it('the active PIN, typed loosely, is ok and resets the attempts', () => {
    expect(verify({ input: 'k7m-3ax', station: { failuresInRow: 2, lockedUntil: null } }))
      .toEqual({ outcome: 'ok', valid: true, pinId: 1, attemptsLeft: PIN_RULES.maxStationFailures, lockStationUntil: null, revokePin: false });
  });
  it('a wrong PIN counts towards the station lock', () => {
    expect(verify({ input: 'AAAAAA' })).toMatchObject({ outcome: 'wrong', valid: false, attemptsLeft: 2, lockStationUntil: null, revokePin: false });
  });
  it('the third failure in a row locks the station', () => {
    const now = T0 + MIN;
    expect(verify({ input: 'AAAAAA', now, station: { failuresInRow: 2, lockedUntil: null } }))
      .toMatchObject({ outcome: 'wrong', attemptsLeft: 0, lockStationUntil: now + PIN_RULES.stationLockMs });
  });
  it('a locked station is refused without comparing or counting, even with the right PIN', () => {
    const v = verify({ station: { failuresInRow: 3, lockedUntil: T0 + 2 * MIN } });
    expect(v).toEqual({ outcome: 'locked', valid: false, pinId: null, attemptsLeft: 0, lockStationUntil: null, revokePin: false });
    expect(verify({ sessionFailures: 19, input: 'AAAAAA', station: { failuresInRow: 3, lockedUntil: T0 + 2 * MIN } }).revokePin).toBe(false);
  });
  it('once the lock has run out the station may try again', () => {
    expect(verify({ now: T0 + 2 * MIN, station: { failuresInRow: 0, lockedUntil: T0 + 2 * MIN } }).outcome).toBe('ok');
  });
  it('outside open/running the answer is not_running, not counted', () => {
    expect(verify({ stage: 'over' })).toMatchObject({ outcome: 'not_running', valid: false, attemptsLeft: 3, lockStationUntil: null });
  });
  it('no_pin only when no PIN was ever issued', () => {
    expect(verify({ pins: [] })).toMatchObject({ outcome: 'no_pin', valid: false, attemptsLeft: 3, lockStationUntil: null });
    expect(verify({ pins: [pin({ endedAt: T0, endReason: 'revoked' })], input: 'AAAAAA' }).outcome).toBe('wrong');
  });
  it('an expired PIN is refused as expired and counted', () => {
    const v = verify({ now: T0 + 30 * MIN, station: { failuresInRow: 2, lockedUntil: null } });
    expect(v).toMatchObject({ outcome: 'expired', valid: false, pinId: 1, attemptsLeft: 0, lockStationUntil: T0 + 30 * MIN + PIN_RULES.stationLockMs });
    expect(verify({ now: T0 + 30 * MIN - 1 }).outcome).toBe('ok');
  });
  it('a revoked or replaced PIN is refused as revoked', () => {
    expect(verify({ pins: [pin({ endedAt: T0 + 30_000, endReason: 'revoked' })] })).toMatchObject({ outcome: 'revoked', attemptsLeft: 2 });
    const replaced = pin({ endedAt: T0 + 30_000, endReason: 'replaced' });
    const next = pin({ id: 2, pin: 'PNRW34', issuedAt: T0 + 30_000, generation: 2 });
    expect(verify({ pins: [replaced, next] })).toMatchObject({ outcome: 'revoked', pinId: 1 });
    expect(verify({ pins: [replaced, next], input: 'pnrw34' })).toMatchObject({ outcome: 'ok', pinId: 2 });
  });

  describe('grace after rotation', () => {
    const rotatedAt = T0 + 10 * MIN;
    const old = pin({ rotateMin: 10, endedAt: rotatedAt, endReason: 'rotated' });
    const next = pin({ id: 2, pin: 'PNRW34', issuedAt: rotatedAt, expiresAt: rotatedAt + 30 * MIN, rotateMin: 10, generation: 2 });
    it('the rotated-out PIN is accepted for rotationGraceMs', () => {
      expect(verify({ pins: [old, next], now: rotatedAt + PIN_RULES.rotationGraceMs })).toMatchObject({ outcome: 'ok', valid: true, pinId: 1 });
    });
    it('after the grace it is refused as expired', () => {
      expect(verify({ pins: [old, next], now: rotatedAt + PIN_RULES.rotationGraceMs + 1 })).toMatchObject({ outcome: 'expired', valid: false, pinId: 1 });
    });
    it('no grace once a proctor revoked or replaced the PIN after the rotation', () => {
      const revokedNext = { ...next, endedAt: rotatedAt + 10_000, endReason: 'revoked' };
      expect(verify({ pins: [old, revokedNext], now: rotatedAt + 20_000 }).outcome).not.toBe('ok');
      const replacedNext = { ...next, endedAt: rotatedAt + 10_000, endReason: 'replaced' };
      const third = pin({ id: 3, pin: 'WXY479', issuedAt: rotatedAt + 10_000, generation: 3 });
      expect(verify({ pins: [old, replacedNext, third], now: rotatedAt + 20_000 }).outcome).toBe('expired');
    });
  });

  describe('guessing across the session', () => {
    it('only wrong attempts add to the session count; reaching the limit revokes the PIN', () => {
      const limit = PIN_RULES.maxSessionFailures;
      expect(verify({ input: 'AAAAAA', sessionFailures: limit - 2 }).revokePin).toBe(false);
      expect(verify({ input: 'AAAAAA', sessionFailures: limit - 1 }).revokePin).toBe(true);
      expect(verify({ input: 'K7M3AX', sessionFailures: limit - 1 }).revokePin).toBe(false);
      const expiredOnly = verify({ now: T0 + 31 * MIN, sessionFailures: limit - 1 });
      expect(expiredOnly).toMatchObject({ outcome: 'expired', revokePin: false });
    });
  });
});

describe('failures in a row from the stored attempts', () => {
  const a = (at: number, outcome: Parameters<typeof failuresInRow>[0][number]['outcome']) => ({ at, outcome });
  it('counts wrong, expired and revoked after the newest ok', () => {
    expect(failuresInRow([a(1, 'wrong'), a(2, 'ok'), a(3, 'wrong'), a(4, 'expired'), a(5, 'revoked')], 0)).toBe(3);
    expect(failuresInRow([a(1, 'wrong'), a(2, 'wrong'), a(3, 'ok')], 0)).toBe(0);
  });
  it('locked, no_pin and not_running neither count nor reset', () => {
    expect(failuresInRow([a(1, 'wrong'), a(2, 'locked'), a(3, 'no_pin'), a(4, 'not_running'), a(5, 'wrong')], 0)).toBe(2);
  });
  it('attempts before an unlock no longer count', () => {
    const attempts = [a(1, 'wrong'), a(2, 'wrong'), a(3, 'wrong'), a(4, 'locked'), a(10, 'wrong')];
    expect(failuresInRow(attempts, 0)).toBe(4);
    expect(failuresInRow(attempts, 5)).toBe(1);
    expect(failuresInRow(attempts, 10)).toBe(1);
    expect(failuresInRow(attempts, 11)).toBe(0);
  });
  it('order of the input does not matter', () => {
    expect(failuresInRow([a(5, 'wrong'), a(3, 'ok'), a(1, 'wrong')], 0)).toBe(1);
  });
});

describe('the test runs only once started (Pasal 14(1)i–j)', () => {
  it('before the start the PIN is not even compared: not_started, not counted', () => {
    expect(verify({ stage: 'not_started' })).toMatchObject({ outcome: 'not_started', valid: false, attemptsLeft: 3, lockStationUntil: null, revokePin: false });
    expect(verify({ stage: 'not_started', input: 'WRONG1', station: { failuresInRow: 2, lockedUntil: null } }))
      .toMatchObject({ outcome: 'not_started', attemptsLeft: 1, lockStationUntil: null });
  });
  it('not_started and unregistered neither count towards the lock nor reset it', () => {
    const a = (at: number, outcome: Parameters<typeof failuresInRow>[0][number]['outcome']) => ({ at, outcome });
    expect(failuresInRow([a(1, 'wrong'), a(2, 'not_started'), a(3, 'unregistered'), a(4, 'wrong')], 0)).toBe(2);
  });
});
