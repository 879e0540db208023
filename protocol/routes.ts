/**
 * The HTTP API, one table: every route under /api with its method and path (run time) and, at
 * type level only, its path parameters, query, body, answer and error. The server registers its
 * routes from it (server/http/route.ts: a handler must return the route's answer), the web app
 * calls them through it (web/src/lib/api.ts: `api(ROUTES.x, { params, query, body })` returns the
 * answer), and the agent enrolls through it (agent/enroll.ts).
 *
 * No zod here: the web app imports this file at run time. The schemas each route's input is
 * parsed with are in schemas/routes.ts, a map from route key to schemas that does not compile
 * when a schema reads something other than what this table declares.
 *
 * Conventions: `:name` in a path is a positive integer id; a success answers 200 unless `status`
 * says otherwise; every failure answers the route's error body — AckError ({ ok: false, code,
 * message, pesan, … }) unless the route names another — with the status of its code
 * (server/http/errors.ts). docs/protocol.md describes what the routes do.
 */
import type { AckError, RoomListResponse } from './events.ts';
import type { SessionHistoryResponse } from './session-history.ts';
import type { SessionExportKind } from './session.ts';
import type {
  ActivityInput, ActivityQuery, DayOffInput, DayOffRow, ActivityRow, ActivitySessionInput, ActivitySessionRow, ActivityUpdateInput, RescheduleInput, TeamMember, TeamRole,
  VenueKind, VenueTimeZone
} from './activity.ts';
import type { Msg } from './messages/index.ts';
import type { CompletionInput, CompletionList, CompletionRow } from './completion.ts';
import type { DocumentRow, DocumentUploadCheck, DocumentVerification } from './documents.ts';
import type { EvaluationIssueInput, EvaluationQuery, EvaluationReport } from './evaluation.ts';
import type { ScheduleExportQuery, ScheduleQuery, ScheduleResponse, SCHEDULE_CONTENT_TYPES } from './schedule.ts';
import type { Role } from './roles.ts';
import type { PostponementInput, PostponementRow, ResumeInput, ResumeReadiness } from './postponement.ts';
import type { IncidentCategory, SessionAction, SessionStateName, UnregisteredLoginPolicy } from './session.ts';
import type {
  AuditPage, DemoAccount, EnrollmentCode, EnrollResponse, LoginResponse, MeResponse, ParticipantRow, StationTokenRow,
  UserCreateInput, UserRow, UserUpdateInput, VenueRef
} from './schemas/accounts.ts';
import type {
  ActionRow, AttendanceResponse, AttendanceRow, CheckInInput, ChecklistSaveInput, ChecklistView, ImportResult, IncidentInput, IncidentRevision,
  IncidentRow, ParticipantActionInput, PinAttemptRow, PinIssueInput, PinSecret, SessionSummary, SessionTransitionInput, FinaliseInput, TransitionPreview, VisitorRow
} from './schemas/session.ts';

export const API_BASE = '/api';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route carries at type level: omitted query/body mean "none"; error defaults to AckError. */
export type RouteTypes = { query?: object; body?: unknown; answer: unknown; error?: unknown };

/** An answer that is not JSON (a file, a byte stream): the handler writes it itself. */
export type RawAnswer<ContentType extends string> = { readonly raw: ContentType };

declare const TYPES: unique symbol;

export type RouteDef<K extends string = string, M extends HttpMethod = HttpMethod, P extends string = string, T extends RouteTypes = RouteTypes> = {
  readonly key: K;
  readonly method: M;
  readonly path: P;
  /** the status of a success */
  readonly status: number;
  /** type level only, never set */
  readonly [TYPES]?: T;
};

const def =
  <T extends RouteTypes>() =>
  <M extends HttpMethod, P extends `${typeof API_BASE}/${string}`>(method: M, path: P, status = 200) =>
    ({ method, path, status }) as Omit<RouteDef<string, M, P, T>, 'key'>;

function table<T extends Record<string, Omit<RouteDef, 'key'>>>(t: T): { readonly [K in keyof T & string]: T[K] & { readonly key: K } } {
  return Object.fromEntries(Object.entries(t).map(([key, r]) => [key, { ...r, key }])) as never;
}

