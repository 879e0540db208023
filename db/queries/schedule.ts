/**
 * The schedule: the sessions a user sees over a span of time, the venues (with their rooms) they
 * see them in, and the days off there. Who sees what is ActivityVisibility (db/queries/activities.ts),
 * applied to sessions: a session by its room's venue, or by its activity.
 */
import { and, asc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { ActivityPurpose, VenueTimeZone } from '../../protocol/activity.ts';
import type { SessionStateName } from '../../protocol/session.ts';
import type { Db } from '../client.ts';
import type { ActivityVisibility } from './activities.ts';
import { activities, daysOff, participants, rooms, sessions, venues } from '../schema.ts';

/** The activities a user is on the team of (Pasal 6). */
const assignedTo = (userId: number) => sql`(select activity_id from activity_assignments where user_id = ${userId})`;

/**
 * The sessions a user sees: every one (national); those of the rooms of the venues in scope, plus
 * those of the activities the user is on the team of; an agency's operator (`agency` set) only its
 * agency's activities' sessions, plus those it is on the team of — never a session without an activity.
 */
function visibleSessions(v: ActivityVisibility): SQL | undefined {
  const assigned = inArray(sessions.activityId, assignedTo(v.userId));
  if (v.agency !== undefined) {
    if (v.agency === null) return assigned;
    return or(inArray(sessions.activityId, sql`(select id from activities where agency = ${v.agency})`), assigned);
  }
  if (v.national) return undefined;
  return v.venueIds.size ? or(inArray(rooms.venueId, [...v.venueIds]), assigned) : assigned;
}

/** The venues a user plans or watches, or reaches through an activity: those of its scope, and of the activities it sees. */
function visibleVenues(v: ActivityVisibility): SQL | undefined {
  const viaActivity = (where: SQL) => inArray(venues.id, sql`(select venue_id from activities where ${where})`);
  const assigned = viaActivity(sql`id in ${assignedTo(v.userId)}`);
  if (v.agency !== undefined) return v.agency === null ? assigned : or(viaActivity(sql`agency = ${v.agency}`), assigned);
  if (v.national) return undefined;
  return v.venueIds.size ? or(inArray(venues.id, [...v.venueIds]), assigned) : assigned;
}

export type ScheduleVenueRecord = { id: number; name: string; timeZone: VenueTimeZone; rooms: { id: number; name: string }[] };

/** The venues in view, by name, each with all its rooms by name. */
export function scheduleVenues(db: Db, v: ActivityVisibility): ScheduleVenueRecord[] {
  const rows = db.select({ id: venues.id, name: venues.name, timeZone: venues.timeZone, roomId: rooms.id, roomName: rooms.name })
    .from(venues).leftJoin(rooms, eq(rooms.venueId, venues.id)).where(visibleVenues(v))
    .orderBy(asc(venues.name), asc(venues.id), asc(rooms.name), asc(rooms.id)).all();
  const out = new Map<number, ScheduleVenueRecord>();
  for (const r of rows) {
    let venue = out.get(r.id);
    if (!venue) out.set(r.id, (venue = { id: r.id, name: r.name, timeZone: r.timeZone as VenueTimeZone, rooms: [] }));
    if (r.roomId !== null && r.roomName !== null) venue.rooms.push({ id: r.roomId, name: r.roomName });
  }
  return [...out.values()];
}

export type ScheduleSessionRecord = {
  id: number; code: string; name: string; state: SessionStateName; roomId: number; roomName: string; venueId: number; venueName: string;
  timeZone: VenueTimeZone; scheduledAt: number; durationMin: number; capacity: number | null; participants: number;
  activityId: number | null; purpose: ActivityPurpose | null; agency: string | null;
};

/**
 * The sessions in view starting in [fromMs, toMs) (UTC), by start; `venueId`: of that venue only.
 * `participants` counts the session's roster, no names.
 */
export function scheduleSessions(db: Db, v: ActivityVisibility, fromMs: number, toMs: number, venueId?: number): ScheduleSessionRecord[] {
  return db.select({
    id: sessions.id, code: sessions.code, name: sessions.name, state: sessions.state, roomId: sessions.roomId, roomName: rooms.name,
    venueId: venues.id, venueName: venues.name, timeZone: venues.timeZone, scheduledAt: sessions.scheduledAt, durationMin: sessions.durationMin,
    capacity: sessions.capacity,
    // counted per session through the (session_id, nip) index, not by grouping every roster
    participants: sql<number>`(select count(*) from ${participants} where ${participants.sessionId} = ${sessions.id})`,
    activityId: sessions.activityId, purpose: activities.purpose, agency: activities.agency
  }).from(sessions)
    .innerJoin(rooms, eq(rooms.id, sessions.roomId))
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .leftJoin(activities, eq(activities.id, sessions.activityId))
    .where(and(
      visibleSessions(v),
      gte(sessions.scheduledAt, fromMs),
      lt(sessions.scheduledAt, toMs),
      venueId !== undefined ? eq(rooms.venueId, venueId) : undefined
    ))
    .orderBy(asc(sessions.scheduledAt), asc(rooms.name), asc(sessions.id)).all()
    .map((r) => ({
      ...r, state: r.state as SessionStateName, timeZone: r.timeZone as VenueTimeZone, purpose: (r.purpose as ActivityPurpose | null) ?? null,
      agency: r.agency ?? null
    }));
}

/** The administrator's days off from `from` to `to` (YYYY-MM-DD) that apply at any of `venueIds`: general ones and the venues' own. */
export function scheduleDaysOff(db: Db, venueIds: number[], from: string, to: string) {
  return db.select({ date: daysOff.date, name: daysOff.name, kind: daysOff.kind, venueId: daysOff.venueId }).from(daysOff).where(and(
    or(isNull(daysOff.venueId), venueIds.length ? inArray(daysOff.venueId, venueIds) : undefined),
    gte(daysOff.date, from),
    lte(daysOff.date, to)
  )).orderBy(asc(daysOff.date), asc(daysOff.id)).all().map((d) => ({ ...d, kind: d.kind as 'cuti_bersama' | 'local' }));
}
