/**
 * The monitoring and evaluation report (pemantauan dan evaluasi, Perban BKN 4/2024 Pasal 16(4)–(5);
 * SE BKN 6/2026 §5.i.5): over a chosen period and scope, whether the procedure was followed, the
 * problems of each stage (planning and preparation, execution, reporting), the venues and agencies
 * with the most problems, and the trend over the period; then the recommendations the Tim
 * Pemantauan dan Evaluasi writes (its ketua and anggota, Pasal 16(2)), issued as a PDF and an XLSX
 * that are hashed and verifiable like the berita acara (protocol/documents.ts, kind laporan_monev).
 *
 * Contract only, no zod (the web app imports this file at run time); the query and body schemas are
 * in schemas/evaluation.ts, the report is computed on the server (server/evaluation/*).
 */
import type { VenueKind, VenueTimeZone } from './activity.ts';
import type { IncidentCategory } from './session.ts';

/** The longest period one report covers (a year and a day: a yearly evaluation fits). */
export const EVALUATION_MAX_DAYS = 366;

/** How many problem items the JSON answer lists per kind (the XLSX carries all of them). */
export const EVALUATION_ITEMS_LIMIT = 200;

/**
 * GET /api/evaluation: the period (YYYY-MM-DD, inclusive, each session counted on its date in its
 * venue's zone) and the scope, narrowed from the caller's own (a koordinator scoped to a region
 * never sees another region, whatever the query says). Omitted filters: all in the caller's scope.
 */
export type EvaluationQuery = {
  from: string;
  to: string;
  region?: string;
  agency?: string;
  venueKind?: VenueKind;
  venueId?: number;
};

/** The filters as the report prints them, and the venues they came to. */
export type EvaluationScope = {
  region: string | null;
  agency: string | null;
  venueKind: VenueKind | null;
  venueId: number | null;
  /** the venues the report covers, by id (the caller's scope ∩ the filters) */
  venueIds: number[];
};

// ---------------------------------------------------------------- was the procedure followed

/**
 * The procedure checks, each over the sessions it applies to:
 *   checklist_before_registration  the daftar periksa was completed before registration opened
 *                                  (Pasal 14(1)a–c before 14(1)d–e; Lampiran I.B)
 *   berita_acara                   a finalised session has its Berita Acara Penyelenggaraan and a
 *                                  postponed one its Berita Acara Penundaan (Pasal 14(1)m, 12(2)f)
 *   finalised_on_day               a finished session was finalised on its day, in its venue's zone
 *                                  (Pasal 14(1)l–m: the lists and the berita acara after the test)
 *   schedule_rules                 the session was planned and moved within the lead time (Pasal
 *                                  9(5)b; SE BKN 6/2026 §5.i.2), or overridden with a reason
 *   registration_lead_time         participants registered within the lead time, or by an
 *                                  exception a koordinator granted with a reason (§5.i.2.d)
 */
export const PROCEDURE_CHECKS = [
  'checklist_before_registration',
  'berita_acara',
  'finalised_on_day',
  'schedule_rules',
  'registration_lead_time'
] as const;
export type ProcedureCheck = (typeof PROCEDURE_CHECKS)[number];

/** A session a check does not hold for (or holds only by an exception), and why. */
export type ProcedureException = {
  sessionId: number;
  sessionCode: string;
  venueName: string;
  /** YYYY-MM-DD in the venue's zone */
  date: string;
  /** true: kept by an exception with a reason (an override): counted as followed, listed all the same */
  excepted: boolean;
  /** what happened, in words (Bahasa Indonesia; the reason of an override is quoted) */
  detail: string;
};

export type ProcedureRow = {
  check: ProcedureCheck;
  /** the sessions it applies to, and those it held for (exceptions included) */
  applicable: number;
  followed: number;
  exceptions: ProcedureException[];
};

// ---------------------------------------------------------------- problems per stage

export const EVALUATION_STAGES = ['planning', 'execution', 'reporting'] as const;
export type EvaluationStage = (typeof EVALUATION_STAGES)[number];

/**
 * The kinds of problem, each in one stage:
 *   planning   schedule_override     a session planned or moved inside the lead time by a koordinator
 *              late_registration     participants registered inside the lead time by an exception
 *              import_refused        a participant file the agency sent that was refused (nothing saved)
 *   execution  checklist_failure     a daftar periksa item marked tidak sesuai (Lampiran I.B)
 *              postponement          a postponement (Pasal 12(2)e–f), with its category and reason
 *              station_fault         a PC that went silent (offline) during a session
 *              latency_breach        a PC over Lampiran II's 300 ms reply time during a session
 *              bandwidth_breach      a PC under Lampiran II's 500 Kbps during a session
 *              incident              an incident recorded in a session, by category
 *   reporting  late_finalisation     finalised after the scheduled end + the grace, or not at all
 *              correction            an issued document corrected (a new version with a reason)
 */
