/**
 * Session control HTTP contract: request schemas (zod, checked at the edge) and the
 * shapes the server answers with. Routes are listed in docs/protocol.md.
 */
import { z } from 'zod';
import { urlId } from './url-number.ts';
import { nipProblem } from '../nip.ts';
import { msg, type MessageCode, type WireParams } from '../messages/index.ts';
import { customIssue } from '../messages/issues.ts';
import {
  ADD_TIME_LIMITS, CHECKLIST_COUNTS, CHECKLIST_TEXT_MAX, CHECKLIST_KEYS, INCIDENT_CATEGORIES, PARTICIPANT_ACTIONS, PIN_RULES, SESSION_ACTIONS, UNREGISTERED_LOGIN_POLICIES,
  type AttendanceStatus, type ChecklistConclusion, type ChecklistCountKey, type ChecklistItemKey, type IncidentCategory,
  type IntegrityKind, type Kesesuaian, type ParticipantActionKind, type PinVerifyOutcome, type SessionAction, type SessionHead, type SessionStateName, type UnregisteredLoginPolicy
} from '../session.ts';

const text = (max: number) => z.string().trim().max(max);
const reason = z.string().trim().min(3).max(500);
const id = z.number().int().positive().max(2 ** 31);
const epochMs = z.number().int().min(946684800000).max(4102444800000);
/**
 * A NIP someone types: the one plausibility rule of nip.ts (birth date, CPNS appointment, sex
 * digit) — the same the participant import and the user accounts apply.
 */
export const plausibleNip = z.string().trim().superRefine((v, ctx) => {
  const p = nipProblem(v);
  if (p) ctx.addIssue(customIssue(msg(`nip.${p}`)));
});

// ---------------------------------------------------------------- lifecycle

export const sessionTransitionSchema = z.strictObject({
  action: z.enum(SESSION_ACTIONS),
  /** postpone, finish before everyone is done: why (goes to the audit trail and the minutes) */
  reason: reason.optional(),
  /** start: mark everyone not yet registered absent (Pasal 14(2)); without it the start is refused while some are unaccounted */
  markAbsent: z.boolean().optional()
});
export type SessionTransitionInput = z.infer<typeof sessionTransitionSchema>;

/**
 * Finalising (Pasal 14(1)l–m, 14(3)): who co-signs the documents for the agency (name, NIP when
 * there is one, position) — the proctor signs for BKN as the signed-in user — and an optional note.
 */
export const finaliseSchema = z.strictObject({
  instansi: z.strictObject({ name: text(120).min(1), nip: z.union([z.literal(''), plausibleNip]).optional(), jabatan: text(120).min(1) }),
  note: reason.optional()
});
export type FinaliseInput = z.infer<typeof finaliseSchema>;

// ---------------------------------------------------------------- checklist (Lampiran I.B)

const signer = z.strictObject({ name: text(120), nip: z.union([z.literal(''), plausibleNip]) });
export const checklistItemSchema = z.strictObject({
  value: z.enum(['sesuai', 'tidak_sesuai']).nullable(),
  keterangan: text(CHECKLIST_TEXT_MAX.keterangan)
});
export const checklistSaveSchema = z.strictObject({
  items: z.record(z.enum(CHECKLIST_KEYS as [ChecklistItemKey, ...ChecklistItemKey[]]), checklistItemSchema),
  counts: z.record(
    z.enum(CHECKLIST_COUNTS.map((c) => c.key) as [ChecklistCountKey, ...ChecklistCountKey[]]),
    z.number().int().min(0).max(100_000).nullable()
  ),
  conclusion: z.enum(['layak', 'tidak_layak']).nullable(),
  recommendation: text(CHECKLIST_TEXT_MAX.recommendation),
  signers: z.strictObject({ bkn: signer, instansi: signer }),
  /** the version this edit started from; a stale one is refused (two proctors editing at once) */
  version: z.number().int().min(0),
  /** true: mark complete (every item answered, counts given, conclusion, both signers) */
  complete: z.boolean().default(false)
});
export type ChecklistSaveInput = z.input<typeof checklistSaveSchema>;

export type ChecklistItemState = { value: Kesesuaian | null; keterangan: string };
/** what the system measured for an item, to prefill it; the proctor may override with a note */
export type ChecklistSuggestion = { value: Kesesuaian | null; basis: string; basisEn: string };
export type ChecklistView = {
  sessionId: number;
  items: Record<ChecklistItemKey, ChecklistItemState>;
  counts: Record<ChecklistCountKey, number | null>;
  conclusion: ChecklistConclusion | null;
  recommendation: string;
  signers: { bkn: { name: string; nip: string }; instansi: { name: string; nip: string } };
  version: number;
  updatedAt: number | null;
  updatedBy: string | null;
  completedAt: number | null;
  completedBy: string | null;
  /** computed now from the live stations */
  suggestions: Partial<Record<ChecklistItemKey, ChecklistSuggestion>>;
  suggestedCounts: Partial<Record<ChecklistCountKey, number>>;
  /** what still stops it from being complete */
  missing: string[];
};

