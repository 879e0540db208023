/**
 * The monitoring and evaluation report (Perban BKN 4/2024 Pasal 16(4)–(5)) over a period and the
 * caller's venues narrowed by the filters: the facts read in a handful of indexed statements
 * (db/queries/evaluation.ts), the report computed by the pure rules (server/domain/evaluation.ts).
 * The scope is the caller's venue scope only: an activity's team reaches its rooms to run them, not
 * the venue's record to evaluate it. Also called when the report is issued as a document. The
 * route computes it on the report thread (evaluation-pool.ts): a national year reads many rows.
 */
import type { Db } from '../../db/client.ts';
import {
  agencyVenueIds, evaluationAudit, evaluationCorrections, evaluationIncidents, evaluationPostponements, evaluationSessions,
  evaluationStationFaults, evaluationVenues, type SessionWindow
} from '../../db/queries/evaluation.ts';
import { EVALUATION_ITEMS_LIMIT, EVALUATION_MAX_DAYS, type EvaluationQuery, type EvaluationReport, type EvaluationScope } from '../../protocol/evaluation.ts';
import { msg } from '../../protocol/messages/index.ts';
import { dayNumber } from '../../protocol/schedule.ts';
import type { Principal } from '../auth/principal.ts';
import { evaluationReportOf } from '../domain/evaluation.ts';
import { refuse, type Result } from '../session/context.ts';

const DAY_MS = 86_400_000;
/**
 * How long before its session an override may be recorded and still be read: the longest lead
 * time is 5 working days (SE BKN 6/2026 §5.i.2.d–e), which with holidays and cuti bersama stays
 * well inside this.
 */
const OVERRIDE_LOOKBACK_MS = 45 * DAY_MS;

/**
 * What the report reads of the caller: its capabilities and its venue scope (a Principal is one;
 * the report thread gets just these). Rooms reached through an activity do not count.
 */
export type EvaluationCaller = Pick<Principal, 'caps' | 'national' | 'venueIds'>;
const seesVenue = (p: EvaluationCaller, venueId: number) => p.national || p.venueIds.has(venueId);

export function evaluationReport(db: Db, p: EvaluationCaller, q: EvaluationQuery, now = Date.now()): Result<Omit<EvaluationReport, 'ok'>> {
  if (!p.caps.has('evaluation.view') && !p.caps.has('evaluation.issue')) return refuse('FORBIDDEN');
  const days = dayNumber(q.to) - dayNumber(q.from) + 1;
  if (!(days >= 1)) return refuse('INVALID_PAYLOAD', msg('activity.datesOrder', { from: q.from, to: q.to }));
  if (days > EVALUATION_MAX_DAYS) return refuse('INVALID_PAYLOAD', msg('evaluation.rangeTooLong', { from: q.from, to: q.to, days, max: EVALUATION_MAX_DAYS }));

  const all = evaluationVenues(db);
  const mine = all.filter((v) => seesVenue(p, v.id));
  const outOfScope = () => refuse('FORBIDDEN', msg('evaluation.outOfScope'));
  if (q.venueId !== undefined) {
    if (!all.some((v) => v.id === q.venueId)) return refuse('NOT_FOUND', msg('venue.notFound'));
    if (!seesVenue(p, q.venueId)) return outOfScope();
  }
  // a region or agency the caller oversees none of is outside its scope; one nobody has is just empty
  if (q.region !== undefined && !p.national && !mine.some((v) => v.region === q.region)) return outOfScope();
  if (q.agency !== undefined && !p.national) {
    const at = agencyVenueIds(db, q.agency);
    if (at.length && !at.some((id) => seesVenue(p, id))) return outOfScope();
  }
  const venues = mine.filter((v) =>
    (q.venueId === undefined || v.id === q.venueId) && (q.region === undefined || v.region === q.region) && (q.venueKind === undefined || v.kind === q.venueKind));
  const venueIds = venues.map((v) => v.id);
  const scope: EvaluationScope = {
    region: q.region ?? null, agency: q.agency ?? null, venueKind: q.venueKind ?? null, venueId: q.venueId ?? null, venueIds
  };

  // a day wider each side than the period: every zone's dates are inside; the rules keep each venue's own
  const fromMs = (dayNumber(q.from) - 1) * DAY_MS;
  const toMs = (dayNumber(q.to) + 2) * DAY_MS;
  // one read transaction (deferred: it takes no write lock): every statement sees the same moment of the store
  const facts = db.transaction(() => {
    const sessions = venueIds.length ? evaluationSessions(db, fromMs, toMs, { venueIds, agency: q.agency ?? null }) : [];
    const ids = sessions.map((s) => s.id);
    // the PCs' faults count while the session ran: from its start to its end (now, while it runs)
    const windows: SessionWindow[] = sessions.flatMap((s) => {
      if (s.startedAt === null) return [];
      const end = s.finishedAt ?? (s.state === 'running' ? now : (s.stateChangedAt ?? now));
      return [{ id: s.id, roomId: s.roomId, from: s.startedAt, to: Math.max(end, s.startedAt) }];
    });
    const faults = evaluationStationFaults(db, windows, EVALUATION_ITEMS_LIMIT);
    return {
      sessions,
      incidents: ids.length ? evaluationIncidents(db, ids) : [],
      postponements: venueIds.length ? evaluationPostponements(db, fromMs, toMs, venueIds) : [],
      stationFaultCounts: faults.counts,
      stationFaults: faults.items,
      corrections: ids.length ? evaluationCorrections(db, ids) : [],
      audit: venueIds.length ? evaluationAudit(db, fromMs - OVERRIDE_LOOKBACK_MS, toMs, venueIds) : []
    };
  }, { behavior: 'deferred' });
  return { ok: true, ...evaluationReportOf({ period: { from: q.from, to: q.to }, scope, venues, ...facts }, now) };
}
