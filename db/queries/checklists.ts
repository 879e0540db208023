/** The daftar periksa of a session (Lampiran I.B): one versioned row per session. */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sessionChecklists, users } from '../schema.ts';

export type ChecklistRow = typeof sessionChecklists.$inferSelect & { updatedByName: string | null; completedByName: string | null };

export function getChecklist(db: Db, sessionId: number): ChecklistRow | undefined {
  const row = db.select().from(sessionChecklists).where(eq(sessionChecklists.sessionId, sessionId)).get();
  if (!row) return undefined;
  const name = (id: number | null) => (id === null ? null : db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null);
  return { ...row, updatedByName: name(row.updatedBy), completedByName: name(row.completedBy) };
}

/** Insert or replace the content; the caller has checked the version. */
export function saveChecklist(db: Db, row: typeof sessionChecklists.$inferInsert) {
  db.insert(sessionChecklists).values(row).onConflictDoUpdate({ target: sessionChecklists.sessionId, set: row }).run();
}

/** Make a completed checklist a draft again (a new version); false when there was none completed. */
export function reopenChecklist(db: Db, sessionId: number, at: number): boolean {
  return db.update(sessionChecklists).set({ completedAt: null, completedBy: null, version: sql`${sessionChecklists.version} + 1`, updatedAt: at })
    .where(and(eq(sessionChecklists.sessionId, sessionId), isNotNull(sessionChecklists.completedAt))).run().changes === 1;
}
