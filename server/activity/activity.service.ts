/**
 * Activities (kegiatan penilaian, Perban BKN 4/2024 Pasal 8), their team (Pasal 6) and their
 * sessions: who sees which, planning and changing them, scheduling and moving a session under the
 * working-day rules (Pasal 9(5)b; SE BKN 6/2026 §5.i.2) with the koordinator's override. The rules
 * themselves are in server/domain/activity-rules.ts; every write and its audit row commit together.
 */
import type { Db } from '../../db/client.ts';
import {
  activeUser, activitySessions, assign, sameDayOff, canSeeActivity, daysOffFor, deleteDayOff, enrolledPcs, getDayOff, insertDayOff, listDaysOff, getActivity, insertActivity, listActivities, sessionCount,
  teamCandidates, teamOf, unassign, updateActivity, updateVenue, venueOf, type ActivityVisibility
} from '../../db/queries/activities.ts';
import { roomWithVenue } from '../../db/queries/enrollment.ts';
import { listVenues } from '../../db/queries/users.ts';
import type { VenueRef } from '../../protocol/index.ts';
import { getSession } from '../../db/queries/sessions.ts';
import { sessions, sessionTransitions } from '../../db/schema.ts';
import { eq } from 'drizzle-orm';
import type {
  ActivityInput, ActivityQuery, ActivityRow, DayOffInput, DayOffRow, ActivitySessionInput, ActivitySessionRow, ActivityUpdateInput, RescheduleInput, TeamMember, TeamRole,
  VenueKind, VenueTimeZone
} from '../../protocol/activity.ts';
import { msg, type Msg } from '../../protocol/messages/index.ts';
import type { Role } from '../../protocol/roles.ts';
import { agencyOperatorOf, seesVenue, type Principal } from '../auth/principal.ts';
import { canMove, checkSessionLead, planSession, validateActivity, zonedDate, zonedInstant, zonedTime, type LeadOutcome, type Refusal as RuleRefusal } from '../domain/activity-rules.ts';
import { nationalHolidays } from '../domain/national-holidays.ts';
import { makeCalendar, type WorkCalendar } from '../domain/working-days.ts';
import type { RoomHub } from '../live/room-hub.ts';
import { audit, refuse, type Act, type Result } from '../session/context.ts';

export type ActivityDeps = { db: Db; hub: RoomHub };

const fromRule = (r: RuleRefusal) => refuse(r.error, r.msg);

/** What the audit row of a planned or moved session says of its lead time, and of an override. */
const leadAudit = (lead: LeadOutcome) => ({
  workingDays: lead.workingDays,
  ...(lead.overridden ? { overrideReason: lead.reason, minWorkingDays: (lead.refused.params as { min: number }).min } : {})
});

/** A venue's zone (WIB when it has none recorded). */
const zoneOf = (db: Db, venueId: number): VenueTimeZone => (venueOf(db, venueId)?.timeZone ?? 'Asia/Jakarta') as VenueTimeZone;

/** A session this principal may move or cancel: it exists, its venue is in scope, it has not started. */
export function movableSession(db: Db, p: Principal, sessionId: number) {
  const s = getSession(db, sessionId);
  if (!s) return refuse('NOT_FOUND', msg('session.notFound'));
  const room = roomWithVenue(db, s.roomId)!;
  if (!seesVenue(p, room.venueId)) return refuse('FORBIDDEN');
  const movable = canMove(s);
  if (!movable.ok) return fromRule(movable);
  return { ok: true as const, s, room };
}

/** The agency's operator (no live room) sees its own agency's activities; everyone else by scope. */
export function visibilityOf(p: Principal): ActivityVisibility {
  const agency = agencyOperatorOf(p.roles, [...p.caps], p.user);
  return { national: p.national, venueIds: p.venueIds, userId: p.user.id, ...(agency !== undefined ? { agency } : {}) };
}

/** The calendar of a venue: national holidays and the admin's days off (general and the venue's own). */
export function venueCalendar(db: Db, venueId: number): WorkCalendar {
  return makeCalendar(nationalHolidays, daysOffFor(db, venueId));
}

