/**
 * The monitoring and evaluation page's query (Perban BKN 4/2024 Pasal 16(4): the Tim Pemantauan
 * dan Evaluasi evaluates over a period and a scope): read from and written to the page's URL, so a
 * link reproduces the report and back/forward walk through the reports looked at; its defaults
 * (today), the quick periods, the period's own checks (the server's, said before asking), and the
 * scope's choices from the venues the caller may see. No Svelte here: the unit tests import it.
 */
import { TIME_ZONE_INFO, VENUE_KINDS, type VenueKind, type VenueTimeZone } from '$protocol/activity.ts';
import { EVALUATION_MAX_DAYS, type EvaluationQuery } from '$protocol/evaluation.ts';
import { dateOfDay, dayNumber, plusDays } from '$protocol/schedule.ts';

const DAY_MS = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}$/;
/** The URL keys, in the order written. */
export const QUERY_KEYS = ['from', 'to', 'region', 'agency', 'venueKind', 'venueId'] as const;

/**
 * Today's date on a zone's clock (WIB by default: the page is not about one venue, and the
 * server counts each session on its own venue's date, so a WITA or WIT venue's evening session is
 * still in "today" for the hours that matter).
 */
export function todayIn(now: number, zone: VenueTimeZone = 'Asia/Jakarta'): string {
  return dateOfDay(Math.floor((now + TIME_ZONE_INFO[zone].offsetMin * 60_000) / DAY_MS));
}

/** Whether `s` is a real calendar date written YYYY-MM-DD. */
export function isDate(s: string | null | undefined): s is string {
  return !!s && ISO.test(s) && !Number.isNaN(dayNumber(s)) && dateOfDay(dayNumber(s)) === s;
}

const text = (v: string | null): string | undefined => (v === null || v.trim() === '' ? undefined : v.trim());

/**
 * The query a URL names; what is missing or malformed falls back: a date to today (a lone `from`
 * or `to` makes a one-day period of it), a filter to "all". The dates are not put in order here:
 * a period typed backwards is said to be so (periodProblem), not silently turned round.
 */
export function queryFromParams(params: URLSearchParams, today: string): EvaluationQuery {
  const fromIn = params.get('from');
  const toIn = params.get('to');
  const from = isDate(fromIn) ? fromIn : isDate(toIn) ? toIn : today;
  const to = isDate(toIn) ? toIn : from;
  const q: EvaluationQuery = { from, to };
  const region = text(params.get('region'));
  const agency = text(params.get('agency'));
  const kind = params.get('venueKind');
  const venue = params.get('venueId') ?? '';
  if (region) q.region = region;
  if (agency) q.agency = agency;
  if (kind && (VENUE_KINDS as readonly string[]).includes(kind)) q.venueKind = kind as VenueKind;
  if (/^[1-9]\d{0,9}$/.test(venue) && Number(venue) <= 2 ** 31) q.venueId = Number(venue);
  return q;
}

