/** Activities, their team, their sessions, and the days off of the working-day calendar. */
import { and, asc, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { ActivityPurpose, ActivityQuery, ActivityRow, TeamMember, TeamRole, VenueTimeZone } from '../../protocol/activity.ts';
import type { Db } from '../client.ts';
import { activities, activityAssignments, daysOff, participants, rooms, sessions, stations, userRoles, users, venues } from '../schema.ts';

export type ActivityRecord = typeof activities.$inferSelect;
export type NewActivity = Omit<typeof activities.$inferInsert, 'id'>;

const ROW = {
  a: activities,
  venueName: venues.name,
  timeZone: venues.timeZone
};

function toRow(r: { a: ActivityRecord; venueName: string; timeZone: string }): ActivityRow {
  const { a } = r;
  return {
    id: a.id, purpose: a.purpose as ActivityPurpose, agency: a.agency, venueId: a.venueId, venueName: r.venueName,
    timeZone: r.timeZone as VenueTimeZone, dateFrom: a.dateFrom, dateTo: a.dateTo, method: a.method,
    plannedParticipants: a.plannedParticipants, jobLevels: JSON.parse(a.jobLevelsJson) as string[], units: a.units, facilities: a.facilities,
    createdAt: a.createdAt, updatedAt: a.updatedAt
  };
}

/**
 * Who sees which activities: all (national), or those of the venues in scope, plus those the user
 * is assigned to; `agency`: only that agency's (the agency's operator), plus assigned ones.
 */
export type ActivityVisibility = { national: boolean; venueIds: ReadonlySet<number>; userId: number; agency?: string | null };

function visible(v: ActivityVisibility): SQL | undefined {
  const assigned = inArray(activities.id, sql`(select activity_id from activity_assignments where user_id = ${v.userId})`);
  if (v.agency !== undefined) return v.agency === null ? assigned : or(eq(activities.agency, v.agency), assigned);
  if (v.national) return undefined;
  return v.venueIds.size ? or(inArray(activities.venueId, [...v.venueIds]), assigned) : assigned;
}

export function listActivities(db: Db, v: ActivityVisibility, q: ActivityQuery): ActivityRow[] {
  const where = and(
    visible(v),
    q.venueId !== undefined ? eq(activities.venueId, q.venueId) : undefined,
    q.purpose !== undefined ? eq(activities.purpose, q.purpose) : undefined,
    // overlapping the range asked
    q.from !== undefined ? gte(activities.dateTo, q.from) : undefined,
    q.to !== undefined ? lte(activities.dateFrom, q.to) : undefined
  );
  return db.select(ROW).from(activities).innerJoin(venues, eq(venues.id, activities.venueId)).where(where)
    .orderBy(asc(activities.dateFrom), asc(activities.id)).all().map(toRow);
}

export function getActivity(db: Db, id: number): ActivityRow | undefined {
  const r = db.select(ROW).from(activities).innerJoin(venues, eq(venues.id, activities.venueId)).where(eq(activities.id, id)).get();
  return r ? toRow(r) : undefined;
}

export function canSeeActivity(db: Db, v: ActivityVisibility, id: number): boolean {
  return db.select({ id: activities.id }).from(activities).where(and(eq(activities.id, id), visible(v))).get() !== undefined;
}

export function insertActivity(db: Db, a: NewActivity): number {
  return db.insert(activities).values(a).returning({ id: activities.id }).get().id;
}

export function updateActivity(db: Db, id: number, patch: Partial<NewActivity>) {
  db.update(activities).set(patch).where(eq(activities.id, id)).run();
}

export function teamOf(db: Db, activityId: number): TeamMember[] {
  return db.select({ userId: users.id, nip: users.nip, name: users.name, teamRole: activityAssignments.teamRole, assignedAt: activityAssignments.assignedAt })
    .from(activityAssignments).innerJoin(users, eq(users.id, activityAssignments.userId))
    .where(eq(activityAssignments.activityId, activityId)).orderBy(asc(users.name)).all()
    .map((m) => ({ ...m, teamRole: m.teamRole as TeamRole }));
}

/** Assign (or change the team role of) a user; returns the previous role, if any. */
export function assign(db: Db, a: { activityId: number; userId: number; teamRole: TeamRole; at: number; by: number | null }): TeamRole | null {
  const before = db.select({ teamRole: activityAssignments.teamRole }).from(activityAssignments)
    .where(and(eq(activityAssignments.activityId, a.activityId), eq(activityAssignments.userId, a.userId))).get();
  db.insert(activityAssignments).values({ activityId: a.activityId, userId: a.userId, teamRole: a.teamRole, assignedAt: a.at, assignedBy: a.by })
    .onConflictDoUpdate({ target: [activityAssignments.activityId, activityAssignments.userId], set: { teamRole: a.teamRole, assignedAt: a.at, assignedBy: a.by } })
    .run();
  return (before?.teamRole as TeamRole | undefined) ?? null;
}

/** Returns the role the user had, or null when they were not assigned. */
export function unassign(db: Db, activityId: number, userId: number): TeamRole | null {
  const r = db.delete(activityAssignments).where(and(eq(activityAssignments.activityId, activityId), eq(activityAssignments.userId, userId)))
    .returning({ teamRole: activityAssignments.teamRole }).get();
  return (r?.teamRole as TeamRole | undefined) ?? null;
}

export function activeUser(db: Db, id: number) {
  return db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.id, id), eq(users.active, true))).get();
}

