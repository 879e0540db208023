/**
 * The session PIN (Perban BKN 4/2024 Pasal 14(1)i: the proctor gives participants the code to log
 * in when the test starts; SE BKN 6/2026 §5.i.3). Pure rules: generating, expiry and rotation, and
 * the verdict on one typed PIN — including the station lock after repeated failures and revoking a
 * PIN that someone is guessing. The service stores attempts and locks; it decides nothing itself.
 */
import { randomInt as cryptoRandomInt, timingSafeEqual } from 'node:crypto';
import { PIN_ALPHABET, PIN_LENGTH, PIN_RULES, type PinVerifyOutcome } from '../../protocol/index.ts';
import type { PinStage } from './test-window.ts';

export function generatePin(randomInt: (max: number) => number = cryptoRandomInt): string {
  let pin = '';
  for (let i = 0; i < PIN_LENGTH; i++) pin += PIN_ALPHABET[randomInt(PIN_ALPHABET.length)];
  return pin;
}

/** Participants type "k7m 3ax" or "K7M-3AX" off the projector: compare without case, spaces or dashes. */
export function normalizePin(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export type PinRecord = {
  id: number;
  pin: string;
  issuedAt: number;
  expiresAt: number;
  rotateMin: number | null;
  generation: number;
  endedAt: number | null;
  /** 'rotated' gets the grace period; anything else ('revoked', 'replaced', …) cuts it off */
  endReason: string | null;
};

/** When rotation replaces this PIN; null without rotation or when it expires first. */
export function rotatesAt(p: PinRecord): number | null {
  if (p.rotateMin === null) return null;
  const at = p.issuedAt + p.rotateMin * 60_000;
  return at >= p.expiresAt ? null : at;
}

export function rotationDue(p: PinRecord, now: number): boolean {
  const at = rotatesAt(p);
  return p.endedAt === null && now < p.expiresAt && at !== null && now >= at;
}

const live = (p: PinRecord, now: number) => p.endedAt === null && now < p.expiresAt;
const newestFirst = (a: PinRecord, b: PinRecord) => b.issuedAt - a.issuedAt || b.generation - a.generation || b.id - a.id;

export function activePin(pins: PinRecord[], now: number): PinRecord | null {
  return pins.filter((p) => live(p, now)).sort(newestFirst)[0] ?? null;
}

export type VerifyInput = {
  input: string;
  now: number;
  /**
   * running: the PIN opens the test; not_started: the proctor has not started it (Pasal 14(1)i–j)
   * — the PIN is not even compared; over: no session, or it is finished, finalised, postponed
   */
  stage: PinStage;
  /** the session's PINs, any order */
  pins: PinRecord[];
  station: { failuresInRow: number; lockedUntil: number | null };
  /** 'wrong' outcomes against the currently active PIN so far */
  sessionFailures: number;
};
export type VerifyVerdict = {
  outcome: PinVerifyOutcome;
  valid: boolean;
  pinId: number | null;
  attemptsLeft: number;
  /** lock the station until then (set only when this attempt causes the lock) */
  lockStationUntil: number | null;
  /** the active PIN has been guessed at too often across the session: revoke it */
  revokePin: boolean;
};

/** Outcomes that count towards locking a station. 'wrong' alone counts towards revoking the PIN. */
const COUNTED: readonly PinVerifyOutcome[] = ['wrong', 'expired', 'revoked'];

function same(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A PIN replaced by rotation is still accepted for PIN_RULES.rotationGraceMs, so a participant who
 * was typing it is not refused — unless a proctor has since revoked or replaced a PIN, or no PIN is
 * active any more: then the proctor meant to cut the old codes off.
 */
function inGrace(p: PinRecord, pins: PinRecord[], active: PinRecord | null, now: number): boolean {
  if (p.endReason !== 'rotated' || p.endedAt === null || !active) return false;
  if (now > p.endedAt + PIN_RULES.rotationGraceMs) return false;
  return !pins.some((q) => q.endedAt !== null && q.endReason !== 'rotated' && q.endedAt >= p.endedAt!);
}

function matchOutcome(norm: string, pins: PinRecord[], now: number): { outcome: PinVerifyOutcome; pinId: number | null } {
  const active = activePin(pins, now);
  if (active && same(normalizePin(active.pin), norm)) return { outcome: 'ok', pinId: active.id };
  const matches = pins.filter((p) => p !== active && same(normalizePin(p.pin), norm)).sort(newestFirst);
  for (const p of matches) if (inGrace(p, pins, active, now)) return { outcome: 'ok', pinId: p.id };
  const m = matches[0];
  if (!m) return { outcome: 'wrong', pinId: null };
  // A PIN rotated out (past its grace) has run its course like an expired one: "look at the screen
  // for the new PIN". Revoked or replaced by a proctor: 'revoked'.
  if (m.endedAt === null || m.endReason === 'rotated' || m.endReason === 'expired') return { outcome: 'expired', pinId: m.id };
  return { outcome: 'revoked', pinId: m.id };
}

export function verifyPin(v: VerifyInput): VerifyVerdict {
  const max = PIN_RULES.maxStationFailures;
  const left = (failures: number) => Math.max(0, max - failures);
  const verdict = (outcome: PinVerifyOutcome, attemptsLeft: number, more: Partial<VerifyVerdict> = {}): VerifyVerdict => ({
    outcome, valid: outcome === 'ok', pinId: null, attemptsLeft, lockStationUntil: null, revokePin: false, ...more
  });

  // A locked station is not even compared, and the attempt does not count (it would extend the lock forever).
  if (v.station.lockedUntil !== null && v.station.lockedUntil > v.now) return verdict('locked', 0);
  if (v.stage === 'not_started') return verdict('not_started', left(v.station.failuresInRow));
  if (v.stage !== 'running') return verdict('not_running', left(v.station.failuresInRow));
  if (v.pins.length === 0) return verdict('no_pin', left(v.station.failuresInRow));

  const { outcome, pinId } = matchOutcome(normalizePin(v.input), v.pins, v.now);
  if (outcome === 'ok') return verdict('ok', max, { pinId });

  const failures = v.station.failuresInRow + (COUNTED.includes(outcome) ? 1 : 0);
  const lockStationUntil = failures >= max ? v.now + PIN_RULES.stationLockMs : null;
  // Many wrong guesses across all stations: someone is trying codes, so the PIN is no longer secret.
  const revokePin = outcome === 'wrong' && activePin(v.pins, v.now) !== null && v.sessionFailures + 1 >= PIN_RULES.maxSessionFailures;
  return verdict(outcome, left(failures), { pinId, lockStationUntil, revokePin });
}

/**
 * A station's failures in a row, from its stored attempts: the counted outcomes after the newest
 * 'ok' and at or after `since` (when it was last unlocked, by a proctor or by the lock running out;
 * 0 when never). 'locked', 'no_pin', 'not_running', 'not_started' and 'unregistered' (the PIN was
 * right, the desk had not registered the participant) neither count nor reset.
 */
export function failuresInRow(attempts: { at: number; outcome: PinVerifyOutcome }[], since: number): number {
  let n = 0;
  const ordered = attempts.map((a, i) => ({ ...a, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  for (const a of ordered) {
    if (a.outcome === 'ok') n = 0;
    else if (a.at >= since && COUNTED.includes(a.outcome)) n++;
  }
  return n;
}
