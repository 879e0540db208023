/** Venues, rooms, their stations, the session running in a room and its roster. */
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { RoomListResponse, SessionStateName, TodaySession } from '../../protocol/index.ts';
import type { VenueTimeZone } from '../../protocol/activity.ts';
import type { Db } from '../client.ts';
import { currentSession } from './sessions.ts';
import { participants, rooms, sessions, stations, venues } from '../schema.ts';

/** Venues and their rooms; `venueIds` limits them to a user's scope (null = all). */
/**
 * The venues and rooms a user sees: every room of the venues in scope (null: all), and the rooms
 * reached through activities (`roomIds`) under their venue; each room with its sessions of the
 * venue's today (`dayOf` gives a venue's today as [start, end) in UTC ms).
 */
export function listVenuesWithRooms(
  db: Db, venueIds: ReadonlySet<number> | null, roomIds: ReadonlySet<number>, dayOf: (timeZone: string) => [number, number]
): RoomListResponse['venues'] {
  const shownRoom = (r: { id: number; venueId: number }) => !venueIds || venueIds.has(r.venueId) || roomIds.has(r.id);
  const rs = db
    .select({
      id: rooms.id, venueId: rooms.venueId, code: rooms.code, name: rooms.name, rows: rooms.rows, cols: rooms.cols,
      stationCount: sql<number>`(select count(*) from stations s where s.room_id = "rooms"."id")`
    })
    .from(rooms)
    .orderBy(asc(rooms.code))
    .all()
    .filter(shownRoom);
  const vs = db.select().from(venues).orderBy(asc(venues.name)).all().filter((v) => rs.some((r) => r.venueId === v.id) || !venueIds || venueIds.has(v.id));
  const today = new Map<number, TodaySession[]>();
  for (const v of vs) {
    const [from, to] = dayOf(v.timeZone);
    const ids = rs.filter((r) => r.venueId === v.id).map((r) => r.id);
    if (!ids.length) continue;
    const list = db.select({
      id: sessions.id, roomId: sessions.roomId, code: sessions.code, name: sessions.name, state: sessions.state, scheduledAt: sessions.scheduledAt,
      durationMin: sessions.durationMin, activityId: sessions.activityId
    }).from(sessions).where(and(inArray(sessions.roomId, ids), gte(sessions.scheduledAt, from), lt(sessions.scheduledAt, to)))
      .orderBy(asc(sessions.scheduledAt), asc(sessions.id)).all();
    for (const { roomId, ...x } of list) {
      const row = { ...x, state: x.state as SessionStateName };
      const l = today.get(roomId);
      if (l) l.push(row);
      else today.set(roomId, [row]);
    }
  }
  return vs.map((v) => ({
    id: v.id, code: v.code, name: v.name, timeZone: v.timeZone as VenueTimeZone,
    rooms: rs.filter((r) => r.venueId === v.id).map(({ venueId: _v, ...r }) => ({ ...r, today: today.get(r.id) ?? [] }))
  }));
}

export function listRoomInfos(db: Db) {
  return db
    .select({
      id: rooms.id, code: rooms.code, name: rooms.name, rows: rooms.rows, cols: rooms.cols, venueId: rooms.venueId, venueName: venues.name,
      timeZone: sql<VenueTimeZone>`${venues.timeZone}`
    })
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
