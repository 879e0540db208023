/** Attention markers (went offline, degraded, progress stalled) and their acknowledgement. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { stationAlerts } from '../schema.ts';

export function openAlerts(db: Db) {
  return db.select().from(stationAlerts).where(isNull(stationAlerts.ackedAt)).all();
}

export function ackStationAlerts(db: Db, stationId: number, by: string, at: number): number {
  return db
    .update(stationAlerts)
    .set({ ackedAt: at, ackedBy: by })
    .where(and(eq(stationAlerts.stationId, stationId), isNull(stationAlerts.ackedAt)))
    .run().changes;
}
