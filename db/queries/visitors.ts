/** Others allowed into the test room (Perban BKN 4/2024 Pasal 13(2), 14(1)k). */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { VisitorRow } from '../../protocol/index.ts';
import type { Db } from '../client.ts';
import { roomVisitors, users } from '../schema.ts';

const columns = {
  id: roomVisitors.id, name: roomVisitors.name, affiliation: roomVisitors.affiliation, purpose: roomVisitors.purpose,
  inAt: roomVisitors.inAt, outAt: roomVisitors.outAt, recordedBy: sql<string>`coalesce(${users.name}, 'system')`
};

export function listVisitors(db: Db, sessionId: number, id?: number): VisitorRow[] {
  return db.select(columns).from(roomVisitors).leftJoin(users, eq(users.id, roomVisitors.recordedBy))
    .where(and(eq(roomVisitors.sessionId, sessionId), id === undefined ? undefined : eq(roomVisitors.id, id)))
    .orderBy(asc(roomVisitors.inAt)).all();
}

export function insertVisitor(db: Db, v: typeof roomVisitors.$inferInsert): number {
  return db.insert(roomVisitors).values(v).returning({ id: roomVisitors.id }).get().id;
}

/** Records the time out; false when the visitor is unknown or already out. */
export function visitorOut(db: Db, sessionId: number, id: number, at: number): boolean {
  return db.update(roomVisitors).set({ outAt: at }).where(and(eq(roomVisitors.sessionId, sessionId), eq(roomVisitors.id, id), isNull(roomVisitors.outAt))).run().changes === 1;
}

export function visitorsInside(db: Db, sessionId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(roomVisitors).where(and(eq(roomVisitors.sessionId, sessionId), isNull(roomVisitors.outAt))).get()?.n ?? 0;
}
