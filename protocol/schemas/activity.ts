/** Activities and their sessions (protocol/activity.ts): the bodies and queries of their routes. */
import { z } from 'zod';
import { urlId } from './url-number.ts';
import { msg } from '../messages/index.ts';
import { customIssue } from '../messages/issues.ts';
import { ACTIVITY_PURPOSES, TEAM_ROLES, VENUE_KINDS, VENUE_TIME_ZONES } from '../activity.ts';

/** A calendar date, YYYY-MM-DD: 2026-02-30 is refused here, not met later by the working-day arithmetic. */
const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
export const calendarDate = z.string().refine(isCalendarDate, customIssue(msg('issue.calendarDate')));
const date = calendarDate;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const id = z.number().int().positive().max(2 ** 31);
const note = z.string().trim().max(2000).nullable().optional();

export const activityCreateSchema = z.strictObject({
  purpose: z.enum(ACTIVITY_PURPOSES),
  agency: z.string().trim().min(1).max(200),
  venueId: id,
  dateFrom: date,
  dateTo: date,
  plannedParticipants: z.number().int().min(0).max(100_000).optional(),
  jobLevels: z.array(z.string().trim().min(1).max(100)).max(30).optional(),
  units: note,
  facilities: note
});
export const activityUpdateSchema = activityCreateSchema.omit({ venueId: true }).partial();
export const activityQuerySchema = z.object({
  venueId: urlId().optional(),
  purpose: z.enum(ACTIVITY_PURPOSES).optional(),
  from: date.optional(),
  to: date.optional()
});
export const teamAssignSchema = z.strictObject({ userId: id, teamRole: z.enum(TEAM_ROLES) });

const reason = z.string().trim().min(1).max(500);
export const activitySessionSchema = z.strictObject({
  roomId: id,
  date,
  time,
  durationMin: z.number().int().min(15).max(600).optional(),
  capacity: z.number().int().min(0).max(10_000),
  name: z.string().trim().min(1).max(120).optional(),
  overrideReason: reason.optional()
});
export const dayOffSchema = z.strictObject({
  date, name: z.string().trim().min(1).max(120), kind: z.enum(['cuti_bersama', 'local']), venueId: id.nullable().optional()
});
export const daysOffQuerySchema = z.object({ from: date.optional(), to: date.optional() });
export const cancelSchema = z.strictObject({ reason });
/** A venue's kind (SE BKN 6/2026 §5.b) and its zone (WIB, WITA, WIT): at least one of them. */
export const venueSettingsSchema = z.strictObject({ kind: z.enum(VENUE_KINDS).optional(), timeZone: z.enum(VENUE_TIME_ZONES).optional() })
  .refine((v) => v.kind !== undefined || v.timeZone !== undefined, customIssue(msg('issue.nothingToChange')));
export const rescheduleSchema = z.strictObject({ date, time, reason, overrideReason: reason.optional() });
/** A koordinator's exception to the registration lead time of one session (SE BKN 6/2026 §5.i.2.d), with its reason. */
export const lateRegistrationSchema = z.strictObject({ reason });
