/**
 * The session PIN / OTP (Perban BKN 4/2024 Pasal 14(1)i; SE BKN 6/2026 §5.i.3.b.2.b): issued by
 * a proctor, optionally rotated, revocable, shown on the projector, and checked for the exam
 * application through the station's agent. The rules are in server/domain/pin-rules.ts.
 */
import { PIN_RULES } from '../../protocol/index.ts';
import {
  endOpenPins, guessesSince, insertAttempt, insertLock, insertPin, lastUnlockAt, listAttempts, sessionPinList, stationAttempts, unlockStation
} from '../../db/queries/pins.ts';
import { getSession } from '../../db/queries/sessions.ts';
import { activePin, failuresInRow, generatePin, rotatesAt, rotationDue, verifyPin, type PinRecord } from '../domain/pin-rules.ts';
import { PIN_OUTCOME_TEXT, WORK_STATES, type PinIssueInput, type PinSecret, type PinVerifyAck, type PinVerifyOutcome, type PinVerifyPayload, type SessionStateName } from '../../protocol/index.ts';
import { admitLogin } from '../domain/attendance-integrity.ts';
import { pinStage } from '../domain/test-window.ts';
import { venueLoginPolicy } from '../../db/queries/login-decisions.ts';
import { audit, isCurrent, refuse, requireState, type Act, type Result, type SessionDeps, type SessionRef } from './context.ts';
import { msg, refusalWords } from '../../protocol/messages/index.ts';

const SYSTEM: Act = { actor: { kind: 'system' }, userId: null };

const secret = (p: PinRecord): PinSecret => ({
  pin: p.pin, issuedAt: p.issuedAt, expiresAt: p.expiresAt, rotatesAt: rotatesAt(p), rotateMin: p.rotateMin, generation: p.generation
});

export function showPin(deps: SessionDeps, ref: SessionRef, now = Date.now()): PinSecret | null {
  const p = activePin(sessionPinList(deps.db, ref.session.id), now);
  return p ? secret(p) : null;
}

/** The PIN typed at the room's stations, newest first: who tried, where, and the verdict. */
export const pinAttemptsOf = (deps: SessionDeps, ref: SessionRef) => listAttempts(deps.db, ref.session.id);

function newPin(deps: SessionDeps, sessionId: number, o: { lifetimeMin: number; rotateMin: number | null; expiresAt?: number; by: number | null }, now: number): PinRecord {
  const generation = Math.max(0, ...sessionPinList(deps.db, sessionId).map((p) => p.generation)) + 1;
  const rec = { pin: generatePin(), issuedAt: now, expiresAt: o.expiresAt ?? now + o.lifetimeMin * 60_000, rotateMin: o.rotateMin, generation };
  const id = insertPin(deps.db, { sessionId, ...rec, lifetimeMin: o.lifetimeMin, issuedBy: o.by });
  return { id, ...rec, endedAt: null, endReason: null };
}

/** Issue a PIN; it replaces the one in force (a proctor's "new PIN now"). The PIN itself is not audited. */
export function issuePin(deps: SessionDeps, act: Act, ref: SessionRef, input: Required<PinIssueInput>, now = Date.now()): Result<{ pin: PinSecret }> {
  const bad = requireState(ref, WORK_STATES.pin, 'pin');
  if (bad) return bad;
  const { db, hub } = deps;
  const pin = db.transaction(() => {
    endOpenPins(db, ref.session.id, now, 'replaced');
    const p = newPin(deps, ref.session.id, { lifetimeMin: input.lifetimeMin, rotateMin: input.rotateMin, by: act.userId }, now);
    audit(db, act, {
      action: 'session.pin_issued', venueId: ref.venueId, targetType: 'session', targetId: ref.session.id,
      after: { pinId: p.id, generation: p.generation, expiresAt: p.expiresAt, rotateMin: p.rotateMin }
    });
    return p;
  });
  hub.publishSession(ref.roomId, ['pin'], {}, now);
  return { ok: true, pin: secret(pin) };
}