// ---------------------------------------------------------------- answers without a name elsewhere

type Ok<T extends object = object> = { ok: true } & T;

/** A room with its venue, as the room-scoped routes name it. */
/** A room as the routes name it; `timeZone`: its venue's, the zone its times are shown in. */
export type RoomRef = { id: number; code: string; name: string; venueId: number; venueName: string; timeZone: VenueTimeZone };

/** GET /api/rooms/:id/participants: the room's current session (or ?session=ID) and its roster. */
export type RoomParticipantsResponse = Ok<{
  room: RoomRef;
  session: { id: number; code: string; name: string; state: SessionStateName; scheduledAt: number } | null;
  participants: ParticipantRow[];
}>;

/** A step of a session's lifecycle as recorded (GET /api/sessions/:id). */
export type SessionTransitionRow = { at: number; action: string; from: string; to: string; reason: string | null; by: string };

/** The import refused the file: every bad row and field (400), nothing imported. */
export type ImportFailure = Extract<ImportResult, { ok: false }>;
/** An activity's participant file, spread over its sessions: how many went where. */
export type ActivityImportAnswer = Ok<{ imported: number; replaced: number; sessions: { id: number; code: string; added: number; total: number }[] }>;

export type HealthResponse = Ok<{ stations: number; rooms: number; writeFailures: number }>;
export type MetricsResponse = Ok<{
  invalid: number; unknownEvents: number; internal: number;
  heartbeats: number; events: number; flushes: number; quotaRefused: number; eventTimesClamped: number; unknownProbes: number; stationConnections: number; hellos: number;
}>;

type IncidentQuery = { category?: IncidentCategory; stationId?: number; participantId?: number };
type AuditQueryInput = { userId?: number; venueId?: number; action?: string; from?: number; to?: number; before?: number; limit?: number };

// ---------------------------------------------------------------- the table

