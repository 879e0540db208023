/**
 * The coordinator board: every venue in a koordinator's scope on one screen, live, ranked by what
 * needs attention first (Perban BKN 4/2024 Pasal 16: the coordinator oversees and evaluates the
 * venues; SE BKN 6/2026 §5.i.5). This file is the contract only: what a venue's row carries, the
 * snapshot and the versioned changes the server pushes, the board's filters, and the two pure
 * rules the dashboard needs as well as the server (the ranking, and applying a change). No zod:
 * the web app imports this file directly ($protocol/board.ts), like room-status.ts.
 *
 * The score's parts are computed on the server (server/domain/venue-attention.ts); their weights
 * and the level thresholds are here so the board can explain a score ("1 PC mati × 10 poin").
 */
import type { VenueKind, VenueTimeZone } from './activity.ts';
import type { StationTally, TodaySession } from './events.ts';
import type { SessionStateName } from './session.ts';
import { SESSION_STATES } from './session.ts';

// ---------------------------------------------------------------- timing

/** The server pushes board changes at most this often (one coalesced delta a second at most). */
export const BOARD_PUSH_INTERVAL_MS = 1000;

/**
 * How long after its scheduled end (scheduledAt + durationMin) a session may stay unfinalised
 * before the board counts it late. Finalising prints the lists and signs the berita acara
 * (Pasal 14(1)l–m) right after the test; an hour covers participants given added time or paused,
 * a late start, and the signing itself.
 */
export const LATE_FINALISATION_GRACE_MIN = 60;

// ---------------------------------------------------------------- the attention score

/**
 * The parts of a venue's attention score, in the order the board lists them (most urgent first).
 *   missing_stations    offline PCs with a participant seated, in a room whose session is running:
 *                       that participant cannot work (Pasal 14(1)j–k, the test is under way)
 *   late_finalisation   today's sessions past their scheduled end + LATE_FINALISATION_GRACE_MIN and
 *                       not finalised (Pasal 14(1)l–m), nor postponed or cancelled
 *   open_incidents      incidents recorded in today's sessions that are not finalised yet (a
 *                       session's records stay open until then; Lampiran I.C.1)
 *   postponements       today's sessions postponed (Pasal 12(2)e–f: follow-ups before it resumes)
 *   lampiran2_failures  PCs in use whose hardware fails Perban BKN 4/2024 Lampiran II
 *   latency_breaches    PCs degraded by reply time (over Lampiran II's 300 ms in consecutive heartbeats,
 *                       the room's rule) whose latest round trip is still over it
 */
export const ATTENTION_PARTS = [
  'missing_stations',
  'late_finalisation',
  'open_incidents',
  'postponements',
  'lampiran2_failures',
  'latency_breaches'
] as const;
export type AttentionPart = (typeof ATTENTION_PARTS)[number];

/**
 * Points per item of each part. Why these numbers:
 * - a missing station weighs the most, as much as the critical threshold on its own: a participant
 *   sits in a running test and cannot work, every minute counts against their 180 minutes;
 * - a late finalisation is half that: nobody is blocked, but the lists and the berita acara are
 *   owed and the records stay open; two of them make a venue critical;
 * - a postponement has already been handled on the spot (its Berita Acara Penundaan is issued
 *   before the session stops), what is left is the follow-up and the new date: a warning;
 * - an open incident needs a look but is usually settled in the room: three points, so four of
 *   them in a day (a pattern) make the venue critical;
 * - a PC failing Lampiran II with someone at it should be swapped (a spare), two points each;
 * - a latency breach is one point: a single slow PC is often a spike; many of them together (ten
 *   or more) are the venue's network, which is critical.
 */
export const ATTENTION_WEIGHTS: Record<AttentionPart, number> = {
  missing_stations: 10,
  late_finalisation: 5,
  postponements: 4,
  open_incidents: 3,
  lampiran2_failures: 2,
  latency_breaches: 1
};

/**
 * A score at or over `critical` is critical, at or over `warning` a warning, below it (0) ok.
 * Any part at all makes a warning; one missing station, or enough lesser things together, critical.
 */
export const ATTENTION_THRESHOLDS = { critical: 10, warning: 1 } as const;

export const ATTENTION_LEVELS = ['critical', 'warning', 'ok'] as const;
export type AttentionLevel = (typeof ATTENTION_LEVELS)[number];

/** One part of the score: `count` items × its weight = `points`. Only parts with a count are listed. */
export type VenueAttentionPart = { kind: AttentionPart; points: number; count: number };
/** `score` is the sum of the parts' points; the parts in ATTENTION_PARTS order. */
export type VenueAttention = { score: number; level: AttentionLevel; parts: VenueAttentionPart[] };

// ---------------------------------------------------------------- a venue's row

/**
 * One of the venue's sessions of its today (the venue's own date, in its time zone), as on the
 * room list (TodaySession), with its room, its activity's agency and whether its finalisation is late.
 */
export type BoardSession = TodaySession & {
  /** the room it is held in: the board links to the room's page */
  roomId: number;
  roomName: string;
  /** the agency (instansi) of the session's activity; null for a session outside an activity */
  agency: string | null;
  /** past its scheduled end + LATE_FINALISATION_GRACE_MIN and not finalised, postponed or cancelled */
  finalisedLate: boolean;
};