export function revokePin(deps: SessionDeps, act: Act, ref: SessionRef, reason: string | null, now = Date.now()): Result<object> {
  const { db, hub } = deps;
  const active = activePin(sessionPinList(db, ref.session.id), now);
  if (!active) return refuse('NOT_FOUND', msg('pin.noneActive'));
  db.transaction(() => {
    endOpenPins(db, ref.session.id, now, 'revoked');
    audit(db, act, { action: 'session.pin_revoked', venueId: ref.venueId, targetType: 'session', targetId: ref.session.id, before: { pinId: active.id, generation: active.generation }, after: { reason } });
  });
  hub.publishSession(ref.roomId, ['pin'], {}, now);
  return { ok: true };
}

export function unlockPinStation(deps: SessionDeps, act: Act, ref: SessionRef, stationId: number, now = Date.now()): Result<object> {
  const { db, hub } = deps;
  const st = hub.stations.get(stationId);
  if (!st || st.room.info.id !== ref.roomId) return refuse('NOT_FOUND', msg('station.notInRoom', { id: stationId }));
  if (!isCurrent(deps, ref)) return refuse('INVALID_STATE', msg('session.notCurrent'));
  db.transaction(() => {
    const n = unlockStation(db, ref.session.id, stationId, now, act.userId);
    audit(db, act, { action: 'station.pin_unlocked', venueId: ref.venueId, targetType: 'station', targetId: stationId, after: { code: st.view.code, locks: n } });
  });
  hub.setPinLock(stationId, null);
  hub.publishSession(ref.roomId, ['pin'], {}, now);
  return { ok: true };
}

/** The ack with the words the exam application shows the participant. */
const answer = (outcome: PinVerifyOutcome, valid: boolean, attemptsLeft: number, lockedUntil: number | null): PinVerifyAck =>
  ({ ok: true, valid, outcome, attemptsLeft, lockedUntil, text: PIN_OUTCOME_TEXT[outcome] });

/**
 * A participant typed a PIN on a station. Every judged attempt is stored; too many wrong ones lock
 * the station (and show on the dashboard), too many across the session revoke the PIN. The PIN
 * opens the test only once the proctor has started it (not_started before), and
 * only for someone the desk registered present (Pasal 14(1)e, 14(2)a–b): else refused
 * (`unregistered`), or — where the venue chose flag-only — admitted and flagged on the tile.
 */
