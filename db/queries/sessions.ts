/** Sessions: the row, its lifecycle steps, and which one is a room's current session. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { OPEN_STATES, type SessionStateName } from '../../protocol/index.ts';
import type { Db } from '../client.ts';
import { rooms, sessions, sessionTransitions, users } from '../schema.ts';

export type SessionRow = typeof sessions.$inferSelect;

export function getSession(db: Db, id: number): SessionRow | undefined {
  return db.select().from(sessions).where(eq(sessions.id, id)).get();
}

/** The session with its room and venue, for scope checks. */
export function sessionWithRoom(db: Db, id: number) {
  return db
    .select({ session: sessions, roomId: rooms.id, venueId: rooms.venueId })
    .from(sessions)
    .innerJoin(rooms, eq(rooms.id, sessions.roomId))
    .where(eq(sessions.id, id))
    .get();
}

/**
 * The session a room shows now. A session in progress (preparation → finished) wins; then the
 * next scheduled one; then the newest postponed one. A finished session stays current until it
 * is finalised, so the minutes can be made from the room.
 */
export function currentSession(db: Db, roomId: number): SessionRow | undefined {
  const list = db.select().from(sessions).where(and(eq(sessions.roomId, roomId), inArray(sessions.state, [...OPEN_STATES]))).orderBy(asc(sessions.scheduledAt)).all();
  const rank = (s: SessionRow) => (['preparation', 'open', 'running', 'finished'].includes(s.state) ? 0 : s.state === 'scheduled' ? 1 : 2);
  list.sort((a, b) => rank(a) - rank(b) || (rank(a) === 2 ? b.scheduledAt - a.scheduledAt : a.scheduledAt - b.scheduledAt));
  return list[0];
}

export function recordTransition(
  db: Db,
  t: { sessionId: number; at: number; action: string; from: SessionStateName; to: SessionStateName; reason: string | null; actorId: number | null }
) {
  db.insert(sessionTransitions).values({ sessionId: t.sessionId, at: t.at, action: t.action, fromState: t.from, toState: t.to, reason: t.reason, actorId: t.actorId }).run();
  const set: Partial<SessionRow> = { state: t.to, stateChangedAt: t.at };
  if (t.to === 'running') set.startedAt = t.at;
  if (t.to === 'finished') set.finishedAt = t.at;
  db.update(sessions).set(set).where(eq(sessions.id, t.sessionId)).run();
}

export function listTransitions(db: Db, sessionId: number) {
  return db
    .select({ at: sessionTransitions.at, action: sessionTransitions.action, from: sessionTransitions.fromState, to: sessionTransitions.toState, reason: sessionTransitions.reason, by: users.name })
    .from(sessionTransitions)
    .leftJoin(users, eq(users.id, sessionTransitions.actorId))
    .where(eq(sessionTransitions.sessionId, sessionId))
    .orderBy(desc(sessionTransitions.at), desc(sessionTransitions.id))
    .all()
    .map((r) => ({ ...r, by: r.by ?? 'system' }));
}

/** Another session of the room that holds it (in preparation … finished, not yet finalised). */
export function otherActiveSession(db: Db, roomId: number, sessionId: number) {
  return db.select({ code: sessions.code, state: sessions.state }).from(sessions)
    .where(and(eq(sessions.roomId, roomId), inArray(sessions.state, ['preparation', 'open', 'running', 'finished']), sql`${sessions.id} <> ${sessionId}`))
    .get() as { code: string; state: SessionStateName } | undefined;
}
