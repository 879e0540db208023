/**
 * The coordinator board's pure rules on the client (Perban BKN 4/2024 Pasal 16: the coordinator
 * oversees every venue of their scope): reading and writing the filters in the page's URL, which
 * venues a filter keeps, the "just got a problem" grace of `hideHealthy`, and the top bar's
 * counts. No Svelte here, so the unit tests import it directly.
 */
import {
  ATTENTION_LEVELS,
  BOARD_FILTER_KEYS,
  BOARD_STATE_KEYS,
  NO_BOARD_FILTER,
  type AttentionLevel,
  type BoardFilter,
  type BoardStateCounts,
  type BoardStateKey,
  type VenueBoardRow
} from '$protocol/board.ts';
import { VENUE_KINDS, type VenueKind } from '$protocol/activity.ts';

/**
 * The board page's filters: the contract's (protocol/board.ts BoardFilter) and the attention
 * level the top bar's critical / warning / ok counters select (`level` in the URL).
 */
export type BoardViewFilter = BoardFilter & { level: AttentionLevel | null };
export const NO_VIEW_FILTER: BoardViewFilter = { ...NO_BOARD_FILTER, level: null };
/** The URL keys, in the order written: the contract's then `level`. */
export const VIEW_FILTER_KEYS = [...BOARD_FILTER_KEYS, 'level'] as const;

/**
 * How long a venue whose level got worse stays on the board with "hide healthy" on, even when it
 * is back to ok: a problem that came and went in under a minute is still worth a look, and a row
 * that appears and vanishes again is hard to read on a wall screen.
 */
export const WORSENED_GRACE_MS = 60_000;

const LEVEL_RANK: Record<AttentionLevel, number> = { critical: 0, warning: 1, ok: 2 };

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | null => (v !== null && (values as readonly string[]).includes(v) ? (v as T) : null);
const text = (v: string | null): string | null => (v === null || v.trim() === '' ? null : v);

/** The filters a URL's query names; anything unknown or malformed is "all". */
export function filterFromParams(params: URLSearchParams): BoardViewFilter {
  const hide = params.get('hideHealthy');
  return {
    region: text(params.get('region')),
    agency: text(params.get('agency')),
    venueKind: oneOf<VenueKind>(VENUE_KINDS, params.get('venueKind')),
    state: oneOf<BoardStateKey>(BOARD_STATE_KEYS, params.get('state')),
    hideHealthy: hide === '1' || hide === 'true',
    level: oneOf<AttentionLevel>(ATTENTION_LEVELS, params.get('level'))
  };
}

/**
 * The query for `filter` ("" for no filter, else "?region=…"), keeping the other parameters of
 * `base` (the filters' own are replaced), so a link to the board shows the same view.
 */
export function filterToQuery(filter: BoardViewFilter, base: URLSearchParams = new URLSearchParams()): string {
  const params = new URLSearchParams(base);
  for (const k of VIEW_FILTER_KEYS) params.delete(k);
  for (const k of VIEW_FILTER_KEYS) {
    const v = filter[k];
    if (k === 'hideHealthy') {
      if (v) params.set(k, '1');
    } else if (v !== null && v !== false) params.set(k, String(v));
  }
  const q = params.toString();
  return q ? `?${q}` : '';
}

/** Whether any filter is set. */
export function isFiltered(filter: BoardViewFilter): boolean {
  return filterToQuery(filter) !== '';
}

/** Whether one of the venue's sessions of today is in `state` (or, for late_finalisation, late). */
export function hasState(row: VenueBoardRow, state: BoardStateKey): boolean {
  return row.sessions.some((s) => (state === 'late_finalisation' ? s.finalisedLate : s.state === state));
}

/** The scope filters (region, agency, venue kind): what the top bar's counts are counted over. */
export function inScope(row: VenueBoardRow, f: BoardViewFilter): boolean {
  if (f.region !== null && row.region !== f.region) return false;
  if (f.venueKind !== null && row.kind !== f.venueKind) return false;
  if (f.agency !== null && !row.sessions.some((s) => s.agency === f.agency)) return false;
  return true;
}

