/** Station rows: identity, token hash, reported facts, event-stream position, last bandwidth. */
import { asc, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { StationFacts } from '../../server/protocol/index.ts';
import type { Db } from '../client.ts';
import { stations } from '../schema.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function listStations(db: Db) {
  return db.select().from(stations).orderBy(asc(stations.roomId), asc(stations.row), asc(stations.col)).all();
}

export function getStation(db: Db, id: number) {
  return db.select().from(stations).where(eq(stations.id, id)).get();
}

export function saveFacts(db: Db, id: number, facts: StationFacts, agentVersion: string, at: number) {
  db.update(stations).set({ factsJson: JSON.stringify(facts), factsAt: at, agentVersion }).where(eq(stations.id, id)).run();
}

export function saveBandwidth(db: Db, id: number, kbps: number, at: number) {
  db.update(stations).set({ lastKbps: kbps, lastKbpsAt: at }).where(eq(stations.id, id)).run();
}

export function setTokenHash(db: Db, id: number, tokenHash: string) {
  db.update(stations).set({ tokenHash }).where(eq(stations.id, id)).run();
}