export const ROUTES = table({
  // service and station routes
  health: def<{ answer: HealthResponse }>()('GET', '/api/health'),
  /** loopback or user.manage */
  metrics: def<{ answer: MetricsResponse }>()('GET', '/api/metrics'),
  /** Bearer station token; answers `bytes` incompressible bytes (Lampiran II: ≥ 500 Kbps per client) */
  probe: def<{ query: { bytes?: number }; answer: RawAnswer<'application/octet-stream'> }>()('GET', '/api/probe'),
  /** the agent's one-time code for this seat's station token; no session, no CSRF token */
  enroll: def<{ body: { code: string; hostname?: string }; answer: EnrollResponse }>()('POST', '/api/enroll'),

  // accounts
  login: def<{ body: { nip: string; password: string }; answer: LoginResponse }>()('POST', '/api/auth/login'),
  me: def<{ answer: MeResponse }>()('GET', '/api/auth/me'),
  logout: def<{ answer: Ok }>()('POST', '/api/auth/logout'),
  logoutAll: def<{ answer: Ok<{ sessions: number }> }>()('POST', '/api/auth/logout-all'),
  passwordChange: def<{ body: { current: string; next: string }; answer: Ok }>()('POST', '/api/auth/password'),
  demoAccounts: def<{ answer: Ok<{ accounts: DemoAccount[] }> }>()('GET', '/api/auth/demo-accounts'),
  venues: def<{ answer: Ok<{ venues: VenueRef[] }> }>()('GET', '/api/venues'),
  users: def<{ answer: Ok<{ users: UserRow[] }> }>()('GET', '/api/users'),
  userCreate: def<{ body: UserCreateInput; answer: Ok<{ user: UserRow }> }>()('POST', '/api/users', 201),
  userUpdate: def<{ body: UserUpdateInput; answer: Ok<{ user: UserRow }> }>()('PATCH', '/api/users/:id'),
  userPasswordReset: def<{ body: { password: string }; answer: Ok }>()('POST', '/api/users/:id/password'),
  userUnlock: def<{ answer: Ok<{ user: UserRow }> }>()('POST', '/api/users/:id/unlock'),
  audit: def<{ query: AuditQueryInput; answer: AuditPage }>()('GET', '/api/audit'),
  auditActions: def<{ answer: Ok<{ actions: string[] }> }>()('GET', '/api/audit/actions'),

  // rooms and their stations
  rooms: def<{ answer: RoomListResponse }>()('GET', '/api/rooms'),
  roomParticipants: def<{ query: { session?: number }; answer: RoomParticipantsResponse }>()('GET', '/api/rooms/:id/participants'),
  roomStations: def<{ answer: Ok<{ room: RoomRef; stations: StationTokenRow[] }> }>()('GET', '/api/rooms/:id/stations'),
  enrollmentCodes: def<{ body: { stationIds?: number[]; ttlMin?: number }; answer: Ok<{ codes: EnrollmentCode[] }> }>()('POST', '/api/rooms/:id/enrollment-codes', 201),
  stationRevoke: def<{ answer: Ok }>()('POST', '/api/stations/:id/revoke'),

  // a room's sessions
  roomSession: def<{ answer: Ok<{ session: SessionSummary | null }> }>()('GET', '/api/rooms/:id/session'),
  roomSessions: def<{ query: { limit?: number; offset?: number; session?: number }; answer: SessionHistoryResponse }>()('GET', '/api/rooms/:id/sessions'),
  session: def<{ answer: Ok<{ session: SessionSummary; transitions: SessionTransitionRow[] }> }>()('GET', '/api/sessions/:id'),
  transitionPreview: def<{ query: { action: SessionAction }; answer: Ok<{ preview: TransitionPreview }> }>()('GET', '/api/sessions/:id/transition-preview'),
  /** a session's list as a spreadsheet (names and NIPs: audited) */
  sessionExport: def<{ query: { what: SessionExportKind; format: 'csv' | 'xlsx' }; answer: RawAnswer<'text/csv; charset=utf-8' | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'> }>()(
    'GET', '/api/sessions/:id/export'
  ),
  /** finalising with the documents it leaves (Pasal 14(1)l–m, 14(3)–(4)) */
  sessionFinalise: def<{ body: FinaliseInput; answer: Ok<{ session: SessionSummary; documents: DocumentRow[] }> }>()('POST', '/api/sessions/:id/finalise'),
  transition: def<{ body: SessionTransitionInput; answer: Ok<{ session: SessionSummary }> }>()('POST', '/api/sessions/:id/transition'),
  /**
   * Postponing with its Berita Acara Penundaan, issued first (Pasal 12(2)e–f, Lampiran III); scope
   * 'activity' also postpones the activity's other sessions at the venue that have not started
   */
  postpone: def<{ body: PostponementInput; answer: Ok<{ postponement: PostponementRow; session: SessionSummary }> }>()('POST', '/api/sessions/:id/postpone', 201),
  /** the session's postponements, newest first, and what resuming it still waits for (null unless postponed) */
  postponements: def<{ answer: Ok<{ postponements: PostponementRow[]; readiness: ResumeReadiness | null }> }>()('GET', '/api/sessions/:id/postponements'),
  postponementFollowUpDone: def<{ answer: Ok<{ postponement: PostponementRow }> }>()('POST', '/api/postponements/:id/followups/:fid/done'),
  /** postponed → preparation on a new date and time (Pasal 12(3)): follow-ups done, a new daftar periksa layak, the lead time kept */
  sessionResume: def<{ body: ResumeInput; answer: Ok<{ session: SessionSummary; overridden: boolean }> }>()('POST', '/api/sessions/:id/resume'),
  loginPolicy: def<{ body: { unregisteredLogin: UnregisteredLoginPolicy }; answer: Ok<{ unregisteredLogin: UnregisteredLoginPolicy }> }>()('PUT', '/api/venues/:id/login-policy'),

  // the session PIN (Pasal 14(1)i)
  pin: def<{ answer: Ok<{ pin: PinSecret | null }> }>()('GET', '/api/sessions/:id/pin'),
  pinIssue: def<{ body: PinIssueInput; answer: Ok<{ pin: PinSecret }> }>()('POST', '/api/sessions/:id/pin'),
  pinRevoke: def<{ body: { reason?: string }; answer: Ok }>()('POST', '/api/sessions/:id/pin/revoke'),
  pinAttempts: def<{ answer: Ok<{ attempts: PinAttemptRow[] }> }>()('GET', '/api/sessions/:id/pin/attempts'),
  pinUnlock: def<{ answer: Ok }>()('POST', '/api/sessions/:id/stations/:stationId/pin-unlock'),

  // the daftar periksa (Lampiran I.B)
  checklist: def<{ answer: Ok<{ checklist: ChecklistView }> }>()('GET', '/api/sessions/:id/checklist'),
  /** completing the form issues it as a document (Lampiran I.B): `document` is that one */
  checklistSave: def<{ body: ChecklistSaveInput; answer: Ok<{ checklist: ChecklistView; document?: DocumentRow }> }>()('PUT', '/api/sessions/:id/checklist'),

  // the registration desk (Pasal 14(2))
  /** the CSV or XLSX file is the raw body, typed by its content type */
  participantImport: def<{ body: Blob; answer: Ok<{ imported: number; replaced: number }>; error: ImportFailure | AckError }>()(
    'POST', '/api/sessions/:id/participants/import'
  ),
  participantTemplate: def<{ answer: RawAnswer<'text/csv'> }>()('GET', '/api/sessions/:id/participants/template.csv'),
  attendance: def<{ answer: Ok<AttendanceResponse> }>()('GET', '/api/sessions/:id/attendance'),
  checkIn: def<{ body: CheckInInput; answer: Ok<{ row: AttendanceRow }> }>()('POST', '/api/sessions/:id/participants/:pid/check-in'),
  markAbsent: def<{ body: { note?: string }; answer: Ok<{ row: AttendanceRow }> }>()('POST', '/api/sessions/:id/participants/:pid/absent'),
  seat: def<{ body: { stationId: number; reason?: string }; answer: Ok<{ row: AttendanceRow }> }>()('POST', '/api/sessions/:id/participants/:pid/seat'),
  sendBack: def<{ body: { stationId: number; note?: string }; answer: Ok<{ row: AttendanceRow }> }>()('POST', '/api/sessions/:id/participants/:pid/send-back'),

  // who completed the whole series, and why the others did not (SE BKN 6/2026 §5.g.2; Pasal 14(1)l–m)
  /** every roster participant: completed or not, progress, the suggested and the recorded reason */
  completionList: def<{ answer: Ok<CompletionList> }>()('GET', '/api/sessions/:id/completion'),
  /** a finished session's participant who did not complete: the reason the proctor confirms */
  participantCompletion: def<{ body: CompletionInput; answer: Ok<{ row: CompletionRow; missing: number }> }>()('POST', '/api/sessions/:id/participants/:pid/completion'),

  // others let into the room (Pasal 14(1)k)
  visitors: def<{ answer: Ok<{ visitors: VisitorRow[] }> }>()('GET', '/api/sessions/:id/visitors'),
  visitorIn: def<{ body: { name: string; affiliation: string; purpose: string; inAt?: number }; answer: Ok<{ visitor: VisitorRow }> }>()('POST', '/api/sessions/:id/visitors'),
  visitorOut: def<{ body: { outAt?: number }; answer: Ok<{ visitor: VisitorRow }> }>()('POST', '/api/sessions/:id/visitors/:vid/out'),

  // incidents (kejadian)
  incidents: def<{ query: IncidentQuery; answer: Ok<{ incidents: IncidentRow[] }> }>()('GET', '/api/sessions/:id/incidents'),
  incidentRecord: def<{ body: IncidentInput; answer: Ok<{ incident: IncidentRow }> }>()('POST', '/api/sessions/:id/incidents'),
  incidentEdit: def<{ body: Partial<IncidentInput> & { version: number; reason?: string }; answer: Ok<{ incident: IncidentRow }> }>()('PATCH', '/api/incidents/:id'),
  incidentHistory: def<{ answer: Ok<{ incident: IncidentRow; revisions: IncidentRevision[] }> }>()('GET', '/api/incidents/:id/history'),

  // participant actions (pause, resume, add time, end)
  actions: def<{ answer: Ok<{ actions: ActionRow[] }> }>()('GET', '/api/sessions/:id/actions'),
  actionRequest: def<{ body: ParticipantActionInput; answer: Ok<{ actions: ActionRow[] }> }>()('POST', '/api/sessions/:id/actions'),

  // activities and their schedule (Perban BKN 4/2024 Pasal 8–9)
  activities: def<{ query: ActivityQuery; answer: Ok<{ activities: ActivityRow[] }> }>()('GET', '/api/activities'),
  activity: def<{ answer: Ok<{ activity: ActivityRow; team: TeamMember[]; sessions: ActivitySessionRow[] }> }>()('GET', '/api/activities/:id'),
  activityCreate: def<{ body: ActivityInput; answer: Ok<{ activity: ActivityRow }> }>()('POST', '/api/activities', 201),
  activityUpdate: def<{ body: ActivityUpdateInput; answer: Ok<{ activity: ActivityRow }> }>()('PATCH', '/api/activities/:id'),
  activityAssign: def<{ body: { userId: number; teamRole: TeamRole }; answer: Ok<{ team: TeamMember[] }> }>()('POST', '/api/activities/:id/team'),
  activityUnassign: def<{ answer: Ok<{ team: TeamMember[] }> }>()('POST', '/api/activities/:id/team/:userId/remove'),
  /** warnings: e.g. a capacity over the room's enrolled PCs (planned all the same) */
  activitySessionCreate: def<{ body: ActivitySessionInput; answer: Ok<{ session: ActivitySessionRow; warnings: Msg[]; overridden: boolean }> }>()(
    'POST', '/api/activities/:id/sessions', 201
  ),
  sessionReschedule: def<{ body: RescheduleInput; answer: Ok<{ session: ActivitySessionRow; overridden: boolean }> }>()('POST', '/api/sessions/:id/reschedule'),
  sessionCancel: def<{ body: { reason: string }; answer: Ok<{ session: ActivitySessionRow }> }>()('POST', '/api/sessions/:id/cancel'),
  /** the admin's list for the working-day calendar (national holidays come from the holiday library) */
  daysOff: def<{ query: { from?: string; to?: string }; answer: Ok<{ daysOff: DayOffRow[] }> }>()('GET', '/api/days-off'),
  dayOffAdd: def<{ body: DayOffInput; answer: Ok<{ dayOff: DayOffRow }> }>()('POST', '/api/days-off', 201),
  dayOffRemove: def<{ answer: Ok }>()('POST', '/api/days-off/:id/remove'),
  /** who the activity's team can be picked from (Pasal 6): every active account, for whoever plans the activity */
  activityCandidates: def<{ answer: Ok<{ users: { id: number; nip: string; name: string; roles: Role[] }[] }> }>()('GET', '/api/activities/:id/candidates'),
  /** one participant file for the whole activity, spread over its sessions (nobody in two) */
  activityParticipantImport: def<{ body: Blob; answer: ActivityImportAnswer; error: ImportFailure | AckError }>()(
    'POST', '/api/activities/:id/participants/import'
  ),
  /** a venue's kind and time zone, set by whoever plans its activities */
  venueSettings: def<{ body: { kind?: VenueKind; timeZone?: VenueTimeZone }; answer: Ok<{ venue: VenueRef }> }>()('PATCH', '/api/venues/:id'),
  /** the koordinator lets a session's participants be registered inside the lead time, with a reason */
  sessionLateRegistration: def<{ body: { reason: string }; answer: Ok<{ session: ActivitySessionRow }> }>()('POST', '/api/sessions/:id/late-registration'),
  /** the sessions of the venues in view over a range of days (this week by default), with the days off on them */
  schedule: def<{ query: ScheduleQuery; answer: ScheduleResponse }>()('GET', '/api/schedule'),
  /** the same as a spreadsheet (CSV for Indonesian Excel, or XLSX), an attachment named jadwal-<from>-<to> */
  scheduleExport: def<{ query: ScheduleExportQuery; answer: RawAnswer<(typeof SCHEDULE_CONTENT_TYPES)[keyof typeof SCHEDULE_CONTENT_TYPES]> }>()('GET', '/api/schedule/export'),

  // official documents (Perban BKN 4/2024 Lampiran I–III): issued, never changed; a correction is a new version
  sessionDocuments: def<{ answer: Ok<{ documents: DocumentRow[] }> }>()('GET', '/api/sessions/:id/documents'),
  /** the activity's own documents and those of its sessions */
  activityDocuments: def<{ answer: Ok<{ documents: DocumentRow[] }> }>()('GET', '/api/activities/:id/documents'),
  /** the PDF as issued, inline, named after its number */
  documentPdf: def<{ answer: RawAnswer<'application/pdf'> }>()('GET', '/api/documents/:id/pdf'),
  /** the same document as a print-ready page (no scripts: a strict Content-Security-Policy) */
  documentHtml: def<{ answer: RawAnswer<'text/html'> }>()('GET', '/api/documents/:id/html'),
  /** a correction: the next version, by a koordinator, with a reason (and signers' names put right) */
  documentCorrect: def<{ body: { reason: string; signers?: { index: number; name: string; nip?: string | null }[] }; answer: Ok<{ document: DocumentRow }> }>()(
    'POST', '/api/documents/:id/correct'
  ),
  /** the XLSX issued with a document that has one (the monitoring and evaluation report), as an attachment */
  documentXlsx: def<{ answer: RawAnswer<'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'> }>()('GET', '/api/documents/:id/xlsx'),

  // monitoring and evaluation (Perban BKN 4/2024 Pasal 16(4)–(5)): the report over a period and scope, then issued
  evaluation: def<{ query: EvaluationQuery; answer: EvaluationReport }>()('GET', '/api/evaluation'),
  /** the monitoring and evaluation reports issued, those the caller may read, newest first */
  evaluationDocuments: def<{ answer: Ok<{ documents: DocumentRow[] }> }>()('GET', '/api/evaluation/documents'),
  /** the report recomputed from the records, with the team's recommendations, issued as PDF and XLSX */
  evaluationIssue: def<{ body: EvaluationIssueInput; answer: Ok<{ document: DocumentRow }> }>()('POST', '/api/evaluation/documents', 201),
  /** open without signing in (rate-limited per address): is this code a document, and which */
  verifyDocument: def<{ answer: DocumentVerification }>()('GET', '/api/verify/:code'),
  /** open without signing in: the raw PDF (≤ 10 MB) compared byte for byte with the stored one */
  verifyUpload: def<{ body: Blob; answer: DocumentUploadCheck }>()('POST', '/api/verify/:code')
});

