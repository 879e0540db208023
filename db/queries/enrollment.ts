/** Station enrollment: one-time codes, token issue and revocation (tokens stored as hashes only). */
import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { VenueTimeZone } from '../../protocol/activity.ts';
import type { Db } from '../client.ts';
import { enrollmentCodes, rooms, stations, venues } from '../schema.ts';

export function roomStations(db: Db, roomId: number) {
  return db.select().from(stations).where(eq(stations.roomId, roomId)).orderBy(asc(stations.row), asc(stations.col)).all();
}

export const getStation = (db: Db, id: number) => db.select().from(stations).where(eq(stations.id, id)).get();

export function roomWithVenue(db: Db, roomId: number) {
  return db
    .select({ id: rooms.id, name: rooms.name, code: rooms.code, venueId: rooms.venueId, venueName: venues.name, timeZone: sql<VenueTimeZone>`${venues.timeZone}` })
    .from(rooms)
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .where(eq(rooms.id, roomId))
    .get();
}

/** Unused, unexpired, unrevoked codes of a room: station id → expiry. */
export function pendingCodes(db: Db, roomId: number, now: number): Map<number, number> {
  const rows = db
    .select({ stationId: enrollmentCodes.stationId, expiresAt: enrollmentCodes.expiresAt })
    .from(enrollmentCodes)
    .where(and(eq(enrollmentCodes.roomId, roomId), isNull(enrollmentCodes.usedAt), isNull(enrollmentCodes.revokedAt), gt(enrollmentCodes.expiresAt, now)))
    .orderBy(desc(enrollmentCodes.expiresAt))
    .all();
  const out = new Map<number, number>();
  for (const r of rows) if (!out.has(r.stationId)) out.set(r.stationId, r.expiresAt);
  return out;
}

/** A new code replaces the seat's earlier unused ones: only the newest code printed is valid. */
export function insertCode(db: Db, c: { roomId: number; stationId: number; codeHash: string; createdBy: number; createdAt: number; expiresAt: number }) {
  db.update(enrollmentCodes)
    .set({ revokedAt: c.createdAt })
    .where(and(eq(enrollmentCodes.stationId, c.stationId), isNull(enrollmentCodes.usedAt), isNull(enrollmentCodes.revokedAt)))
    .run();
  db.insert(enrollmentCodes).values(c).run();
}

export const findCode = (db: Db, codeHash: string) => db.select().from(enrollmentCodes).where(eq(enrollmentCodes.codeHash, codeHash)).get();

export function markCodeUsed(db: Db, id: number, at: number, ip: string | null) {
  db.update(enrollmentCodes).set({ usedAt: at, usedIp: ip }).where(eq(enrollmentCodes.id, id)).run();
}

export function setStationToken(db: Db, stationId: number, tokenHash: string, at: number, hostname: string | null) {
  db.update(stations).set({ tokenHash, tokenIssuedAt: at, enrolledHostname: hostname }).where(eq(stations.id, stationId)).run();
}

export function clearStationToken(db: Db, stationId: number, at: number) {
  db.update(stations).set({ tokenHash: null, tokenRevokedAt: at }).where(eq(stations.id, stationId)).run();
  // a revoked seat's outstanding codes go too: re-enrolling takes a fresh code
  db.update(enrollmentCodes).set({ revokedAt: at }).where(and(eq(enrollmentCodes.stationId, stationId), isNull(enrollmentCodes.usedAt), isNull(enrollmentCodes.revokedAt))).run();
}

export function stationsByIds(db: Db, roomId: number, ids: number[]) {
  return db.select().from(stations).where(and(eq(stations.roomId, roomId), inArray(stations.id, ids))).all();
}