export function verifyStationPin(deps: SessionDeps, stationId: number, p: PinVerifyPayload, now = Date.now()): PinVerifyAck {
  const { db, hub } = deps;
  const st = hub.stations.get(stationId);
  const session = st?.room.session;
  if (!st || !session) return answer('not_running', false, 0, null);
  // a person types a PIN in seconds; a program hammering the agent's bridge is slowed down here
  if (now - st.pinAt < deps.cfg.pinCheckGapMs) return { ok: false, code: 'RATE_LIMITED', ...refusalWords('RATE_LIMITED', msg('pin.tooFast')), retryAfterSec: 1 };
  st.pinAt = now;
  // a locked station is answered from memory: nothing stored, nothing pushed (the lock itself was recorded)
  if (st.view.pinLockedUntil !== null && st.view.pinLockedUntil > now) return answer('locked', false, 0, st.view.pinLockedUntil);
  const state = getSession(db, session.id)?.state as SessionStateName | undefined;
  const stage = pinStage(state);
  // Before the start nothing is compared or stored (a room waiting for "Mulai tes" retries every few
  // seconds): the participant is told the test has not started.
  if (stage === 'not_started') return answer('not_started', false, PIN_RULES.maxStationFailures, null);
  const pins = sessionPinList(db, session.id);
  const active = activePin(pins, now);
  const since = lastUnlockAt(db, session.id, stationId, now);
  const v = verifyPin({
    input: p.pin, now, stage, pins,
    station: { failuresInRow: failuresInRow(stationAttempts(db, session.id, stationId).reverse(), since), lockedUntil: st.view.pinLockedUntil },
    sessionFailures: active ? guessesSince(db, session.id, active.issuedAt) : 0
  });
  const venueId = st.room.info.venueId;
  // The right PIN from someone the desk has not registered present (by the NIP the exam application
  // gives; without one, the login event is checked when it comes)
  const registration = p.nip ? (st.room.roster.get(p.nip)?.attendance ?? null) : undefined;
  const admission = v.valid ? admitLogin(registration, venueLoginPolicy(db, venueId)) : 'admit';
  const outcome: PinVerifyOutcome = admission === 'refuse' ? 'unregistered' : v.outcome;
  const stationAct: Act = { actor: { kind: 'station', stationId }, userId: null };
  db.transaction(() => {
    insertAttempt(db, { sessionId: session.id, stationId, pinId: v.pinId, at: now, outcome, nip: p.nip ?? null });
    if (admission !== 'admit') {
      // every such attempt is on record: refused, or let in under the venue's flag-only rule
      audit(db, stationAct, {
        action: 'participant.login_unregistered', venueId, targetType: 'station', targetId: stationId,
        after: { code: st.view.code, nip: p.nip ?? null, attendance: registration ?? null, outcome: admission === 'refuse' ? 'refused' : 'flagged' }
      });
    }
    if (v.lockStationUntil) {
      insertLock(db, { sessionId: session.id, stationId, lockedAt: now, until: v.lockStationUntil });
      audit(db, stationAct, { action: 'station.pin_locked', venueId, targetType: 'station', targetId: stationId, after: { code: st.view.code, until: v.lockStationUntil } });
    }
    if (v.revokePin && active) {
      endOpenPins(db, session.id, now, 'revoked');
      audit(db, SYSTEM, { action: 'session.pin_revoked', venueId, targetType: 'session', targetId: session.id, before: { pinId: active.id }, after: { reason: 'too many wrong attempts' } });
    }
  });
  if (v.lockStationUntil) hub.setPinLock(stationId, v.lockStationUntil);
  // wrong attempts, locks, revocations and refused logins change what the room sees (coalesced: they come in bursts)
  if (outcome !== 'ok' && outcome !== 'not_running' && outcome !== 'no_pin') hub.publishSessionSoon(st.room.info.id, ['pin']);
  const lockedUntil = v.lockStationUntil ?? (v.outcome === 'locked' ? st.view.pinLockedUntil : null);
  return answer(outcome, outcome === 'ok', v.attemptsLeft, lockedUntil);
}

/**
 * Once a second: rotate PINs that are due, and tell rooms whose PIN ran out or whose station
 * lock ran out. Rotation keeps the window the proctor chose (expiresAt); only the code changes.
 */
export function pinTick(deps: SessionDeps, now = Date.now()) {
  const { db, hub } = deps;
  for (const room of hub.rooms.values()) {
    for (const st of room.stations) {
      if (st.view.pinLockedUntil !== null && st.view.pinLockedUntil <= now) {
        hub.setPinLock(st.view.id, null);
        hub.publishSessionSoon(room.info.id, ['pin']); // the count of locked PCs changed
      }
    }
    const pin = room.summary?.pin;
    if (!room.session || !pin?.active) continue;
    if (pin.expiresAt !== null && pin.expiresAt <= now) {
      hub.publishSession(room.info.id, ['pin'], {}, now);
      continue;
    }
    if (pin.rotatesAt === null || pin.rotatesAt > now) continue;
    const current = activePin(sessionPinList(db, room.session.id), now);
    if (!current || !rotationDue(current, now)) continue;
    const sessionId = room.session.id;
    db.transaction(() => {
      endOpenPins(db, sessionId, now, 'rotated');
      const next = newPin(deps, sessionId, { lifetimeMin: Math.round((current.expiresAt - now) / 60_000), rotateMin: current.rotateMin, expiresAt: current.expiresAt, by: null }, now);
      audit(db, SYSTEM, { action: 'session.pin_rotated', venueId: room.info.venueId, targetType: 'session', targetId: sessionId, before: { pinId: current.id }, after: { pinId: next.id, generation: next.generation } });
    });
    hub.publishSession(room.info.id, ['pin'], {}, now);
  }
}