// ---------------------------------------------------------------- PIN (Pasal 14(1)i)

export const pinIssueSchema = z.strictObject({
  lifetimeMin: z.number().int().min(PIN_RULES.minLifetimeMin).max(PIN_RULES.maxLifetimeMin).default(PIN_RULES.defaultLifetimeMin),
  /** rotate to a new PIN every N minutes; null: no rotation */
  rotateMin: z.number().int().min(PIN_RULES.minRotateMin).max(PIN_RULES.maxRotateMin).nullable().default(null)
});
export type PinIssueInput = z.input<typeof pinIssueSchema>;
export const pinRevokeSchema = z.strictObject({ reason: reason.optional() });

/** The PIN itself: only to those who may control the session (projector view). */
export type PinSecret = {
  pin: string;
  issuedAt: number;
  expiresAt: number;
  /** when rotation replaces it; null without rotation */
  rotatesAt: number | null;
  rotateMin: number | null;
  generation: number;
};
/** What every watcher of the room may know about the PIN: whether there is one, not what it is. */
export type PinStatus = {
  active: boolean;
  issuedAt: number | null;
  expiresAt: number | null;
  rotatesAt: number | null;
  rotateMin: number | null;
  generation: number;
  failures: number;
  lockedStations: number;
};
export type PinAttemptRow = { id: number; at: number; stationId: number; stationCode: string; outcome: PinVerifyOutcome; nip: string | null };

// ---------------------------------------------------------------- registration and attendance (Pasal 14(2))

export const checkInSchema = z.strictObject({
  idCard: z.boolean(),
  participantCard: z.boolean(),
  faceMatch: z.boolean(),
  /** default now */
  arrivedAt: epochMs.optional(),
  stationId: id.nullable().optional(),
  note: text(500).optional()
});
export type CheckInInput = z.infer<typeof checkInSchema>;
export const markAbsentSchema = z.strictObject({ note: text(500).optional() });
/**
 * A participant logged in at a PC other than their seat is sent back to it: the decision
 * is recorded and clears the flag of that login; moving the seat instead goes through `…/seat`.
 */
export const sendBackSchema = z.strictObject({ stationId: id, note: text(500).optional() });
/** PUT /api/venues/:id/login-policy: what the venue does with a login the desk has not registered */
export const loginPolicySchema = z.strictObject({ unregisteredLogin: z.enum(UNREGISTERED_LOGIN_POLICIES) });
export const seatSchema = z.strictObject({ stationId: id, reason: text(500).optional() });
/** moving a participant who has started (to a spare PC) needs a reason; progress is kept */
export const moveSchema = z.strictObject({ stationId: id, reason });

export type AttendanceRow = {
  participantId: number;
  nip: string;
  name: string;
  jabatan: string | null;
  jenjang: string | null;
  unitKerja: string | null;
  instansi: string | null;
  nomorPeserta: string | null;
  status: AttendanceStatus;
  arrivedAt: number | null;
  idCard: boolean;
  participantCard: boolean;
  faceMatch: boolean;
  /** arrived less than 60 minutes before the test (Lampiran I.A 1.a) */
  late: boolean;
  note: string | null;
  stationId: number | null;
  stationCode: string | null;
  recordedBy: string | null;
  moves: { at: number; from: string | null; to: string; reason: string; by: string }[];
  /** the PC the participant is logged in at now (the room's current session only), whatever the desk's seat */
  loginStationId: number | null;
  loginStationCode: string | null;
  /** unregistered / wrong_pc: the login does not match the desk's record (see StationView.integrity) */
  integrity: IntegrityKind[];
};
export type AttendanceResponse = {
  session: { id: number; code: string; name: string; state: SessionStateName; scheduledAt: number };
  /** registration closes for on-time arrivals at this moment: scheduledAt − 60 min */
  lateAfter: number;
  rows: AttendanceRow[];
  counts: { total: number; present: number; absent: number; expected: number; late: number };
};

/** POST /api/sessions/:id/participants/import answers with this, whether it imported or not. */
/** A problem of an import file at a row and column: the catalog's code and params, and its words in English and Bahasa Indonesia. */
export type ImportError = { row: number; field: string; code: MessageCode; params: WireParams; message: string; pesan: string };
export type ImportResult =
  | { ok: true; imported: number; replaced: number }
  | { ok: false; code: 'INVALID_PAYLOAD'; messageCode?: MessageCode; params?: WireParams; message: string; pesan: string; errors: ImportError[]; rows: number };

// ---------------------------------------------------------------- others in the room (Pasal 14(1)k)

export const visitorInSchema = z.strictObject({
  name: text(120).min(1),
  affiliation: text(120),
  purpose: reason,
  inAt: epochMs.optional()
});
export const visitorOutSchema = z.strictObject({ outAt: epochMs.optional() });
export type VisitorRow = { id: number; name: string; affiliation: string; purpose: string; inAt: number; outAt: number | null; recordedBy: string };

// ---------------------------------------------------------------- incidents

