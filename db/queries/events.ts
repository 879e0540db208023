/**
 * The per-station participant event log. A batch is stored in one transaction together with the
 * station's new stream position, so a batch is either wholly stored or not at all, and a replay
 * after a crash can never apply an event twice (the unique index backs that up).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { ParticipantEvent } from '../../protocol/index.ts';
import type { Db } from '../client.ts';
import { participantEvents, stations } from '../schema.ts';

/** `event.at` is already on the server's clock; `agentAt` is what the station sent. */
export type StoredEvent = { event: ParticipantEvent; agentAt: number; participantId: number | null };

/** Highest sequence stored for one of a station's streams (0 when none). */
export function lastSeqOf(db: Db, stationId: number, stream: string): number {
  const row = db.$client
    .prepare('select max(seq) as s from participant_events where station_id = ? and stream = ?')
    .get(stationId, stream) as { s: number | null };
  return row.s ?? 0;
}

export function storeEventBatch(
  db: Db,
  p: { stationId: number; stream: string; newLast: number; sessionId: number | null; receivedAt: number; events: StoredEvent[] }
) {
  db.transaction((tx) => {
    for (const { event, agentAt, participantId } of p.events) {
      const { seq, at, type, ...data } = event;
      tx.insert(participantEvents)
        .values({ stationId: p.stationId, stream: p.stream, seq, at, agentAt, type, receivedAt: p.receivedAt, sessionId: p.sessionId, participantId, dataJson: JSON.stringify(data) })
        .run();
    }
    tx.update(stations).set({ stream: p.stream, lastSeq: p.newLast }).where(eq(stations.id, p.stationId)).run();
  });
}

/**
 * Every event of a session, in the order they were stored: enough to rebuild the room.
 * `receivedAt` (server clock, at arrival) places them among the desk's and proctors' steps.
 */
export function sessionEvents(db: Db, sessionId: number): { stationId: number; receivedAt: number; participantId: number | null; event: ParticipantEvent }[] {
  return db
    .select()
    .from(participantEvents)
    .where(eq(participantEvents.sessionId, sessionId))
    .orderBy(asc(participantEvents.id))
    .all()
    .map((r) => ({ stationId: r.stationId, receivedAt: r.receivedAt, participantId: r.participantId, event: { seq: r.seq, at: r.at, type: r.type, ...JSON.parse(r.dataJson) } as ParticipantEvent }));
}


/** Whether anyone ever logged in at a PC in this session (a stored login event). */
export function anyoneLoggedIn(db: Db, sessionId: number): boolean {
  return db.select({ id: participantEvents.id }).from(participantEvents)
    .where(and(eq(participantEvents.sessionId, sessionId), eq(participantEvents.type, 'login'))).limit(1).get() !== undefined;
}
