/**
 * The venue's rule for logins the desk has not registered, and the proctors' decisions
 * on logins at another PC than the participant's seat (sent back to the seat).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { UnregisteredLoginPolicy } from '../../protocol/index.ts';
import type { Db } from '../client.ts';
import { loginDecisions, participantEvents, venues } from '../schema.ts';

export function venueLoginPolicy(db: Db, venueId: number): UnregisteredLoginPolicy {
  const v = db.select({ p: venues.unregisteredLogin }).from(venues).where(eq(venues.id, venueId)).get();
  return v?.p === 'flag' ? 'flag' : 'refuse';
}

export function setVenueLoginPolicy(db: Db, venueId: number, policy: UnregisteredLoginPolicy): boolean {
  return db.update(venues).set({ unregisteredLogin: policy }).where(eq(venues.id, venueId)).run().changes === 1;
}

export function insertLoginDecision(db: Db, d: typeof loginDecisions.$inferInsert): number {
  return db.insert(loginDecisions).values(d).returning({ id: loginDecisions.id }).get().id;
}

/** The session's sent-back decisions, oldest first (what server/domain/attendance-integrity.ts calls SentBack). */
export function sentBackDecisions(db: Db, sessionId: number) {
  return db.select({ participantId: loginDecisions.participantId, stationId: loginDecisions.stationId, loginAt: loginDecisions.loginAt })
    .from(loginDecisions).where(and(eq(loginDecisions.sessionId, sessionId), eq(loginDecisions.decision, 'sent_back')))
    .orderBy(asc(loginDecisions.at)).all();
}

/**
 * The participants of a session who have logged in at a PC (a stored login event): they are in the
 * room and are never recorded absent, whatever the tiles show now.
 */
export function loggedInParticipants(db: Db, sessionId: number, ids?: number[]): Set<number> {
  const rows = db.selectDistinct({ id: participantEvents.participantId }).from(participantEvents)
    .where(and(
      eq(participantEvents.sessionId, sessionId), eq(participantEvents.type, 'login'), sql`${participantEvents.participantId} is not null`,
      ids === undefined ? undefined : ids.length <= 500 ? inArray(participantEvents.participantId, ids) : undefined
    )).all();
  return new Set(rows.map((r) => r.id!));
}