/**
 * The venue's stations, counted as on the room list (protocol/room-status.ts `tallyStations`:
 * unenrolled spares are in `total` only), over all its rooms; `missing`: those offline with a
 * participant seated in a room whose session is running (the score's missing_stations).
 */
export type BoardStations = Pick<StationTally, 'total' | 'online' | 'degraded' | 'offline'> & { missing: number };

/** The participants on the rosters of today's sessions: registered present, working now, done with the series. */
export type BoardParticipants = { roster: number; present: number; working: number; finished: number };

export type VenueBoardRow = {
  venueId: number;
  code: string;
  name: string;
  kind: VenueKind;
  /** the regional office (Kantor Regional) the venue belongs to, if recorded */
  region: string | null;
  timeZone: VenueTimeZone;
  /** in order of their start */
  sessions: BoardSession[];
  stations: BoardStations;
  participants: BoardParticipants;
  /** incidents recorded in today's sessions not finalised yet */
  openIncidents: number;
  /** today's sessions postponed */
  postponed: number;
  /** today's sessions in preparation or open without a completed daftar periksa (Lampiran I.B) */
  checklistPending: number;
  /** PCs in use failing Lampiran II (StationTally.complianceFail over the rooms) */
  lampiran2Failures: number;
  /** connected PCs whose latest round trip is over LAMPIRAN_II.maxLatencyMs (300 ms) now */
  latencyBreaches: number;
  attention: VenueAttention;
};

/** What the score is computed from: the row without it. */
export type VenueBoardFacts = Omit<VenueBoardRow, 'attention'>;

// ---------------------------------------------------------------- snapshot and changes

/**
 * The whole board at `version`, ranked (rankVenues). A client starts from a snapshot, then applies
 * each BoardDelta whose version is the next one; on a gap it asks for a snapshot again.
 */
export type BoardSnapshot = { version: number; at: number; venues: VenueBoardRow[] };
/** The rows that changed or appeared since `version - 1` (whole rows), and the venue ids gone from the board. */
export type BoardDelta = { version: number; at: number; changed: VenueBoardRow[]; removed: number[] };

// ---------------------------------------------------------------- filters

/**
 * The board's state counters and the values of its `state` filter: today's sessions by lifecycle
 * state (SESSION_STATES, in their order), then those whose finalisation is late.
 */
export const BOARD_STATE_KEYS = [...SESSION_STATES, 'late_finalisation'] as const satisfies readonly (SessionStateName | 'late_finalisation')[];
export type BoardStateKey = (typeof BOARD_STATE_KEYS)[number];
export type BoardStateCounts = Record<BoardStateKey, number>;

/**
 * The board's filters, kept in the page's URL (a link shows the same board): each null / false is
 * "all". `state`: venues with at least one of today's sessions in that state (or late);
 * `hideHealthy`: leave out the venues whose level is ok.
 */
export type BoardFilter = {
  region: string | null;
  agency: string | null;
  venueKind: VenueKind | null;
  state: BoardStateKey | null;
  hideHealthy: boolean;
};
/** The query parameter of each filter is its key. */
export const BOARD_FILTER_KEYS = ['region', 'agency', 'venueKind', 'state', 'hideHealthy'] as const satisfies readonly (keyof BoardFilter)[];
export const NO_BOARD_FILTER: BoardFilter = { region: null, agency: null, venueKind: null, state: null, hideHealthy: false };

// ---------------------------------------------------------------- ranking and applying changes

const LEVEL_RANK: Record<AttentionLevel, number> = { critical: 0, warning: 1, ok: 2 };

/** Critical first, then warning, then ok; within a level the higher score first, then by name, then by id. */
export function compareVenues(a: VenueBoardRow, b: VenueBoardRow): number {
  return (
    LEVEL_RANK[a.attention.level] - LEVEL_RANK[b.attention.level] ||
    b.attention.score - a.attention.score ||
    a.name.localeCompare(b.name, 'id', { sensitivity: 'base' }) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    a.venueId - b.venueId
  );
}

/** The rows in board order (a new array; the order is total, so the same rows always rank the same). */
export function rankVenues(rows: readonly VenueBoardRow[]): VenueBoardRow[] {
  return [...rows].sort(compareVenues);
}

/**
 * What applying a delta gave: `applied` false when the delta was one already applied (a replay:
 * its version is not newer), and the snapshot is returned unchanged; `need: 'snapshot'` when a
 * version is missing in between (the client asks for the whole board again).
 */
export type ApplyDeltaResult = { ok: true; applied: boolean; snapshot: BoardSnapshot } | { ok: false; need: 'snapshot' };

/**
 * The client's reducer: applies `delta` to `snapshot` only when it is the next version, so nothing
 * is applied twice or missed. Pure: returns a new snapshot, ranked again (changed rows move).
 */
export function applyDelta(snapshot: BoardSnapshot, delta: BoardDelta): ApplyDeltaResult {
  if (delta.version <= snapshot.version) return { ok: true, applied: false, snapshot };
  if (delta.version !== snapshot.version + 1) return { ok: false, need: 'snapshot' };
  const gone = new Set(delta.removed);
  const byId = new Map<number, VenueBoardRow>();
  for (const row of snapshot.venues) if (!gone.has(row.venueId)) byId.set(row.venueId, row);
  for (const row of delta.changed) if (!gone.has(row.venueId)) byId.set(row.venueId, row);
  return { ok: true, applied: true, snapshot: { version: delta.version, at: delta.at, venues: rankVenues([...byId.values()]) } };
}
