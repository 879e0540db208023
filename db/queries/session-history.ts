/**
 * Every session of a room, newest first, with what each holds: the records of a
 * finalised session stay reachable from its room. One statement: counts are correlated subqueries
 * over the per-session indexes, so a room with years of sessions is still one quick read.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { ChecklistConclusion, SessionHistoryEntry, SessionStateName } from '../../protocol/index.ts';
import { isReadOnlyState } from '../../protocol/session-history.ts';
import type { Db } from '../client.ts';
import { sessionChecklists, sessions } from '../schema.ts';

export function countRoomSessions(db: Db, roomId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(sessions).where(eq(sessions.roomId, roomId)).get()?.n ?? 0;
}

/**
 * A room's sessions, newest scheduled first (then newest id); `currentId` marks the room's current
 * one; `page.session` picks one session (none when it is another room's).
 */
export function roomSessionHistory(
  db: Db, roomId: number, currentId: number | null, page: { limit: number; offset: number; session?: number } = { limit: 50, offset: 0 }
): SessionHistoryEntry[] {
  const sid = sessions.id;
  const rows = db
    .select({
      id: sid, code: sessions.code, name: sessions.name, state: sessions.state, scheduledAt: sessions.scheduledAt,
      startedAt: sessions.startedAt, finishedAt: sessions.finishedAt, durationMin: sessions.durationMin, stateChangedAt: sessions.stateChangedAt,
      participants: sql<number>`(select count(*) from participants p where p.session_id = ${sid})`,
      present: sql<number>`(select count(*) from participants p join attendance a on a.participant_id = p.id where p.session_id = ${sid} and a.status = 'present')`,
      absent: sql<number>`(select count(*) from participants p join attendance a on a.participant_id = p.id where p.session_id = ${sid} and a.status = 'absent')`,
      late: sql<number>`(select count(*) from participants p join attendance a on a.participant_id = p.id where p.session_id = ${sid} and a.status = 'present' and a.late)`,
      incidents: sql<number>`(select count(*) from incidents i where i.session_id = ${sid})`,
      visitors: sql<number>`(select count(*) from room_visitors v where v.session_id = ${sid})`,
      checklistUpdatedAt: sessionChecklists.updatedAt,
      checklistCompletedAt: sessionChecklists.completedAt,
      conclusion: sessionChecklists.conclusion
    })
    .from(sessions)
    .leftJoin(sessionChecklists, eq(sessionChecklists.sessionId, sid))
    .where(and(eq(sessions.roomId, roomId), page.session === undefined ? undefined : eq(sid, page.session)))
    .orderBy(desc(sessions.scheduledAt), desc(sid))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  return rows.map((r) => {
    const state = r.state as SessionStateName;
    return {
      id: r.id, code: r.code, name: r.name, state, scheduledAt: r.scheduledAt, startedAt: r.startedAt, finishedAt: r.finishedAt,
      durationMin: r.durationMin, stateChangedAt: r.stateChangedAt,
      current: r.id === currentId,
      readOnly: isReadOnlyState(state),
      checklist: {
        status: r.checklistUpdatedAt == null ? 'none' : r.checklistCompletedAt != null ? 'complete' : 'draft',
        conclusion: (r.conclusion as ChecklistConclusion | null) ?? null
      },
      counts: {
        participants: r.participants, present: r.present, absent: r.absent,
        expected: r.participants - r.present - r.absent, late: r.late
      },
      incidents: r.incidents,
      visitors: r.visitors
    };
  });
}