export function activitySessions(db: Db, activityId: number) {
  return db.select({ s: sessions, roomName: rooms.name }).from(sessions).innerJoin(rooms, eq(rooms.id, sessions.roomId))
    .where(eq(sessions.activityId, activityId)).orderBy(asc(sessions.scheduledAt), asc(sessions.id)).all();
}

export function sessionCount(db: Db, activityId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(sessions).where(eq(sessions.activityId, activityId)).get()?.n ?? 0;
}

/** A room's enrolled PCs (a station token issued), test PCs and spares apart. */
export function enrolledPcs(db: Db, roomId: number): { pcs: number; spares: number } {
  const r = db.select({
    pcs: sql<number>`coalesce(sum(case when ${stations.spare} = 0 then 1 else 0 end), 0)`,
    spares: sql<number>`coalesce(sum(case when ${stations.spare} = 1 then 1 else 0 end), 0)`
  }).from(stations).where(and(eq(stations.roomId, roomId), sql`${stations.tokenHash} is not null`)).get();
  return { pcs: r?.pcs ?? 0, spares: r?.spares ?? 0 };
}

/** The admin's days off that apply at a venue: the general ones and the venue's own. */
export function daysOffFor(db: Db, venueId: number) {
  return db.select({ date: daysOff.date, name: daysOff.name, kind: daysOff.kind }).from(daysOff)
    .where(or(isNull(daysOff.venueId), eq(daysOff.venueId, venueId))).all()
    .map((d) => ({ ...d, kind: d.kind as 'cuti_bersama' | 'local' }));
}

export function venueOf(db: Db, venueId: number) {
  return db.select({ id: venues.id, name: venues.name, kind: venues.kind, timeZone: venues.timeZone }).from(venues).where(eq(venues.id, venueId)).get();
}

export function updateVenue(db: Db, venueId: number, patch: { kind?: string; timeZone?: string }) {
  db.update(venues).set(patch).where(eq(venues.id, venueId)).run();
}

export function listDaysOff(db: Db, venueIds: ReadonlySet<number> | null, from?: string, to?: string) {
  return db.select().from(daysOff).where(and(
    venueIds === null ? undefined : or(isNull(daysOff.venueId), venueIds.size ? inArray(daysOff.venueId, [...venueIds]) : undefined),
    from !== undefined ? gte(daysOff.date, from) : undefined,
    to !== undefined ? lte(daysOff.date, to) : undefined
  )).orderBy(asc(daysOff.date), asc(daysOff.id)).all().map((d) => ({ ...d, kind: d.kind as 'cuti_bersama' | 'local' }));
}