/** The URL's query for `q` ("?from=…&to=…"), the period always written (a link made today still means today's report tomorrow). */
export function queryToSearch(q: EvaluationQuery): string {
  const params = new URLSearchParams();
  for (const k of QUERY_KEYS) {
    const v = q[k];
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  return `?${params}`;
}

/** Whether two queries ask for the same report. */
export function sameQuery(a: EvaluationQuery, b: EvaluationQuery): boolean {
  return queryToSearch(a) === queryToSearch(b);
}

/** The days the period covers, both ends included (0 or less when it is backwards). */
export function periodDays(q: Pick<EvaluationQuery, 'from' | 'to'>): number {
  return dayNumber(q.to) - dayNumber(q.from) + 1;
}

/**
 * What the server would refuse in the period (protocol/schemas/evaluation.ts checkPeriod): its end
 * before its start, or wider than EVALUATION_MAX_DAYS. Null when it is fine.
 */
export function periodProblem(q: Pick<EvaluationQuery, 'from' | 'to'>): { kind: 'order' } | { kind: 'tooLong'; days: number; max: number } | null {
  const days = periodDays(q);
  if (days < 1) return { kind: 'order' };
  if (days > EVALUATION_MAX_DAYS) return { kind: 'tooLong', days, max: EVALUATION_MAX_DAYS };
  return null;
}

// ---------------------------------------------------------------- quick periods

export const QUICK_PERIODS = ['today', 'week', 'month'] as const;
export type QuickPeriod = (typeof QUICK_PERIODS)[number];

/** The quick picks: today; the last 7 days up to today; this month up to today. */
export function quickPeriod(kind: QuickPeriod, today: string): { from: string; to: string } {
  if (kind === 'today') return { from: today, to: today };
  if (kind === 'week') return { from: plusDays(today, -6), to: today };
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/** The quick pick the period is, if any (today's first when several coincide, e.g. on the 1st). */
export function activeQuick(q: Pick<EvaluationQuery, 'from' | 'to'>, today: string): QuickPeriod | null {
  for (const k of QUICK_PERIODS) {
    const p = quickPeriod(k, today);
    if (p.from === q.from && p.to === q.to) return k;
  }
  return null;
}

// ---------------------------------------------------------------- scope

/** A venue as the caller's account lists it (Me.venues: the scope resolved). */
export type ScopeVenue = { id: number; name: string; region: string | null; kind: VenueKind };

export type ScopeOptions = {
  regions: string[];
  kinds: VenueKind[];
  /** the venues that match the region and kind chosen */
  venues: ScopeVenue[];
  agencies: string[];
};

const byName = (a: string, b: string) => a.localeCompare(b, 'id', { sensitivity: 'base' });

/**
 * The scope filters' choices: the regions and venue kinds of the caller's venues, the venues the
 * chosen region and kind leave, and the agencies known (the activities of the period and those
 * the report names). A value in the query that is not among them stays a choice, so the select
 * shows what the URL asks for (the server says whether it is in scope).
 */
export function scopeOptions(venues: readonly ScopeVenue[], agencies: Iterable<string>, q: EvaluationQuery): ScopeOptions {
  const regions = new Set<string>();
  const kinds = new Set<VenueKind>();
  for (const v of venues) {
    if (v.region) regions.add(v.region);
    kinds.add(v.kind);
  }
  if (q.region) regions.add(q.region);
  if (q.venueKind) kinds.add(q.venueKind);
  const agencySet = new Set(agencies);
  if (q.agency) agencySet.add(q.agency);
  const shown = venues
    .filter((v) => (!q.region || v.region === q.region) && (!q.venueKind || v.kind === q.venueKind))
    .sort((a, b) => byName(a.name, b.name));
  if (q.venueId !== undefined && !shown.some((v) => v.id === q.venueId)) {
    const asked = venues.find((v) => v.id === q.venueId);
    shown.push(asked ?? { id: q.venueId, name: `#${q.venueId}`, region: null, kind: 'lainnya' });
  }
  return {
    regions: [...regions].sort(byName),
    kinds: VENUE_KINDS.filter((k) => kinds.has(k)),
    venues: shown,
    agencies: [...agencySet].sort(byName)
  };
}

export type ScopePatch = Partial<Pick<EvaluationQuery, 'region' | 'agency' | 'venueKind' | 'venueId'>>;

/**
 * The query with a scope filter changed (undefined: "all"). A venue chosen that the new region or
 * kind leaves out is dropped, so the report never asks for a venue the other filters exclude.
 */
export function withScope(q: EvaluationQuery, patch: ScopePatch, venues: readonly ScopeVenue[]): EvaluationQuery {
  const next: EvaluationQuery = { ...q };
  for (const k of ['region', 'agency', 'venueKind', 'venueId'] as const) {
    if (!(k in patch)) continue;
    const v = patch[k];
    if (v === undefined || v === null || v === '') delete next[k];
    else (next as Record<string, unknown>)[k] = v;
  }
  if (next.venueId !== undefined && ('region' in patch || 'venueKind' in patch)) {
    const v = venues.find((x) => x.id === next.venueId);
    if (v && ((next.region && v.region !== next.region) || (next.venueKind && v.kind !== next.venueKind))) delete next.venueId;
  }
  return next;
}

/** The query with another period, the scope kept. */
export const withPeriod = (q: EvaluationQuery, period: { from: string; to: string }): EvaluationQuery => ({ ...q, from: period.from, to: period.to });

/** Whether any scope filter is set. */
export const isScoped = (q: EvaluationQuery): boolean => q.region !== undefined || q.agency !== undefined || q.venueKind !== undefined || q.venueId !== undefined;

/** The query with every scope filter cleared. */
export const withoutScope = (q: EvaluationQuery): EvaluationQuery => ({ from: q.from, to: q.to });
