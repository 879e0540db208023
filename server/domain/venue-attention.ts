/**
 * The coordinator board's rules (Perban BKN 4/2024 Pasal 16; SE BKN 6/2026 §5.i.5): how much a
 * venue needs a coordinator's look, and what changed between two versions of the board. Pure: the
 * server's per-venue aggregate calls them with its facts and the time; nothing here reads a clock,
 * the store or the hub.
 *
 * The weights, the thresholds and the grace are in protocol/board.ts (the board explains a score
 * with them); the ranking and the client's reducer are there too, since the dashboard runs them,
 * and are re-exported here so the server has the board's rules in one place.
 */
import {
  ATTENTION_PARTS,
  ATTENTION_THRESHOLDS,
  ATTENTION_WEIGHTS,
  LATE_FINALISATION_GRACE_MIN,
  type AttentionLevel,
  type AttentionPart,
  type BoardSession,
  type VenueAttention,
  type VenueBoardFacts,
  type VenueBoardRow
} from '../../protocol/board.ts';
import type { SessionStateName } from '../../protocol/session.ts';

export { applyDelta, compareVenues, rankVenues } from '../../protocol/board.ts';

/**
 * States that are past the need to finalise: finalised (Pasal 14(1)l–m done), postponed (it is
 * held again on a new date, Pasal 12(3); counted as a postponement instead) and cancelled.
 */
const NOT_DUE: readonly SessionStateName[] = ['finalised', 'postponed', 'cancelled'];

/** When the session's finalisation becomes late: its scheduled end plus the grace. */
export function finalisationDueAt(s: Pick<BoardSession, 'scheduledAt' | 'durationMin'>): number {
  return s.scheduledAt + (s.durationMin + LATE_FINALISATION_GRACE_MIN) * 60_000;
}

/**
 * Not finalised (nor postponed or cancelled) and `now` is past its scheduled end + the grace.
 * Exactly at the grace it is still on time, as "paling lambat" reads elsewhere (late-arrival.ts).
 * A session never started counts too: it was neither held nor postponed, someone has to say why.
 */
export function isFinalisationLate(s: Pick<BoardSession, 'state' | 'scheduledAt' | 'durationMin'>, now: number): boolean {
  return !NOT_DUE.includes(s.state) && now > finalisationDueAt(s);
}

export function levelOf(score: number): AttentionLevel {
  if (score >= ATTENTION_THRESHOLDS.critical) return 'critical';
  if (score >= ATTENTION_THRESHOLDS.warning) return 'warning';
  return 'ok';
}

/** How many items of each part the venue has now. */
function countsOf(row: VenueBoardFacts, now: number): Record<AttentionPart, number> {
  return {
    missing_stations: row.stations.missing,
    late_finalisation: row.sessions.filter((s) => isFinalisationLate(s, now)).length,
    open_incidents: row.openIncidents,
    postponements: row.postponed,
    lampiran2_failures: row.lampiran2Failures,
    latency_breaches: row.latencyBreaches
  };
}

/**
 * The venue's score at `now`: each part's count × its weight (ATTENTION_WEIGHTS), the parts with a
 * count listed in ATTENTION_PARTS order, and the level from the thresholds. Late finalisation is
 * judged from the sessions' times and `now` (not from their `finalisedLate` flags), so the
 * aggregate re-scores a venue as the clock passes a session's grace, without any event.
 */
export function attentionOf(row: VenueBoardFacts, now: number): VenueAttention {
  const counts = countsOf(row, now);
  const parts = ATTENTION_PARTS.filter((kind) => counts[kind] > 0).map((kind) => ({
    kind,
    count: counts[kind],
    points: counts[kind] * ATTENTION_WEIGHTS[kind]
  }));
  const score = parts.reduce((sum, p) => sum + p.points, 0);
  return { score, level: levelOf(score), parts };
}

/** The facts with each session's late flag set at `now` and the score: a whole row. */
export function boardRowOf(facts: VenueBoardFacts, now: number): VenueBoardRow {
  const sessions = facts.sessions.map((s) => ({ ...s, finalisedLate: isFinalisationLate(s, now) }));
  const row = { ...facts, sessions };
  return { ...row, attention: attentionOf(row, now) };
}

/** Structural equality of JSON-like values (the rows are plain data: numbers, strings, booleans, null, arrays, objects). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ob = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(ob, k) && same((a as Record<string, unknown>)[k], ob[k]));
}

/**
 * What the next delta carries: the rows of `next` that are new or differ in any field from the
 * row of the same venue in `prev` (in `next`'s order), and the ids of the venues of `prev` gone
 * from `next`. Equal boards give nothing to send.
 */
export function diffRows(prev: readonly VenueBoardRow[], next: readonly VenueBoardRow[]): { changed: VenueBoardRow[]; removed: number[] } {
  const before = new Map(prev.map((r) => [r.venueId, r]));
  const now = new Set(next.map((r) => r.venueId));
  const changed = next.filter((r) => {
    const old = before.get(r.venueId);
    return old === undefined || !same(old, r);
  });
  const removed = prev.filter((r) => !now.has(r.venueId)).map((r) => r.venueId);
  return { changed, removed };
}