export function sessionRow(s: typeof sessions.$inferSelect, roomName: string, zone: VenueTimeZone): ActivitySessionRow {
  return {
    id: s.id, code: s.code, name: s.name, roomId: s.roomId, roomName, state: s.state, scheduledAt: s.scheduledAt,
    date: zonedDate(s.scheduledAt, zone), time: zonedTime(s.scheduledAt, zone), timeZone: zone, durationMin: s.durationMin, capacity: s.capacity,
    lateRegistration: s.lateRegistrationReason !== null ? { reason: s.lateRegistrationReason, at: s.lateRegistrationAt ?? 0 } : null
  };
}

export function activitiesFor(db: Db, p: Principal, q: ActivityQuery): ActivityRow[] {
  return listActivities(db, visibilityOf(p), q);
}

/** The activity if it exists (404) and the caller sees it (403). */
function visibleActivity(db: Db, p: Principal, id: number): Result<{ activity: ActivityRow }> {
  const activity = getActivity(db, id);
  if (!activity) return refuse('NOT_FOUND', msg('activity.notFound'));
  if (!canSeeActivity(db, visibilityOf(p), id)) return refuse('FORBIDDEN');
  return { ok: true, activity };
}

/** The activity if it exists and is at a venue the caller manages (its scope; assignment does not give planning rights). */
function managedActivity(db: Db, p: Principal, id: number): Result<{ activity: ActivityRow }> {
  const activity = getActivity(db, id);
  if (!activity) return refuse('NOT_FOUND', msg('activity.notFound'));
  if (!seesVenue(p, activity.venueId)) return refuse('FORBIDDEN');
  return { ok: true, activity };
}

export function activityDetail(db: Db, p: Principal, id: number): Result<{ activity: ActivityRow; team: TeamMember[]; sessions: ActivitySessionRow[] }> {
  const r = visibleActivity(db, p, id);
  if (!r.ok) return r;
  const sessionsOf = activitySessions(db, id).map((x) => sessionRow(x.s, x.roomName, r.activity.timeZone));
  return { ok: true, activity: r.activity, team: teamOf(db, id), sessions: sessionsOf };
}

export function createActivity(db: Db, p: Principal, act: Act, input: ActivityInput, now = Date.now()): Result<{ activity: ActivityRow }> {
  const venue = venueOf(db, input.venueId);
  if (!venue) return refuse('NOT_FOUND', msg('venue.notFound'));
  if (!seesVenue(p, venue.id)) return refuse('FORBIDDEN');
  const v = validateActivity(input);
  if (!v.ok) return fromRule(v);
  const record = {
    purpose: input.purpose, agency: input.agency, venueId: venue.id, dateFrom: input.dateFrom, dateTo: input.dateTo,
    plannedParticipants: input.plannedParticipants ?? 0, jobLevelsJson: JSON.stringify(input.jobLevels ?? []),
    units: input.units ?? null, facilities: input.facilities ?? null,
    createdAt: now, createdBy: act.userId, updatedAt: now, updatedBy: act.userId
  };
  const id = db.transaction(() => {
    const id = insertActivity(db, record);
    audit(db, act, {
      action: 'activity.created', venueId: venue.id, targetType: 'activity', targetId: id, at: now,
      after: {
        activityPurpose: input.purpose, userAgency: input.agency, venueId: venue.id, dateFrom: input.dateFrom, dateTo: input.dateTo,
        plannedParticipants: record.plannedParticipants, jobLevels: input.jobLevels ?? [], units: record.units, facilities: record.facilities
      }
    });
    return id;
  });
  return { ok: true, activity: getActivity(db, id)! };
}