export const incidentSchema = z.strictObject({
  category: z.enum(INCIDENT_CATEGORIES),
  participantId: id.nullable().optional(),
  stationId: id.nullable().optional(),
  occurredAt: epochMs.optional(),
  description: text(2000).min(3),
  actionTaken: text(2000)
});
export type IncidentInput = z.input<typeof incidentSchema>;
export const incidentEditSchema = incidentSchema.partial().extend({ version: z.number().int().min(1), reason: reason.optional() });
export const incidentQuerySchema = z.object({
  category: z.enum(INCIDENT_CATEGORIES).optional(),
  stationId: urlId().optional(),
  participantId: urlId().optional()
});
export type IncidentRow = {
  id: number;
  sessionId: number;
  category: IncidentCategory;
  participantId: number | null;
  participantName: string | null;
  participantNip: string | null;
  stationId: number | null;
  stationCode: string | null;
  occurredAt: number;
  description: string;
  actionTaken: string;
  reporter: string;
  createdAt: number;
  updatedAt: number;
  version: number;
};
export type IncidentRevision = { version: number; at: number; by: string; reason: string | null; data: Omit<IncidentRow, 'id' | 'sessionId' | 'version' | 'createdAt' | 'updatedAt'> };

// ---------------------------------------------------------------- participant actions

export const participantActionSchema = z.strictObject({
  kind: z.enum(PARTICIPANT_ACTIONS),
  participantIds: z.array(id).min(1).max(500),
  minutes: z.number().int().min(ADD_TIME_LIMITS.minMinutes).max(ADD_TIME_LIMITS.maxMinutes).optional(),
  reason: reason.optional()
}).superRefine((v, ctx) => {
  if (v.kind === 'add_time' && (v.minutes === undefined || !v.reason)) {
    ctx.addIssue(customIssue(msg('action.addTimeNeeds'), ['minutes']));
  }
  if (v.kind === 'end' && !v.reason) ctx.addIssue(customIssue(msg('action.endNeedsReason'), ['reason']));
});
export type ParticipantActionInput = z.infer<typeof participantActionSchema>;
export type ActionRow = {
  id: number;
  kind: ParticipantActionKind;
  participantId: number;
  participantName: string;
  stationId: number | null;
  stationCode: string | null;
  minutes: number | null;
  reason: string | null;
  requestedAt: number;
  requestedBy: string;
  ackedAt: number | null;
  result: 'applied' | 'refused' | null;
  message: string | null;
};

// ---------------------------------------------------------------- the session summary every watcher gets

export type SessionSummary = SessionHead & {
  /** the actions allowed from this state (the server still checks the guards) */
  actions: SessionAction[];
  pin: PinStatus;
  counts: { participants: number; present: number; absent: number; expected: number; late: number; finished: number };
  incidents: number;
  visitorsInside: number;
  pendingActions: number;
  /**
   * Logins that do not match the desk (Pasal 14(1)e, 14(2)a–b): the venue's policy for
   * unregistered logins and how many PCs are flagged now (each also counts as needing attention).
   */
  integrity: { policy: UnregisteredLoginPolicy; unregistered: number; wrongPc: number };
};

/** A verdict of the lifecycle rules, as the server would answer a transition. A refused step: the catalog's code and parameters (protocol/messages/), and its words in English and Bahasa Indonesia. */
export type TransitionVerdictView = { ok: true } | { ok: false; messageCode: MessageCode; params: WireParams; message: string; pesan: string };

/**
 * GET /api/sessions/:id/transition-preview?action=…: what a step would require and do, from the
 * same rules the transition itself applies (server/domain/session-lifecycle.ts), so a dialog
 * promises exactly what the server allows.
 */
export type TransitionPreview = {
  action: SessionAction;
  from: SessionStateName;
  to: SessionStateName;
  /** the server's answer to the step asked plainly, with a reason, and (start) with "mark the rest absent" */
  verdicts: { plain: TransitionVerdictView; withReason: TransitionVerdictView; withMarkAbsent: TransitionVerdictView | null };
  /** a reason is required (postpone; finish while people work), optional, or not asked for */
  reason: 'required' | 'optional' | 'none';
  /** start: who would be recorded absent with "mark the rest absent", and who is left alone */
  markAbsent: {
    /** on the roster, not registered, never logged in: recorded absent */
    count: number;
    /** not registered but logged in at a PC: never recorded absent (the desk registers them) */
    loggedIn: number;
  } | null;
  counts: { participants: number; present: number; absent: number; expected: number };
  pinActive: boolean;
  /** finish: tests still running that the step ends (with the reason) */
  working: number;
  /** others still recorded inside the room (Pasal 13(2), 14(1)k); finalise requires none */
  visitorsInside: { id: number; name: string; affiliation: string; inAt: number }[];
  /**
   * finalise: how many on the roster did not complete the whole series and have no reason yet (the
   * first names, as the refusal lists them), and whether anyone started; finalise requires a reason
   * for each, and a session nobody started is not finalised (SE BKN 6/2026 §5.g.2). Null for other steps.
   */
  completion: { missing: number; names: string[]; started: boolean } | null;
};
