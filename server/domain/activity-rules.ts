/**
 * The rules of an activity (kegiatan penilaian, Perban BKN 4/2024 Pasal 8) and of the sessions
 * planned under it: dates in order, ProASN inside its programme window (SE BKN 6/2026 §5.e.1),
 * 180 minutes for a ProASN session (SE §5.f.4), a session on one of the activity's days, the
 * lead time before a test (Pasal 9(5)b; SE §5.i.2.g) with the koordinator's override, and a
 * started session never moved. Pure: the calendar, the clock's date and the room's PCs come in
 * as data; a refusal is an error code and a catalog message (code and parameters).
 */
import type { ErrorCode } from '../../protocol/error-codes.ts';
import { msg, type Msg } from '../../protocol/messages/index.ts';
import type { SessionStateName } from '../../protocol/session.ts';
import {
  ACTIVITY_PURPOSES, PROASN_SESSION_MIN, TIME_ZONE_INFO, VENUE_KINDS, VENUE_TIME_ZONES,
  type ActivityPurpose, type VenueTimeZone
} from '../../protocol/activity.ts';
import { checkLeadTime, dateMs, inProasnWindow, isoDate, overrideAllowed, PROASN_WINDOW, type LeadRuleKey, type WorkCalendar } from './working-days.ts';

export type Refusal = { ok: false; error: ErrorCode; msg: Msg };
const refuse = (error: ErrorCode, m: Msg): Refusal => ({ ok: false, error, msg: m });

/** The shortest reason an override takes (the same as overrideAllowed's). */
export const OVERRIDE_REASON_MIN = 10;

const isDate = (s: string) => {
  try {
    dateMs(s);
    return true;
  } catch {
    return false;
  }
};

// ---------------------------------------------------------------- time in the venue's zone

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The UTC instant of `time` (HH:MM) on `date` (YYYY-MM-DD) in the venue's zone (fixed offsets: no DST in Indonesia). */
export function zonedInstant(date: string, time: string, zone: VenueTimeZone): number {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`not an HH:MM time: ${time}`);
  return dateMs(date) + (Number(m[1]) * 60 + Number(m[2]) - TIME_ZONE_INFO[zone].offsetMin) * 60_000;
}

/** The calendar date (YYYY-MM-DD) of an instant in the venue's zone. */
export function zonedDate(ms: number, zone: VenueTimeZone): string {
  return isoDate(ms + TIME_ZONE_INFO[zone].offsetMin * 60_000);
}

/** The wall-clock time (HH:MM) of an instant in the venue's zone. */
export function zonedTime(ms: number, zone: VenueTimeZone): string {
  return new Date(ms + TIME_ZONE_INFO[zone].offsetMin * 60_000).toISOString().slice(11, 16);
}

/** The venue's day around an instant as [start, end) in UTC ms; a zone not on record counts as WIB. */
export function venueDay(ms: number, zone: string): [number, number] {
  const z: VenueTimeZone = isTimeZone(zone) ? zone : 'Asia/Jakarta';
  const start = zonedInstant(zonedDate(ms, z), '00:00', z);
  return [start, start + 86_400_000];
}

export const isTimeZone = (z: string): z is VenueTimeZone => (VENUE_TIME_ZONES as readonly string[]).includes(z);
export const isTime = (t: string) => TIME.test(t);

// ---------------------------------------------------------------- the activity

export type ActivityDates = { purpose: string; dateFrom: string; dateTo: string };

/** Pasal 8(2) purposes, the venue's kind (SE §5.b) and zone, dates in order, ProASN inside its window (SE §5.e.1). */
export function validateActivity(a: ActivityDates & { venueKind?: string; timeZone?: string }): { ok: true } | Refusal {
  if (!(ACTIVITY_PURPOSES as readonly string[]).includes(a.purpose)) return refuse('INVALID_PAYLOAD', msg('activity.purposeUnknown', { purpose: a.purpose }));
  if (a.venueKind !== undefined && !(VENUE_KINDS as readonly string[]).includes(a.venueKind)) {
    return refuse('INVALID_PAYLOAD', msg('activity.venueKindUnknown', { kind: a.venueKind }));
  }
  if (a.timeZone !== undefined && !isTimeZone(a.timeZone)) return refuse('INVALID_PAYLOAD', msg('activity.timeZoneUnknown', { zone: a.timeZone }));
  for (const d of [a.dateFrom, a.dateTo]) if (!isDate(d)) return refuse('INVALID_PAYLOAD', msg('activity.dateInvalid', { date: d }));
  if (dateMs(a.dateTo) < dateMs(a.dateFrom)) return refuse('INVALID_PAYLOAD', msg('activity.datesOrder', { from: a.dateFrom, to: a.dateTo }));
  if (a.purpose === 'proasn' && !(inProasnWindow(a.dateFrom) && inProasnWindow(a.dateTo))) {
    return refuse('INVALID_PAYLOAD', msg('activity.proasnWindow', { from: a.dateFrom, to: a.dateTo, windowFrom: PROASN_WINDOW.from, windowTo: PROASN_WINDOW.to }));
  }
  return { ok: true };
}

// ---------------------------------------------------------------- a session under it

export type SessionPlan = {
  /** the session's date and start time in the venue's zone */
  date: string;
  time: string;
  /** absent: the purpose's default (180 minutes) */
  durationMin?: number;
  capacity: number;
};
export type RoomPcs = { pcs: number; spares: number };