export function changeActivity(db: Db, p: Principal, act: Act, id: number, patch: ActivityUpdateInput, now = Date.now()): Result<{ activity: ActivityRow }> {
  const r = managedActivity(db, p, id);
  if (!r.ok) return r;
  const a = r.activity;
  const next = { purpose: patch.purpose ?? a.purpose, dateFrom: patch.dateFrom ?? a.dateFrom, dateTo: patch.dateTo ?? a.dateTo };
  const v = validateActivity(next);
  if (!v.ok) return fromRule(v);
  // the audit names the fields as the trail knows them
  const was = {
    activityPurpose: a.purpose, userAgency: a.agency, dateFrom: a.dateFrom, dateTo: a.dateTo, plannedParticipants: a.plannedParticipants,
    jobLevels: a.jobLevels, units: a.units, facilities: a.facilities
  };
  const is = {
    activityPurpose: next.purpose, userAgency: patch.agency ?? a.agency, dateFrom: next.dateFrom, dateTo: next.dateTo,
    plannedParticipants: patch.plannedParticipants ?? a.plannedParticipants, jobLevels: patch.jobLevels ?? a.jobLevels,
    units: patch.units !== undefined ? patch.units : a.units, facilities: patch.facilities !== undefined ? patch.facilities : a.facilities
  };
  const changed = (Object.keys(is) as (keyof typeof is)[]).filter((k) => JSON.stringify(is[k]) !== JSON.stringify(was[k]));
  if (!changed.length) return { ok: true, activity: a };
  db.transaction(() => {
    updateActivity(db, id, {
      purpose: is.activityPurpose, agency: is.userAgency, dateFrom: is.dateFrom, dateTo: is.dateTo, plannedParticipants: is.plannedParticipants,
      jobLevelsJson: JSON.stringify(is.jobLevels), units: is.units, facilities: is.facilities, updatedAt: now, updatedBy: act.userId
    });
    audit(db, act, {
      action: 'activity.updated', venueId: a.venueId, targetType: 'activity', targetId: id, at: now,
      before: Object.fromEntries(changed.map((k) => [k, was[k]])), after: Object.fromEntries(changed.map((k) => [k, is[k]]))
    });
  });
  return { ok: true, activity: getActivity(db, id)! };
}

export function assignMember(db: Db, p: Principal, act: Act, id: number, userId: number, teamRole: TeamRole, now = Date.now()): Result<{ team: TeamMember[] }> {
  const r = managedActivity(db, p, id);
  if (!r.ok) return r;
  if (!activeUser(db, userId)) return refuse('INVALID_PAYLOAD', msg('activity.userUnknown', { id: userId }));
  db.transaction(() => {
    const before = assign(db, { activityId: id, userId, teamRole, at: now, by: act.userId });
    audit(db, act, {
      action: 'activity.team_assigned', venueId: r.activity.venueId, targetType: 'activity', targetId: id, at: now,
      before: before ? { userId, teamRole: before } : null, after: { userId, teamRole }
    });
  });
  return { ok: true, team: teamOf(db, id) };
}

export function unassignMember(db: Db, p: Principal, act: Act, id: number, userId: number, now = Date.now()): Result<{ team: TeamMember[] }> {
  const r = managedActivity(db, p, id);
  if (!r.ok) return r;
  db.transaction(() => {
    const before = unassign(db, id, userId);
    if (before) {
      audit(db, act, {
        action: 'activity.team_unassigned', venueId: r.activity.venueId, targetType: 'activity', targetId: id, at: now, before: { userId, teamRole: before }
      });
    }
  });
  return { ok: true, team: teamOf(db, id) };
}

/**
 * A session planned under the activity, in one of the venue's rooms: on one of its days, its
 * start given in the venue's zone and stored UTC, inside the lead time only by the koordinator's
 * override (audited with its reason and the refusal it set aside).
 */
export function createActivitySession(
  deps: ActivityDeps, p: Principal, act: Act, id: number, input: ActivitySessionInput, now = Date.now()
): Result<{ session: ActivitySessionRow; warnings: Msg[]; overridden: boolean }> {
  const { db } = deps;
  const r = managedActivity(db, p, id);
  if (!r.ok) return r;
  const a = r.activity;
  const room = roomWithVenue(db, input.roomId);
  if (!room) return refuse('NOT_FOUND', msg('room.notFound', { id: input.roomId }));
  if (room.venueId !== a.venueId) return refuse('INVALID_PAYLOAD', msg('activity.roomOtherVenue'));
  const plan = planSession(a, input, enrolledPcs(db, room.id));
  if (!plan.ok) return fromRule(plan);
  const today = zonedDate(now, a.timeZone);
  const lead = checkSessionLead(venueCalendar(db, a.venueId), a.purpose, today, input.date,
    input.overrideReason !== undefined ? { roles: p.roles, reason: input.overrideReason } : null);
  if (!lead.ok) return fromRule(lead);
  const scheduledAt = zonedInstant(input.date, input.time, a.timeZone);
  const sessionId = db.transaction(() => {
    const n = sessionCount(db, id) + 1;
    const s = db.insert(sessions).values({
      roomId: room.id, activityId: id, code: `K${id}-S${n}`, name: input.name ?? `Sesi ${n}`, state: 'scheduled', scheduledAt,
      durationMin: plan.durationMin, capacity: input.capacity, stateChangedAt: now
    }).returning({ id: sessions.id }).get();
    audit(db, act, {
      action: 'session.planned', venueId: a.venueId, targetType: 'session', targetId: s.id, at: now,
      after: {
        activityId: id, roomId: room.id, scheduledAt, durationMin: plan.durationMin, capacity: input.capacity, ...leadAudit(lead)
      }
    });
    return s.id;
  });
  deps.hub.publishSession(room.id, [], { reload: true }, now);
  const s = getSession(db, sessionId)!;
  return { ok: true, session: sessionRow(s, room.name, a.timeZone), warnings: plan.warnings, overridden: lead.overridden };
}

