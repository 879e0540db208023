/** Signed-in browser sessions. The key is the sha-256 of the cookie's token. */
import { and, eq, isNull, lt, ne, or } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { authSessions } from '../schema.ts';

export type AuthSessionRow = typeof authSessions.$inferSelect;

export function insertAuthSession(db: Db, row: typeof authSessions.$inferInsert) {
  db.insert(authSessions).values(row).run();
}

export const getAuthSession = (db: Db, id: string) => db.select().from(authSessions).where(eq(authSessions.id, id)).get();

export function touchAuthSession(db: Db, id: string, at: number) {
  db.update(authSessions).set({ lastSeenAt: at }).where(eq(authSessions.id, id)).run();
}

export function revokeAuthSession(db: Db, id: string, at: number) {
  db.update(authSessions).set({ revokedAt: at }).where(and(eq(authSessions.id, id), isNull(authSessions.revokedAt))).run();
}

/** Revoke every live session of a user, except `keep`; returns the ids revoked. */
export function revokeUserSessions(db: Db, userId: number, at: number, keep?: string): string[] {
  const where = and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt), keep ? ne(authSessions.id, keep) : undefined);
  const ids = db.select({ id: authSessions.id }).from(authSessions).where(where).all().map((r) => r.id);
  db.update(authSessions).set({ revokedAt: at }).where(where).run();
  return ids;
}

/** Forget sessions that ended long ago (kept a while for forensics). */
export function pruneAuthSessions(db: Db, before: number) {
  db.delete(authSessions).where(or(lt(authSessions.expiresAt, before), lt(authSessions.revokedAt, before))).run();
}
