/** The monitoring and evaluation report's query and issue body (protocol/evaluation.ts). */
import { z } from 'zod';
import { urlId } from './url-number.ts';
import { calendarDate } from './activity.ts';
import { plausibleNip } from './session.ts';
import { msg } from '../messages/index.ts';
import { customIssue } from '../messages/issues.ts';
import { VENUE_KINDS } from '../activity.ts';
import { dayNumber } from '../schedule.ts';
import { EVALUATION_MAX_DAYS, EVALUATION_MEMBERS_MAX, RECOMMENDATIONS_MAX, RECOMMENDATIONS_MIN } from '../evaluation.ts';

const text = (max: number) => z.string().trim().max(max);

/** Both ends in order, and not wider than EVALUATION_MAX_DAYS. */
function checkPeriod(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  const days = dayNumber(q.to) - dayNumber(q.from) + 1;
  if (days < 1) ctx.addIssue(customIssue(msg('activity.datesOrder', { from: q.from, to: q.to }), ['to']));
  else if (days > EVALUATION_MAX_DAYS) ctx.addIssue(customIssue(msg('evaluation.rangeTooLong', { from: q.from, to: q.to, days, max: EVALUATION_MAX_DAYS }), ['to']));
}

const queryShape = {
  from: calendarDate,
  to: calendarDate,
  region: text(120).min(1).optional(),
  agency: text(200).min(1).optional(),
  venueKind: z.enum(VENUE_KINDS).optional(),
  venueId: urlId().optional()
};

/** GET /api/evaluation: from the URL (every value a string). */
export const evaluationQuerySchema = z.object(queryShape).superRefine(checkPeriod);

const member = z.strictObject({
  name: text(120).min(1),
  nip: z.union([plausibleNip, z.null()]),
  jabatan: text(120).nullable().optional()
});

/** POST /api/evaluation/documents (JSON: the venue id is a number here). */
export const evaluationIssueSchema = z.strictObject({
  query: z.strictObject({ ...queryShape, venueId: z.number().int().positive().max(2 ** 31).optional() }).superRefine(checkPeriod),
  recommendations: text(RECOMMENDATIONS_MAX).refine((v) => v.length >= RECOMMENDATIONS_MIN, customIssue(msg('evaluation.recommendationsShort', { min: RECOMMENDATIONS_MIN }))),
  ketua: member,
  anggota: z.array(member).min(1).max(EVALUATION_MEMBERS_MAX)
});
