/** Session PINs, the attempts stations made, and stations locked after too many wrong ones. */
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { PinAttemptRow, PinVerifyOutcome } from '../../protocol/index.ts';
import type { Db } from '../client.ts';
import { pinAttempts, pinLocks, sessionPins, stations } from '../schema.ts';

/** The session's PINs, newest first: the records the PIN rules (server/domain/pin-rules.ts PinRecord) decide on. */
export function sessionPinList(db: Db, sessionId: number) {
  return db
    .select({ id: sessionPins.id, pin: sessionPins.pin, issuedAt: sessionPins.issuedAt, expiresAt: sessionPins.expiresAt, rotateMin: sessionPins.rotateMin, generation: sessionPins.generation, endedAt: sessionPins.endedAt, endReason: sessionPins.endReason })
    .from(sessionPins)
    .where(eq(sessionPins.sessionId, sessionId))
    .orderBy(desc(sessionPins.issuedAt), desc(sessionPins.id))
    .limit(50)
    .all();
}

export function insertPin(db: Db, p: typeof sessionPins.$inferInsert): number {
  return db.insert(sessionPins).values(p).returning({ id: sessionPins.id }).get().id;
}

/** End every PIN of the session still open (a new one replaces them, or a revocation). */
export function endOpenPins(db: Db, sessionId: number, at: number, reason: 'rotated' | 'replaced' | 'revoked' | 'session_ended') {
  db.update(sessionPins).set({ endedAt: at, endReason: reason }).where(and(eq(sessionPins.sessionId, sessionId), isNull(sessionPins.endedAt))).run();
}

export function insertAttempt(db: Db, a: { sessionId: number; stationId: number; pinId: number | null; at: number; outcome: PinVerifyOutcome; nip: string | null }) {
  db.insert(pinAttempts).values(a).run();
}

/** The station's recent attempts in this session, newest first (enough to count a run of failures). */
export function stationAttempts(db: Db, sessionId: number, stationId: number) {
  return db
    .select({ at: pinAttempts.at, outcome: pinAttempts.outcome })
    .from(pinAttempts)
    .where(and(eq(pinAttempts.sessionId, sessionId), eq(pinAttempts.stationId, stationId)))
    .orderBy(desc(pinAttempts.id))
    .limit(50)
    .all() as { at: number; outcome: PinVerifyOutcome }[];
}


/**
 * Wrong PINs since a moment from stations that have not typed it right since then: guessing. A
 * station whose participant has the PIN (from the projector) gains nothing by typing wrong ones,
 * so its slips must not let one person revoke the room's PIN.
 */
export function guessesSince(db: Db, sessionId: number, since: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(pinAttempts).where(and(
    eq(pinAttempts.sessionId, sessionId), eq(pinAttempts.outcome, 'wrong'), gt(pinAttempts.at, since - 1),
    sql`${pinAttempts.stationId} not in (select station_id from pin_attempts where session_id = ${sessionId} and outcome = 'ok' and at >= ${since})`
  )).get()?.n ?? 0;
}

/** Wrong PINs in a session since a moment (the summary's failure count for the active PIN). */
export function wrongAttemptsSince(db: Db, sessionId: number, since: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(pinAttempts).where(and(eq(pinAttempts.sessionId, sessionId), eq(pinAttempts.outcome, 'wrong'), gt(pinAttempts.at, since - 1))).get()?.n ?? 0;
}

export function listAttempts(db: Db, sessionId: number, limit = 300): PinAttemptRow[] {
  return db
    .select({ id: pinAttempts.id, at: pinAttempts.at, stationId: pinAttempts.stationId, stationCode: stations.code, outcome: pinAttempts.outcome, nip: pinAttempts.nip })
    .from(pinAttempts)
    .innerJoin(stations, eq(stations.id, pinAttempts.stationId))
    .where(eq(pinAttempts.sessionId, sessionId))
    .orderBy(desc(pinAttempts.id))
    .limit(limit)
    .all() as PinAttemptRow[];
}

export function insertLock(db: Db, l: { sessionId: number; stationId: number; lockedAt: number; until: number }) {
  db.insert(pinLocks).values(l).run();
}

/** Ends the station's open locks; returns how many there were. */
export function unlockStation(db: Db, sessionId: number, stationId: number, at: number, by: number | null): number {
  return db.update(pinLocks).set({ unlockedAt: at, unlockedBy: by })
    .where(and(eq(pinLocks.sessionId, sessionId), eq(pinLocks.stationId, stationId), isNull(pinLocks.unlockedAt), gt(pinLocks.until, at)))
    .run().changes;
}

/** When the station's newest lock ended (unlocked, or ran out): failures before it no longer count. */
export function lastUnlockAt(db: Db, sessionId: number, stationId: number, now: number): number {
  // a lock still in force has not ended: it says nothing about which failures count after it
  const r = db.select({ at: sql<number | null>`max(coalesce(${pinLocks.unlockedAt}, ${pinLocks.until}))` }).from(pinLocks)
    .where(and(eq(pinLocks.sessionId, sessionId), eq(pinLocks.stationId, stationId), sql`(${pinLocks.unlockedAt} is not null or ${pinLocks.until} <= ${now})`)).get();
  return r?.at ?? 0;
}

/** Locks still in force now, for the given sessions: station → until. */
export function activeLocks(db: Db, sessionIds: number[], now: number): Map<number, number> {
  const out = new Map<number, number>();
  if (!sessionIds.length) return out;
  const rows = db.select({ stationId: pinLocks.stationId, until: pinLocks.until }).from(pinLocks)
    .where(and(inArray(pinLocks.sessionId, sessionIds), isNull(pinLocks.unlockedAt), gt(pinLocks.until, now))).all();
  for (const r of rows) out.set(r.stationId, Math.max(out.get(r.stationId) ?? 0, r.until));
  return out;
}