/**
 * Move a session that has not started to another date and hour (in the venue's zone), with a
 * reason; the lead time is checked again, with the same override. A session of an activity stays
 * on the activity's days.
 */
export function rescheduleSession(
  deps: ActivityDeps, p: Principal, act: Act, sessionId: number, input: RescheduleInput, now = Date.now()
): Result<{ session: ActivitySessionRow; overridden: boolean }> {
  const { db } = deps;
  const m = movableSession(db, p, sessionId);
  if (!m.ok) return m;
  const { s, room } = m;
  const activity = s.activityId !== null ? getActivity(db, s.activityId) : undefined;
  const zone = activity?.timeZone ?? zoneOf(db, room.venueId);
  const purpose = activity?.purpose ?? 'pengisian_jabatan';
  if (activity) {
    const plan = planSession(activity, { date: input.date, time: input.time, durationMin: s.durationMin, capacity: s.capacity ?? 0 }, { pcs: Infinity, spares: 0 });
    if (!plan.ok) return fromRule(plan);
  } else {
    const plan = planSession({ purpose, dateFrom: input.date, dateTo: input.date }, { date: input.date, time: input.time, durationMin: s.durationMin, capacity: 0 }, { pcs: 0, spares: 0 });
    if (!plan.ok) return fromRule(plan);
  }
  const lead = checkSessionLead(venueCalendar(db, room.venueId), purpose, zonedDate(now, zone), input.date,
    input.overrideReason !== undefined ? { roles: p.roles, reason: input.overrideReason } : null);
  if (!lead.ok) return fromRule(lead);
  const scheduledAt = zonedInstant(input.date, input.time, zone);
  db.transaction(() => {
    db.update(sessions).set({ scheduledAt }).where(eq(sessions.id, sessionId)).run();
    audit(db, act, {
      action: 'session.rescheduled', venueId: room.venueId, targetType: 'session', targetId: sessionId, at: now,
      before: { scheduledAt: s.scheduledAt },
      after: {
        scheduledAt, reason: input.reason, ...leadAudit(lead)
      }
    });
  });
  deps.hub.publishSession(room.id, [], { reload: true }, now);
  return { ok: true, session: sessionRow(getSession(db, sessionId)!, room.name, zone), overridden: lead.overridden };
}

/**
 * Call off a session that has not started, with a reason: its state becomes cancelled (a step of
 * its history like any other, and audited), and the room no longer shows it.
 */
export function cancelSession(deps: ActivityDeps, p: Principal, act: Act, sessionId: number, reason: string, now = Date.now()): Result<{ session: ActivitySessionRow }> {
  const { db } = deps;
  const m = movableSession(db, p, sessionId);
  if (!m.ok) return m;
  const { s, room } = m;
  db.transaction(() => {
    db.update(sessions).set({ state: 'cancelled', stateChangedAt: now }).where(eq(sessions.id, sessionId)).run();
    db.insert(sessionTransitions).values({ sessionId, at: now, action: 'cancel', fromState: s.state, toState: 'cancelled', reason, actorId: act.userId }).run();
    audit(db, act, {
      action: 'session.cancelled', venueId: room.venueId, targetType: 'session', targetId: sessionId, at: now,
      before: { state: s.state }, after: { state: 'cancelled', reason }
    });
  });
  deps.hub.publishSession(room.id, [], { reload: true }, now);
  return { ok: true, session: sessionRow(getSession(db, sessionId)!, room.name, zoneOf(db, room.venueId)) };
}

