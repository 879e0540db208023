/** The schedule's queries (protocol/schedule.ts): a venue, a range of dates of at most SCHEDULE_MAX_DAYS. */
import { z } from 'zod';
import { urlId } from './url-number.ts';
import { calendarDate } from './activity.ts';
import { msg } from '../messages/index.ts';
import { customIssue } from '../messages/issues.ts';
import { dayNumber, SCHEDULE_MAX_DAYS } from '../schedule.ts';

const range = { venueId: urlId().optional(), from: calendarDate.optional(), to: calendarDate.optional() };

/** Both ends given: in order, and not wider than SCHEDULE_MAX_DAYS (one end alone makes a week). */
function checkRange(q: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.from === undefined || q.to === undefined) return;
  const days = dayNumber(q.to) - dayNumber(q.from) + 1;
  if (days < 1) ctx.addIssue(customIssue(msg('activity.datesOrder', { from: q.from, to: q.to }), ['to']));
  else if (days > SCHEDULE_MAX_DAYS) ctx.addIssue(customIssue(msg('schedule.rangeTooLong', { from: q.from, to: q.to, days, max: SCHEDULE_MAX_DAYS }), ['to']));
}

export const scheduleQuerySchema = z.object(range).superRefine(checkRange);
export const scheduleExportQuerySchema = z.object({ ...range, format: z.enum(['csv', 'xlsx']) }).superRefine(checkRange);
