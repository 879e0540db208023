/** Attention markers (went offline, degraded, progress stalled) and their acknowledgement. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { stationAlerts } from '../schema.ts';

export function openAlerts(db: Db) {
  return db.select().from(stationAlerts).where(isNull(stationAlerts.ackedAt)).all();
}

/** The newest time each station had an alert of this kind raised, acknowledged or not. */
export function lastRaised(db: Db, kind: string): Map<number, number> {
  const rows = db.$client
    .prepare('select station_id as id, max(raised_at) as at from station_alerts where kind = ? group by station_id')
    .all(kind) as { id: number; at: number }[];
  return new Map(rows.map((r) => [r.id, r.at]));
}

export function ackStationAlerts(db: Db, stationId: number, by: string, at: number): number {
  return db
    .update(stationAlerts)
    .set({ ackedAt: at, ackedBy: by })
    .where(and(eq(stationAlerts.stationId, stationId), isNull(stationAlerts.ackedAt)))
    .run().changes;
}
