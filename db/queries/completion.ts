/**
 * What the completion list reads (the roster with the desk's record and the recorded reasons, the
 * proctors' actions) and the one thing it writes: a participant's reason for not completing.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { AttendanceStatus, NonCompletionReason, ParticipantActionKind } from '../../protocol/index.ts';
import type { Db } from '../client.ts';
import { attendance, participantActions, participants, users } from '../schema.ts';

export function completionRoster(db: Db, sessionId: number) {
  return db
    .select({
      participantId: participants.id, nip: participants.nip, name: participants.name, nomorPeserta: participants.nomorPeserta,
      status: attendance.status, reason: participants.nonCompletionReason, note: participants.nonCompletionNote,
      by: users.name, at: participants.nonCompletionAt
    })
    .from(participants)
    .leftJoin(attendance, eq(attendance.participantId, participants.id))
    .leftJoin(users, eq(users.id, participants.nonCompletionBy))
    .where(eq(participants.sessionId, sessionId))
    .orderBy(asc(participants.name), asc(participants.id))
    .all()
    .map((r) => ({
      ...r,
      attendance: ((r.status as AttendanceStatus | null) ?? 'expected') as AttendanceStatus,
      reason: r.reason as NonCompletionReason | null
    }));
}

/** Every proctor action of the session, answered or not. */
export function sessionActionsForCompletion(db: Db, sessionId: number) {
  return db
    .select({
      participantId: participantActions.participantId, kind: participantActions.kind, minutes: participantActions.minutes,
      requestedAt: participantActions.requestedAt, ackedAt: participantActions.ackedAt, result: participantActions.result
    })
    .from(participantActions)
    .where(eq(participantActions.sessionId, sessionId))
    .orderBy(asc(participantActions.id))
    .all() as { participantId: number; kind: ParticipantActionKind; minutes: number | null; requestedAt: number; ackedAt: number | null; result: string | null }[];
}

export function setNonCompletion(db: Db, sessionId: number, participantId: number, r: { reason: NonCompletionReason; note: string | null; by: number | null; at: number }) {
  return db.update(participants)
    .set({ nonCompletionReason: r.reason, nonCompletionNote: r.note, nonCompletionBy: r.by, nonCompletionAt: r.at })
    .where(and(eq(participants.sessionId, sessionId), eq(participants.id, participantId)))
    .run().changes > 0;
}