/** The duration a session of this purpose gets when none is given. */
export const defaultDuration = (_purpose: ActivityPurpose | string) => PROASN_SESSION_MIN;

/**
 * A session planned under an activity: on one of its days, at a real time, 180 minutes for ProASN
 * (SE §5.f.4). A capacity over the room's enrolled PCs is a warning (spares may absorb it, or
 * more PCs be enrolled before the day), not a refusal.
 */
export function planSession(activity: ActivityDates, plan: SessionPlan, room: RoomPcs): { ok: true; durationMin: number; warnings: Msg[] } | Refusal {
  if (!isDate(plan.date)) return refuse('INVALID_PAYLOAD', msg('activity.dateInvalid', { date: plan.date }));
  if (!isTime(plan.time)) return refuse('INVALID_PAYLOAD', msg('activity.timeInvalid', { time: plan.time }));
  const d = dateMs(plan.date);
  if (d < dateMs(activity.dateFrom) || d > dateMs(activity.dateTo)) {
    return refuse('INVALID_PAYLOAD', msg('activity.sessionOutsideDates', { date: plan.date, from: activity.dateFrom, to: activity.dateTo }));
  }
  const durationMin = plan.durationMin ?? defaultDuration(activity.purpose);
  if (activity.purpose === 'proasn' && durationMin !== PROASN_SESSION_MIN) {
    return refuse('INVALID_PAYLOAD', msg('activity.proasnDuration', { minutes: durationMin, required: PROASN_SESSION_MIN }));
  }
  const warnings: Msg[] = [];
  if (plan.capacity > room.pcs) warnings.push(msg('activity.capacityOver', { capacity: plan.capacity, pcs: room.pcs, spares: room.spares }));
  return { ok: true, durationMin, warnings };
}

// ---------------------------------------------------------------- the lead time and its override

/**
 * Which lead-time rule a session of this purpose is scheduled under. A ProASN session planned here
 * is the scheduling dashboard's entry (SE BKN 6/2026 §5.i.2.e: 5 working days before), which is
 * stricter than, and so also keeps, the ProASN application's 3 days (§5.i.2.g).
 */
export const scheduleRule = (purpose: string): LeadRuleKey => (purpose === 'proasn' ? 'dashboard_proasn' : 'schedule_cact');

/**
 * Which lead-time rule registering participants into a session of this purpose falls under: the
 * agency registers its ProASN participants at least 5 working days before (SE §5.i.2.d); other
 * activities' rosters may still be corrected at the desk on the day (Lampiran I.B), so none.
 */
export const registrationRule = (purpose: string): LeadRuleKey | null => (purpose === 'proasn' ? 'registration_proasn' : null);

export type Override = { roles: readonly string[]; reason: string | null | undefined };
export type LeadOutcome =
  | { ok: true; rule: LeadRuleKey; workingDays: number; overridden: false }
  /** inside the lead time by the koordinator's override; the refusal it set aside is kept for the audit trail */
  | { ok: true; rule: LeadRuleKey; workingDays: number; overridden: true; refused: Msg; reason: string };

/**
 * A lead time before a session's date, on the venue's calendar (national holidays, cuti bersama,
 * local days off). Inside it, only a koordinator with a reason may go ahead; without an override
 * the refusal explains the date in words.
 */
export function checkLead(cal: WorkCalendar, rule: LeadRuleKey, today: string, date: string, override?: Override | null): LeadOutcome | Refusal {
  const v = checkLeadTime(cal, rule, today, date);
  if (v.ok) return { ok: true, rule, workingDays: v.workingDays, overridden: false };
  const refused = msg('activity.leadTimeShort', v.params);
  if (!override) return refuse('CONFLICT', refused);
  const o = overrideAllowed(override.roles, override.reason);
  if (!o.ok) {
    return o.code === 'OVERRIDE_ROLE'
      ? refuse('FORBIDDEN', msg('activity.overrideRole'))
      : refuse('INVALID_PAYLOAD', msg('activity.overrideReason', { min: OVERRIDE_REASON_MIN }));
  }
  return { ok: true, rule, workingDays: v.params.workingDays, overridden: true, refused, reason: (override.reason ?? '').trim() };
}

/** The lead time of scheduling a session (Pasal 9(5)b; SE §5.i.2.e and g for ProASN). */
export function checkSessionLead(cal: WorkCalendar, purpose: string, today: string, date: string, override?: Override | null): LeadOutcome | Refusal {
  return checkLead(cal, scheduleRule(purpose), today, date, override);
}

/** The lead time of registering participants into a session (SE §5.i.2.d for ProASN); none for other purposes. */
export function checkRegistrationLead(cal: WorkCalendar, purpose: string, today: string, date: string, override?: Override | null): LeadOutcome | Refusal | null {
  const rule = registrationRule(purpose);
  return rule ? checkLead(cal, rule, today, date, override) : null;
}

// ---------------------------------------------------------------- moving and cancelling

/** Only a session that has not begun may be moved or cancelled: scheduled, or postponed before it started. */
const MOVABLE: readonly SessionStateName[] = ['scheduled', 'postponed'];

export function canMove(s: { state: string; startedAt: number | null }): { ok: true } | Refusal {
  if (s.startedAt !== null || !(MOVABLE as readonly string[]).includes(s.state)) {
    return refuse('INVALID_STATE', msg('activity.sessionStarted', { state: s.state as SessionStateName }));
  }
  return { ok: true };
}