export const PROBLEM_KINDS = {
  planning: ['schedule_override', 'late_registration', 'import_refused'],
  execution: ['checklist_failure', 'postponement', 'station_fault', 'latency_breach', 'bandwidth_breach', 'incident'],
  reporting: ['late_finalisation', 'correction']
} as const satisfies Record<EvaluationStage, readonly string[]>;
export type ProblemKind = (typeof PROBLEM_KINDS)[EvaluationStage][number];
export const ALL_PROBLEM_KINDS: readonly ProblemKind[] = Object.values(PROBLEM_KINDS).flat();

/** The stage a kind of problem belongs to. */
export function stageOf(kind: ProblemKind): EvaluationStage {
  for (const stage of EVALUATION_STAGES) if ((PROBLEM_KINDS[stage] as readonly string[]).includes(kind)) return stage;
  throw new Error(`unknown problem kind ${kind}`);
}

/** One problem as the report lists it. */
export type ProblemItem = {
  kind: ProblemKind;
  /** when it happened (UTC ms) and its date in the venue's zone */
  at: number;
  date: string;
  venueId: number;
  venueName: string;
  /** the agency of the session's activity, null for a session planned without one */
  agency: string | null;
  sessionId: number | null;
  sessionCode: string | null;
  /**
   * a sub-category: the incident's category, the postponement's category, the checklist item's
   * key; null when the kind has none
   */
  category: IncidentCategory | string | null;
  /** what happened, in words (Bahasa Indonesia, from the record: a reason, a description) */
  detail: string;
};

export type StageProblems = {
  stage: EvaluationStage;
  /** per kind: how many, and how many per category (incidents by category, postponements by category) */
  counts: { kind: ProblemKind; count: number; byCategory: { category: string; count: number }[] }[];
  /** the items, newest first, at most EVALUATION_ITEMS_LIMIT per kind */
  items: ProblemItem[];
  /** some kinds had more items than listed (their counts are whole) */
  truncated: boolean;
};

// ---------------------------------------------------------------- who had the most

export type ProblemTally = {
  /** all problems, and per stage */
  total: number;
  byStage: Record<EvaluationStage, number>;
  /** sessions held (in the period and scope), to read the total against */
  sessions: number;
};

export type VenueProblems = ProblemTally & { venueId: number; venueName: string; venueKind: VenueKind; region: string | null; timeZone: VenueTimeZone };
export type AgencyProblems = ProblemTally & { agency: string };

/** Most problems first; ties by the larger share per session, then by name. At most this many are listed. */
export const EVALUATION_RANK_LIMIT = 20;

// ---------------------------------------------------------------- the trend

/** One day of the period: the sessions held and the problems of each stage, for the uPlot charts. */
export type TrendDay = {
  date: string;
  sessions: number;
  participants: number;
  problems: Record<ProblemKind, number>;
};

// ---------------------------------------------------------------- the report

export type EvaluationTotals = {
  venues: number;
  activities: number;
  sessions: number;
  /** by state at the time the report is made */
  finalised: number;
  postponed: number;
  cancelled: number;
  /** participants on the rosters, and those who were present */
  participants: number;
  present: number;
};

export type EvaluationReport = {
  ok: true;
  period: { from: string; to: string };
  scope: EvaluationScope;
  /** the moment it was computed (UTC ms) */
  generatedAt: number;
  totals: EvaluationTotals;
  procedure: ProcedureRow[];
  stages: StageProblems[];
  venues: VenueProblems[];
  agencies: AgencyProblems[];
  trend: TrendDay[];
};

// ---------------------------------------------------------------- issuing it

/** Someone of the Tim Pemantauan dan Evaluasi (Pasal 16(2)), as printed under the signature lines. */
export type EvaluationMember = { name: string; nip: string | null; jabatan?: string | null };

/** The shortest recommendations text the report is issued with (it is the team's evaluation). */
export const RECOMMENDATIONS_MIN = 20;
export const RECOMMENDATIONS_MAX = 4000;
/** The team: one ketua and 1–9 anggota. */
export const EVALUATION_MEMBERS_MAX = 9;

/**
 * POST /api/evaluation/documents: the report of this query, recomputed on the server when it is
 * issued (what is printed is what was recorded, not what a page sent), with the team's
 * recommendations and its ketua and anggota. Answers the issued document (PDF and XLSX).
 */
export type EvaluationIssueInput = {
  query: EvaluationQuery;
  recommendations: string;
  ketua: EvaluationMember;
  anggota: EvaluationMember[];
};
