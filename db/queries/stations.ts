/** Station rows: identity, token hash, last bandwidth. (Facts are written by the batch writer.) */
import { asc, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Db } from '../client.ts';
import { stations } from '../schema.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function listStations(db: Db) {
  return db.select().from(stations).orderBy(asc(stations.roomId), asc(stations.row), asc(stations.col)).all();
}

export function saveBandwidth(db: Db, id: number, kbps: number, at: number) {
  db.update(stations).set({ lastKbps: kbps, lastKbpsAt: at }).where(eq(stations.id, id)).run();
}

