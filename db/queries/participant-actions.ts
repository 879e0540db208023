/** Proctor actions for participants (pause, resume, add time, end) and their acknowledgements. */
import { and, desc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { ActionRow, ParticipantActionKind, StationCommand } from '../../protocol/index.ts';
import type { Db } from '../client.ts';
import { participantActions, participants, seatMoves, stations, users } from '../schema.ts';

export function insertAction(db: Db, a: typeof participantActions.$inferInsert): number {
  return db.insert(participantActions).values(a).returning({ id: participantActions.id }).get().id;
}

export function listActions(db: Db, sessionId: number, ids?: number[]): ActionRow[] {
  return db
    .select({
      id: participantActions.id, kind: participantActions.kind, participantId: participantActions.participantId, participantName: participants.name,
      stationId: participantActions.stationId, stationCode: stations.code, minutes: participantActions.minutes, reason: participantActions.reason,
      requestedAt: participantActions.requestedAt, requestedBy: users.name, ackedAt: participantActions.ackedAt, result: participantActions.result,
      message: participantActions.message
    })
    .from(participantActions)
    .innerJoin(participants, eq(participants.id, participantActions.participantId))
    .leftJoin(stations, eq(stations.id, participantActions.stationId))
    .leftJoin(users, eq(users.id, participantActions.requestedBy))
    .where(and(eq(participantActions.sessionId, sessionId), ids ? inArray(participantActions.id, ids) : undefined))
    .orderBy(desc(participantActions.requestedAt), desc(participantActions.id))
    .limit(500)
    .all()
    .map((r) => ({ ...r, requestedBy: r.requestedBy ?? 'system' })) as ActionRow[];
}

export type PendingCommandRow = {
  id: number; sessionId: number; participantId: number; stationId: number | null; kind: ParticipantActionKind;
  minutes: number | null; reason: string | null; requestedAt: number; nip: string;
};

/** Actions not yet acknowledged, for the given sessions (hub start-up) or one station (hello). */
export function pendingActions(db: Db, where: { sessionIds?: number[]; stationId?: number }): PendingCommandRow[] {
  if (where.sessionIds && !where.sessionIds.length) return [];
  return db
    .select({
      id: participantActions.id, sessionId: participantActions.sessionId, participantId: participantActions.participantId, stationId: participantActions.stationId,
      kind: participantActions.kind, minutes: participantActions.minutes, reason: participantActions.reason, requestedAt: participantActions.requestedAt, nip: participants.nip
    })
    .from(participantActions)
    .innerJoin(participants, eq(participants.id, participantActions.participantId))
    .where(and(
      isNull(participantActions.ackedAt),
      where.sessionIds ? inArray(participantActions.sessionId, where.sessionIds) : undefined,
      where.stationId !== undefined ? eq(participantActions.stationId, where.stationId) : undefined
    ))
    .orderBy(participantActions.id)
    .all() as PendingCommandRow[];
}

/** Acknowledged actions that were applied, in order: replayed into participants' time after a restart. */
export function appliedActions(db: Db, sessionId: number) {
  return db.select({ participantId: participantActions.participantId, kind: participantActions.kind, minutes: participantActions.minutes, at: participantActions.ackedAt })
    .from(participantActions)
    .where(and(eq(participantActions.sessionId, sessionId), eq(participantActions.result, 'applied')))
    .orderBy(participantActions.ackedAt, participantActions.id)
    .all() as { participantId: number; kind: ParticipantActionKind; minutes: number | null; at: number }[];
}

/** Record the station's answer once (the caller checked the station may answer); false when already acknowledged. */
export function ackAction(db: Db, id: number, at: number, result: 'applied' | 'refused', message: string | null): boolean {
  return db.update(participantActions).set({ ackedAt: at, result, message })
    .where(and(eq(participantActions.id, id), isNull(participantActions.ackedAt)))
    .run().changes === 1;
}

/** Whether the participant left this station after `since` (an action sent there before the move may still be answered by it). */
export function leftStationSince(db: Db, participantId: number, stationId: number, since: number): boolean {
  return !!db.select({ id: seatMoves.id }).from(seatMoves)
    .where(and(eq(seatMoves.participantId, participantId), eq(seatMoves.fromStationId, stationId), gte(seatMoves.at, since))).get();
}

export function actionById(db: Db, id: number) {
  return db.select().from(participantActions).where(eq(participantActions.id, id)).get();
}

/** A participant moved to another PC: their unacknowledged actions go with them. Returns them as commands. */
export function moveActions(db: Db, sessionId: number, participantId: number, toStationId: number): StationCommand[] {
  const rows = db
    .select({ id: participantActions.id, kind: participantActions.kind, minutes: participantActions.minutes, reason: participantActions.reason, requestedAt: participantActions.requestedAt, nip: participants.nip })
    .from(participantActions)
    .innerJoin(participants, eq(participants.id, participantActions.participantId))
    .where(and(eq(participantActions.sessionId, sessionId), eq(participantActions.participantId, participantId), isNull(participantActions.ackedAt)))
    .orderBy(participantActions.id)
    .all();
  if (rows.length) {
    db.update(participantActions).set({ stationId: toStationId }).where(inArray(participantActions.id, rows.map((r) => r.id))).run();
  }
  return rows.map((r) => ({ id: r.id, kind: r.kind as ParticipantActionKind, nip: r.nip, minutes: r.minutes, reason: r.reason, requestedAt: r.requestedAt }));
}
