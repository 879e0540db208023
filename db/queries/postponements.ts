/**
 * Postponements (Perban BKN 4/2024 Pasal 12(2)e–f, 12(3), Lampiran III): the record, the sessions
 * it covers and its follow-ups. Written by server/session/postponement.service.ts only.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { PostponeCategory, PostponementInput, PostponementRow } from '../../protocol/postponement.ts';
import type { Db } from '../client.ts';
import { documents, postponementFollowups, postponements, postponementSessions, rooms, sessions, users } from '../schema.ts';

export type PostponementRecord = typeof postponements.$inferSelect;

export function insertPostponement(
  db: Db,
  p: Omit<typeof postponements.$inferInsert, 'id' | 'resumedAt' | 'resumedBy'>,
  sessionIds: number[],
  followUps: string[]
): number {
  const id = db.insert(postponements).values(p).returning({ id: postponements.id }).get().id;
  for (const sessionId of sessionIds) db.insert(postponementSessions).values({ postponementId: id, sessionId }).run();
  followUps.forEach((text, i) => db.insert(postponementFollowups).values({ postponementId: id, position: i + 1, text }).run());
  return id;
}

export function getPostponement(db: Db, id: number): PostponementRecord | undefined {
  return db.select().from(postponements).where(eq(postponements.id, id)).get();
}

/** The newest postponement covering this session. */
export function latestPostponementOf(db: Db, sessionId: number): PostponementRecord | undefined {
  return db.select({ p: postponements }).from(postponements)
    .innerJoin(postponementSessions, eq(postponementSessions.postponementId, postponements.id))
    .where(eq(postponementSessions.sessionId, sessionId))
    .orderBy(desc(postponements.id)).limit(1).get()?.p;
}

export function openFollowUps(db: Db, postponementId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(postponementFollowups)
    .where(and(eq(postponementFollowups.postponementId, postponementId), isNull(postponementFollowups.doneAt))).get()?.n ?? 0;
}

export function followUpOf(db: Db, postponementId: number, id: number) {
  return db.select().from(postponementFollowups)
    .where(and(eq(postponementFollowups.postponementId, postponementId), eq(postponementFollowups.id, id))).get();
}

/** Mark a follow-up done once; false when it already was. */
export function markFollowUpDone(db: Db, id: number, at: number, by: number | null): boolean {
  return db.update(postponementFollowups).set({ doneAt: at, doneBy: by })
    .where(and(eq(postponementFollowups.id, id), isNull(postponementFollowups.doneAt))).run().changes === 1;
}

/** Sessions the postponement covers that are still postponed. */
export function stillPostponed(db: Db, postponementId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(postponementSessions)
    .innerJoin(sessions, eq(sessions.id, postponementSessions.sessionId))
    .where(and(eq(postponementSessions.postponementId, postponementId), eq(sessions.state, 'postponed'))).get()?.n ?? 0;
}

/** The rooms of the sessions a postponement covers (their panels show its follow-ups). */
export function roomsOf(db: Db, postponementId: number): number[] {
  return [...new Set(db.select({ roomId: sessions.roomId }).from(postponementSessions)
    .innerJoin(sessions, eq(sessions.id, postponementSessions.sessionId))
    .where(eq(postponementSessions.postponementId, postponementId)).all().map((r) => r.roomId))];
}

export function markResumed(db: Db, id: number, at: number, by: number | null) {
  db.update(postponements).set({ resumedAt: at, resumedBy: by }).where(and(eq(postponements.id, id), isNull(postponements.resumedAt))).run();
}

/** Every session the room's venue holds for this activity, with what coveredSessions reads. */
export function activitySessionsAtVenue(db: Db, activityId: number) {
  return db.select({ id: sessions.id, activityId: sessions.activityId, venueId: rooms.venueId, state: sessions.state, startedAt: sessions.startedAt, scheduledAt: sessions.scheduledAt, roomId: sessions.roomId })
    .from(sessions).innerJoin(rooms, eq(rooms.id, sessions.roomId)).where(eq(sessions.activityId, activityId)).all();
}

const creator = alias(users, 'creator');
const resumer = alias(users, 'resumer');

/** The postponements covering a session (or these ids), newest first, as the panel shows them. */
export function listPostponements(db: Db, q: { sessionId: number } | { ids: number[] }): PostponementRow[] {
  const ids = 'ids' in q
    ? q.ids
    : db.select({ id: postponementSessions.postponementId }).from(postponementSessions).where(eq(postponementSessions.sessionId, q.sessionId)).all().map((r) => r.id);
  if (!ids.length) return [];
  const rows = db.select({ p: postponements, number: documents.number, code: documents.code, createdBy: creator.name, resumedBy: resumer.name })
    .from(postponements)
    .innerJoin(documents, eq(documents.id, postponements.documentId))
    .leftJoin(creator, eq(creator.id, postponements.createdBy))
    .leftJoin(resumer, eq(resumer.id, postponements.resumedBy))
    .where(inArray(postponements.id, ids)).orderBy(desc(postponements.id)).all();
  const covered = db.select({ pid: postponementSessions.postponementId, id: sessions.id, code: sessions.code, name: sessions.name, state: sessions.state, scheduledAt: sessions.scheduledAt })
    .from(postponementSessions).innerJoin(sessions, eq(sessions.id, postponementSessions.sessionId))
    .where(inArray(postponementSessions.postponementId, ids)).orderBy(asc(sessions.scheduledAt), asc(sessions.id)).all();
  const doer = alias(users, 'doer');
  const follow = db.select({ f: postponementFollowups, doneBy: doer.name }).from(postponementFollowups)
    .leftJoin(doer, eq(doer.id, postponementFollowups.doneBy))
    .where(inArray(postponementFollowups.postponementId, ids)).orderBy(asc(postponementFollowups.position)).all();
  return rows.map(({ p, number, code, createdBy, resumedBy }) => {
    const own = covered.filter((c) => c.pid === p.id).map(({ pid: _pid, ...c }) => c);
    // the session acted from first, as the berita acara lists them
    own.sort((a, b) => Number(b.id === p.sessionId) - Number(a.id === p.sessionId));
    return {
      id: p.id, sessionId: p.sessionId, activityId: p.activityId, scope: p.scope as PostponementRow['scope'], category: p.category as PostponeCategory,
      reason: p.reason,
      coordination: JSON.parse(p.coordinationJson) as PostponementInput['coordination'],
      signers: JSON.parse(p.signersJson) as PostponementInput['signers'],
      sessions: own,
      followUps: follow.filter((x) => x.f.postponementId === p.id).map(({ f, doneBy }) => ({ id: f.id, position: f.position, text: f.text, doneAt: f.doneAt, doneBy: f.doneAt === null ? null : doneBy ?? 'system' })),
      document: { id: p.documentId, number, code },
      createdAt: p.createdAt, createdBy, resumedAt: p.resumedAt, resumedBy
    };
  });
}