// ---------------------------------------------------------------- the venue

/**
 * A venue's kind (SE BKN 6/2026 §5.b) and its zone: times are stored UTC, so a zone corrected here
 * changes the hour every page shows for the venue's sessions, never the moment they start.
 */
export function changeVenueSettings(db: Db, p: Principal, act: Act, venueId: number, patch: { kind?: VenueKind; timeZone?: VenueTimeZone }, now = Date.now()): Result<{ venue: VenueRef }> {
  const v = venueOf(db, venueId);
  if (!v) return refuse('NOT_FOUND', msg('venue.notFound'));
  if (!seesVenue(p, venueId)) return refuse('FORBIDDEN');
  const before = { venueKind: v.kind, timeZone: v.timeZone };
  const after = { venueKind: patch.kind ?? v.kind, timeZone: patch.timeZone ?? v.timeZone };
  if (before.venueKind !== after.venueKind || before.timeZone !== after.timeZone) {
    db.transaction(() => {
      updateVenue(db, venueId, { kind: after.venueKind, timeZone: after.timeZone });
      audit(db, act, { action: 'venue.settings_changed', venueId, targetType: 'venue', targetId: venueId, at: now, before, after });
    });
  }
  return { ok: true, venue: listVenues(db).find((x) => x.id === venueId)! };
}

// ---------------------------------------------------------------- the admin's days off

export function daysOffList(db: Db, p: Principal, from?: string, to?: string): DayOffRow[] {
  return listDaysOff(db, p.national ? null : p.venueIds, from, to);
}

/** A day everywhere (cuti bersama, venueId null) is for a national scope; a venue's own day for whoever plans that venue. */
const mayKeep = (p: Principal, venueId: number | null) => (venueId === null ? p.national : seesVenue(p, venueId));

export function addDayOff(db: Db, p: Principal, act: Act, input: DayOffInput, now = Date.now()): Result<{ dayOff: DayOffRow }> {
  const venueId = input.venueId ?? null;
  if (venueId !== null && !venueOf(db, venueId)) return refuse('NOT_FOUND', msg('venue.notFound'));
  if (!mayKeep(p, venueId)) return refuse('FORBIDDEN');
  const v = validateActivity({ purpose: 'pemetaan', dateFrom: input.date, dateTo: input.date });
  if (!v.ok) return fromRule(v);
  // one entry per date and place: a second would be removed and leave the first behind unnoticed
  const same = sameDayOff(db, input.date, venueId);
  if (same) return refuse('CONFLICT', msg('calendar.dayOffExists', { date: input.date, name: same.name }));
  const id = db.transaction(() => {
    const id = insertDayOff(db, { date: input.date, name: input.name, kind: input.kind, venueId });
    audit(db, act, {
      action: 'calendar.day_off_added', venueId, targetType: venueId === null ? null : 'venue', targetId: venueId, at: now,
      after: { date: input.date, name: input.name, dayOffKind: input.kind }
    });
    return id;
  });
  return { ok: true, dayOff: getDayOff(db, id)! };
}

export function removeDayOff(db: Db, p: Principal, act: Act, id: number, now = Date.now()): Result<object> {
  const d = getDayOff(db, id);
  if (!d) return refuse('NOT_FOUND');
  if (!mayKeep(p, d.venueId)) return refuse('FORBIDDEN');
  db.transaction(() => {
    deleteDayOff(db, id);
    audit(db, act, {
      action: 'calendar.day_off_removed', venueId: d.venueId, targetType: d.venueId === null ? null : 'venue', targetId: d.venueId, at: now,
      before: { date: d.date, name: d.name, dayOffKind: d.kind }
    });
  });
  return { ok: true };
}

// ---------------------------------------------------------------- picking the team

/**
 * Who can be put on the activity's team (Pasal 6): every active account with its roles. For
 * whoever plans the activity (its venue in scope), who may not list accounts otherwise.
 */
export function teamCandidatesFor(db: Db, p: Principal, id: number): Result<{ users: { id: number; nip: string; name: string; roles: Role[] }[] }> {
  const r = managedActivity(db, p, id);
  if (!r.ok) return r;
  return { ok: true, users: teamCandidates(db).map((u) => ({ ...u, roles: u.roles as Role[] })) };
}
