/** Venues, rooms, their stations, the session running in a room and its roster. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { RoomListResponse } from '../../protocol/index.ts';
import type { Db } from '../client.ts';
import { currentSession } from './sessions.ts';
import { participants, rooms, sessions, stations, venues } from '../schema.ts';

/** Venues and their rooms; `venueIds` limits them to a user's scope (null = all). */
export function listVenuesWithRooms(db: Db, venueIds: Set<number> | null = null): RoomListResponse['venues'] {
  const vs = db.select().from(venues).orderBy(asc(venues.name)).all().filter((v) => !venueIds || venueIds.has(v.id));
  const rs = db
    .select({
      id: rooms.id, venueId: rooms.venueId, code: rooms.code, name: rooms.name, rows: rooms.rows, cols: rooms.cols,
      stationCount: sql<number>`(select count(*) from stations s where s.room_id = "rooms"."id")`
    })
    .from(rooms)
    .orderBy(asc(rooms.code))
    .all();
  return vs.map((v) => ({
    id: v.id, code: v.code, name: v.name,
    rooms: rs.filter((r) => r.venueId === v.id).map(({ venueId: _v, ...r }) => r)
  }));
}

export function listRoomInfos(db: Db) {
  return db
    .select({ id: rooms.id, code: rooms.code, name: rooms.name, rows: rooms.rows, cols: rooms.cols, venueId: rooms.venueId, venueName: venues.name })
    .from(rooms)
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .all();
}

export function sessionRoster(db: Db, sessionId: number) {
  return db.select().from(participants).where(eq(participants.sessionId, sessionId)).all();
}

/**
 * The participants of the room's current session, or of `sessionId` (one of the room's sessions:
 * its history); `instansi` limits them to one agency.
 */
export function roomParticipants(db: Db, roomId: number, instansi: string | null | undefined, sessionId?: number) {
  const s = sessionId === undefined
    ? currentSession(db, roomId)
    : db.select().from(sessions).where(and(eq(sessions.roomId, roomId), eq(sessions.id, sessionId))).get();
  if (!s) return { session: null, participants: [] };
  const rows = db
    .select({
      id: participants.id, nip: participants.nip, name: participants.name, jabatan: participants.jabatan,
      instansi: participants.instansi, nomorPeserta: participants.nomorPeserta, stationCode: stations.code
    })
    .from(participants)
    .leftJoin(stations, eq(stations.id, participants.stationId))
    .where(and(eq(participants.sessionId, s.id), instansi === undefined ? undefined : instansi === null ? sql`0` : eq(participants.instansi, instansi)))
    .orderBy(asc(participants.name))
    .all();
  return { session: { id: s.id, code: s.code, name: s.name, state: s.state, scheduledAt: s.scheduledAt }, participants: rows };
}