export function getDayOff(db: Db, id: number) {
  const d = db.select().from(daysOff).where(eq(daysOff.id, id)).get();
  return d ? { ...d, kind: d.kind as 'cuti_bersama' | 'local' } : undefined;
}

export function insertDayOff(db: Db, d: { date: string; name: string; kind: 'cuti_bersama' | 'local'; venueId: number | null }) {
  return db.insert(daysOff).values(d).returning().get().id;
}

/** The admin's entry for this date at this place (venueId null: everywhere), if there is one. */
export function sameDayOff(db: Db, date: string, venueId: number | null) {
  return db.select().from(daysOff).where(and(eq(daysOff.date, date), venueId === null ? isNull(daysOff.venueId) : eq(daysOff.venueId, venueId))).get();
}

export function deleteDayOff(db: Db, id: number) {
  db.delete(daysOff).where(eq(daysOff.id, id)).run();
}

/**
 * How long after an activity's last day its team keeps its rooms: the minutes (berita acara) and
 * the handover (serah terima) are finished in the days after the test.
 */
export const TEAM_SCOPE_GRACE_DAYS = 7;

/**
 * The rooms a user reaches through activities rather than through a venue scope: the rooms of the
 * sessions of every activity they are on the team of (Pasal 6) and, for an agency's operator, of
 * every activity of their agency, from the assignment until TEAM_SCOPE_GRACE_DAYS after the
 * activity's last day. `today` is a YYYY-MM-DD date (UTC: a day either way is inside the grace).
 */
export function activityRoomIds(db: Db, userId: number, today: string, agency?: string | null): Set<number> {
  const until = sql`date(${activities.dateTo}, '+${sql.raw(String(TEAM_SCOPE_GRACE_DAYS))} days')`;
  const reach = agency
    ? or(inArray(activities.id, sql`(select activity_id from activity_assignments where user_id = ${userId})`), eq(activities.agency, agency))
    : inArray(activities.id, sql`(select activity_id from activity_assignments where user_id = ${userId})`);
  const rows = db.selectDistinct({ roomId: sessions.roomId }).from(sessions).innerJoin(activities, eq(activities.id, sessions.activityId))
    .where(and(reach, gte(until, today))).all();
  return new Set(rows.map((r) => r.roomId));
}

/**
 * The users a team can be picked from (Pasal 6: the Tim Penyelenggara and the agency's team):
 * every active account with its roles, by name. For the koordinator, who may not list accounts
 * (user.manage) but assigns the team of the activities they plan.
 */
export function teamCandidates(db: Db): { id: number; nip: string; name: string; roles: string[] }[] {
  return db.select({ id: users.id, nip: users.nip, name: users.name, roles: sql<string | null>`group_concat(${userRoles.role})` })
    .from(users).leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(users.active, true)).groupBy(users.id).orderBy(asc(users.name), asc(users.id)).all()
    .map((u) => ({ id: u.id, nip: u.nip, name: u.name, roles: u.roles ? u.roles.split(',').sort() : [] }));
}

/** NIP → the session of the activity it is in (cancelled sessions left out): nobody is in two. */
export function activityNips(db: Db, activityId: number): Map<string, { sessionId: number; code: string }> {
  const rows = db.select({ nip: participants.nip, sessionId: sessions.id, code: sessions.code }).from(participants)
    .innerJoin(sessions, eq(sessions.id, participants.sessionId))
    .where(and(eq(sessions.activityId, activityId), ne(sessions.state, 'cancelled'))).all();
  return new Map(rows.map((r) => [r.nip, { sessionId: r.sessionId, code: r.code }]));
}

/** nomor peserta → NIP across the activity's sessions (a number names one person in the activity). */
export function activityNomors(db: Db, activityId: number): Map<string, string> {
  const rows = db.select({ nip: participants.nip, nomor: participants.nomorPeserta }).from(participants)
    .innerJoin(sessions, eq(sessions.id, participants.sessionId))
    .where(and(eq(sessions.activityId, activityId), ne(sessions.state, 'cancelled'))).all();
  return new Map(rows.flatMap((r) => (r.nomor === null ? [] : [[r.nomor, r.nip] as const])));
}