// ---------------------------------------------------------------- reading the table

export type Routes = typeof ROUTES;
export type RouteKey = keyof Routes;
export type AnyRoute = Routes[RouteKey];

type TypesOf<R> = R extends { readonly [TYPES]?: infer T } ? NonNullable<T> : never;

/** The names of a path's `:params`. */
export type PathParamNames<P extends string> = P extends `${string}:${infer N}/${infer Rest}`
  ? N | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer N}`
    ? N
    : never;

/** The path parameters of a route: every one is a positive integer id, but `:code` (a document's verification code). */
export type ParamsOf<R extends { path: string }> = { [N in PathParamNames<R['path']>]: N extends 'code' ? string : number };
/** The query a caller may send (all of it travels as strings); undefined: the route reads none. */
export type QueryOf<R> = TypesOf<R> extends { query: infer Q } ? Q : undefined;
/** The body a caller sends; undefined: the route reads none. */
export type BodyOf<R> = TypesOf<R> extends { body: infer B } ? B : undefined;
/** A success's body. */
export type AnswerOf<R> = TypesOf<R> extends { answer: infer A } ? A : never;
/** A failure's body. */
export type ErrorOf<R> = TypesOf<R> extends { error: infer E } ? E : AckError;
/** Everything a route may answer. */
export type ResponseOf<R> = AnswerOf<R> | ErrorOf<R>;

/** The route's path with its parameters filled in, e.g. `/api/sessions/7/pin`. */
export function routePath<R extends AnyRoute>(route: R, params: ParamsOf<R>): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = (params as Record<string, number | string | undefined>)[name];
    if (v === undefined) throw new Error(`${route.key}: path parameter ${name} missing`);
    return encodeURIComponent(String(v));
  });
}