/** Whether the venue got worse within the grace before `now` (worsenedAt: venue id → when). */
export function justWorsened(venueId: number, worsenedAt: ReadonlyMap<number, number>, now: number): boolean {
  const at = worsenedAt.get(venueId);
  return at !== undefined && now - at < WORSENED_GRACE_MS;
}

/**
 * Whether the board shows the venue: every filter set must hold. `hideHealthy` leaves out ok
 * venues, except one that got worse in the last WORSENED_GRACE_MS ("just got a problem").
 */
export function matchesFilter(row: VenueBoardRow, f: BoardViewFilter, worsenedAt: ReadonlyMap<number, number>, now: number): boolean {
  if (!inScope(row, f)) return false;
  if (f.state !== null && !hasState(row, f.state)) return false;
  if (f.level !== null && row.attention.level !== f.level) return false;
  if (f.hideHealthy && row.attention.level === 'ok' && !justWorsened(row.venueId, worsenedAt, now)) return false;
  return true;
}

/** The venues the board shows, in the order given (the snapshot's is already ranked). */
export function filterVenues(rows: readonly VenueBoardRow[], f: BoardViewFilter, worsenedAt: ReadonlyMap<number, number>, now: number): VenueBoardRow[] {
  return rows.filter((r) => matchesFilter(r, f, worsenedAt, now));
}

/**
 * Follows each venue's level from one board to the next: a venue whose level got worse (ok →
 * warning, warning → critical, ok → critical) is stamped `now`; stamps older than the grace are
 * dropped, and so are venues gone from the board. A venue seen for the first time is not "worse":
 * it has no earlier level (the first snapshot does not flag the whole board).
 */
export function trackWorsened(
  previous: ReadonlyMap<number, AttentionLevel>,
  rows: readonly VenueBoardRow[],
  worsenedAt: ReadonlyMap<number, number>,
  now: number
): { levels: Map<number, AttentionLevel>; worsenedAt: Map<number, number> } {
  const levels = new Map<number, AttentionLevel>();
  const next = new Map<number, number>();
  for (const row of rows) {
    const level = row.attention.level;
    levels.set(row.venueId, level);
    const before = previous.get(row.venueId);
    if (before !== undefined && LEVEL_RANK[level] < LEVEL_RANK[before]) next.set(row.venueId, now);
    else if (justWorsened(row.venueId, worsenedAt, now)) next.set(row.venueId, worsenedAt.get(row.venueId)!);
  }
  return { levels, worsenedAt: next };
}

export type BoardCounts = {
  /** venues per attention level */
  levels: Record<AttentionLevel, number>;
  /** today's sessions per state (BOARD_STATE_KEYS), and those whose finalisation is late */
  states: BoardStateCounts;
  venues: number;
};

/** The top bar's counts over the given venues (the page passes those in scope). */
export function countBoard(rows: readonly VenueBoardRow[]): BoardCounts {
  const levels = Object.fromEntries(ATTENTION_LEVELS.map((l) => [l, 0])) as Record<AttentionLevel, number>;
  const states = Object.fromEntries(BOARD_STATE_KEYS.map((k) => [k, 0])) as BoardStateCounts;
  for (const row of rows) {
    levels[row.attention.level]++;
    for (const s of row.sessions) {
      states[s.state]++;
      if (s.finalisedLate) states.late_finalisation++;
    }
  }
  return { levels, states, venues: rows.length };
}

/** The filter's choices found on the board: regions and agencies, sorted; venue kinds present. */
export function filterOptions(rows: readonly VenueBoardRow[]): { regions: string[]; agencies: string[]; kinds: VenueKind[] } {
  const regions = new Set<string>();
  const agencies = new Set<string>();
  const kinds = new Set<VenueKind>();
  for (const row of rows) {
    if (row.region) regions.add(row.region);
    kinds.add(row.kind);
    for (const s of row.sessions) if (s.agency) agencies.add(s.agency);
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b, 'id', { sensitivity: 'base' }));
  return { regions: sorted(regions), agencies: sorted(agencies), kinds: VENUE_KINDS.filter((k) => kinds.has(k)) };
}

/** Whether the number of critical venues rose from one board to the next (the optional tone). */
export function criticalRose(before: number | null, after: number): boolean {
  return before !== null && after > before;
}
