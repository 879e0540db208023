/**
 * The one typed event contract between server, web dashboard and station agent.
 * socket.io namespaces:
 *   /station   — station agents (auth: { token }); see StationClientEvents / StationServerEvents
 *   /dashboard — proctor dashboards; see DashboardClientEvents / DashboardServerEvents
 * docs/protocol.md documents every event, payload, ack and error.
 */
import type { VenueTimeZone } from './activity.ts';
import type { BoardDelta, BoardSnapshot } from './board.ts';
import type { ErrorCode } from './error-codes.ts';
import type { Instrument } from './limits.ts';
import type { Issue, MessageCode, WireParams } from './messages/index.ts';
import type { SessionSummary } from './schemas/session.ts';
import type { AttendanceStatus, IntegrityKind, ParticipantActionKind, PinVerifyOutcome, SessionStateName, SessionTopic } from './session.ts';
export type { IntegrityKind } from './session.ts';
import type {
  CommandAckPayload,
  PinVerifyPayload,
  EventBatchPayload,
  HeartbeatPayload,
  HelloPayload,
  ProbeResultPayload,
  StationFacts
} from './schemas/station.ts';

// ---------------------------------------------------------------- acks and errors

export { ERROR_CODES, type ErrorCode } from './error-codes.ts';

/**
 * What each error code means, and the words of every more specific refusal, are in the message
 * catalog (protocol/messages/): Bahasa Indonesia and English, by code and parameters.
 */

export type AckError = {
  ok: false;
  code: ErrorCode;
  /**
   * The catalog entry that words this refusal (protocol/messages/), with `params`; absent when
   * the code's own words say it all. The web shows these words in the proctor's language.
   */
  messageCode?: MessageCode;
  params?: WireParams;
  /** English words of `messageCode` (or of `code`), for logs, developers and external clients */
  message: string;
  /** the same in Bahasa Indonesia (HTTP errors; socket acks may omit it) */
  pesan?: string;
  /** RATE_LIMITED / LOCKED: seconds until another try is accepted */
  retryAfterSec?: number;
  /** field issues: path, English message, and the catalog's code and params */
  issues?: Issue[];
  /** SEQ_GAP: the sequence number the server expects next */
  expected?: number;
};
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;
export type AckFn<T extends object = object> = (res: Ack<T>) => void;

/** The payload of a client → server event of the map `E`: its listener's first parameter. */
export type EventPayload<E, K extends keyof E> = E[K] extends (payload: infer P, ack: never) => void ? P : never;
/** What the server answers a client → server event of the map `E` with: its ack callback's parameter. */
export type EventAck<E, K extends keyof E> = E[K] extends (payload: never, ack: (res: infer R) => void) => void ? R : never;

// ---------------------------------------------------------------- shared views

export type ConnState = 'online' | 'degraded' | 'offline';
/** flood: the station sent more participant events than its storage budget (STATION_EVENT_BUDGET) */
export type AttentionKind = 'offline' | 'degraded' | 'stalled' | 'flood';
export type Attention = { kind: AttentionKind; at: number };

export type ParticipantView = {
  participantId: number | null;
  nip: string;
  name: string | null;
  loggedIn: boolean;
  instrument: Instrument | null;
  /** percent of the current instrument */
  percent: number;
  /** percent of the whole ProASN set (all five instruments) */
  overallPercent: number;
  finished: boolean;
  questionnaire: boolean;
  startedAt: number | null;
  lastProgressAt: number | null;
  /** startedAt + session duration + added time + time paused; the tile shows the time left until it */
  deadlineAt: number | null;
  /** registration desk (Pasal 14(2)): null for someone not on the session's roster */
  attendance: AttendanceStatus | null;
  /** registered less than 60 minutes before the test (Lampiran I.A 1.a) */
  late: boolean;
  /** paused by a proctor, acknowledged by the station */
  pausedAt: number | null;
  /** total time spent paused before the current pause */
  pausedMs: number;
  /** minutes added by proctors, acknowledged by the station */
  extraMin: number;
  /** the test was ended by a proctor */
  endedAt: number | null;
  /** when the participant last logged in here (the newest login event); null before any */
  loginAt: number | null;
};

/**
 * Who sits the test must match who the desk let in (Perban BKN 4/2024 Pasal 14(1)e, g,
 * j and 14(2)a–b). Derived from the roster, the desk's seats and the logins
 * (server/domain/attendance-integrity.ts); shown on the tile and counted as needing attention
 * until the desk or the proctor resolves it — not acknowledged away like a marker.
 *   unregistered  on the PC used: logged in without being registered present at the desk
 *                 (resolved by registering them)
 *   wrong_pc      on the PC used: logged in here, but the desk seated them at `otherCode`, or (with
 *                 `otherCode` null) this PC is another participant's seat (resolved by moving the
 *                 seat here with a reason, or by sending the participant back)
 *   seated_here   on the desk's PC: the participant seated here logged in at `otherCode`
 */
export type IntegrityFlag = {
  kind: IntegrityKind;
  participantId: number | null;
  nip: string;
  name: string | null;
  /** the other PC of the pair (wrong_pc: the desk's seat; seated_here: the PC used) */
  otherStationId: number | null;
  otherCode: string | null;
  /** the login that raised it */
  since: number | null;
};

/** A proctor's action sent to a station and not yet acknowledged by its agent. */
export type PendingAction = { id: number; kind: ParticipantActionKind; requestedAt: number };

export type StationView = {
  id: number;
  code: string;
  row: number;
  col: number;
  spare: boolean;
  state: ConnState;
  stateSince: number | null;
  lastSeenAt: number | null;
  rtt: number | null;
  jit: number | null;
  kbps: number | null;
  /** summary of the Lampiran II check of the station's facts */
  compliance: 'pass' | 'fail' | 'unknown';
  /** the Lampiran II hardware items the facts fail (empty unless `compliance` is 'fail'): the tile and the desk name them */
  complianceFails: ComplianceKey[];
  /** the seat has a station token: a PC was set up here. An unenrolled spare is idle, not a fault */
  enrolled: boolean;
  /** the participant seated here (assigned or logged in), if any */
  participant: ParticipantView | null;
  /** raised markers that stay until a proctor acknowledges them */
  attention: Attention[];
  /** too many wrong session PINs typed here: locked until this time or until a proctor unlocks it */
  pinLockedUntil: number | null;
  /** proctor actions the station has not yet acknowledged */
  pending: PendingAction[];
  /** who is logged in here does not match the desk's record (unregistered, wrong PC): until resolved */
  integrity: IntegrityFlag[];
};

export type RoomInfo = {
  id: number;
  code: string;
  name: string;
  venueId: number;
  venueName: string;
  /** the venue's zone: every time of the room is shown in it, with its name (WIB, WITA, WIT) */
  timeZone: VenueTimeZone;
  rows: number;
  cols: number;
};

/** Session lifecycle (Perban BKN 4/2024 Pasal 11–14): the one list is SESSION_STATES (protocol/session.ts). */
export type SessionState = SessionStateName;

/** GET /api/rooms; `status` from the live room state (server/live/room-status.ts), null without room.view */
export type RoomListResponse = {
  venues: {
    id: number; code: string; name: string; timeZone: VenueTimeZone;
    rooms: {
      id: number; code: string; name: string; rows: number; cols: number; stationCount: number; status?: RoomStatus | null;
      /** the room's sessions of the venue's today, in order of their start */
      today: TodaySession[];
    }[];
  }[];
  /** server time of the figures */
  at?: number;
};

/** A session on the room list: what is on today, and when (its start as stored, UTC). */
export type TodaySession = { id: number; code: string; name: string; state: SessionState; scheduledAt: number; durationMin: number; activityId: number | null };

/** A room at a glance, for the room list: the session's stage and what of the room needs a look. */
export type RoomStatus = {
  session: { id: number; code: string; name: string; state: SessionState; participants: number; present: number } | null;
  stations: StationTally;
  /** proctor actions the PCs have not confirmed yet */
  pendingActions: number;
};

/**
 * Counts of a room's stations (protocol/room-status.ts `tallyStations`, the same rule on the
 * room page and the room list). `idle`: unenrolled spare PCs — not counted online, degraded or offline.
 */
export type StationTally = {
  total: number;
  online: number;
  degraded: number;
  offline: number;
  idle: number;
  loggedIn: number;
  finished: number;
  /** stations needing a proctor's look (`needsAttention`) */
  attention: number;
  /** stations in use whose PC fails Lampiran II */
  complianceFail: number;
};

export type SessionInfo = {
  id: number;
  code: string;
  name: string;
  state: SessionState;
  startedAt: number | null;
  durationMin: number;
};

export type RoomSnapshot = {
  room: RoomInfo;
  session: SessionSummary | null;
  stations: StationView[];
  /** degradeAfter: heartbeats over maxLatencyMs in a row before a station is degraded (one spike is not) */
  limits: { maxLatencyMs: number; minBandwidthKbps: number; heartbeatMs: number; offlineAfterMs: number; degradeAfter: number };
  serverTime: number;
  /**
   * When the server process started, and until when stations that were connected before it may
   * reconnect without counting as offline (a restart is shown once, as a restart, not as failures).
   */
  server: { startedAt: number; graceUntil: number };
};

/** Telemetry of one station inside a coalesced room:telemetry message. */
export type TelemetryEntry = {
  id: number;
  rtt: number | null;
  jit: number | null;
  /** agent clock of the newest heartbeat folded into this entry */
  t: number;
  /** server time it was received */
  at: number;
};

/** A partial StationView: only the fields that changed, plus id. */
export type StationPatch = { id: number } & Partial<Omit<StationView, 'id' | 'code' | 'row' | 'col'>>;

export type ComplianceKey = 'cpu' | 'memory' | 'disk' | 'screen' | 'webcam' | 'browser' | 'latency' | 'bandwidth';
export type ComplianceItem = {
  key: ComplianceKey;
  required: string;
  actual: string | null;
  status: 'pass' | 'fail' | 'unknown';
};

/**
 * Why a station changed state; the dashboard words it in the proctor's language.
 * `value`: latency → heartbeats over the limit in a row; bandwidth → measured Kbps; silent → seconds without a heartbeat.
 * `disconnected`: the agent's connection was closed from its end (the agent stopped, the PC shut
 * down or its network dropped with a reset) — offline at once, without waiting for the silence rule.
 */
export const TRANSITION_REASONS = ['connected', 'resumed', 'recovered', 'latency', 'bandwidth', 'silent', 'disconnected'] as const;
export type TransitionReason = (typeof TRANSITION_REASONS)[number];
export type Transition = { at: number; from: ConnState | null; to: ConnState; reason: TransitionReason; value: number | null };

export type StationDetail = {
  station: StationView;
  facts: StationFacts | null;
  factsAt: number | null;
  agentVersion: string | null;
  compliance: ComplianceItem[];
  transitions: Transition[];
  /** per-minute aggregates, oldest first, then the raw samples of the last minutes */
  latency: {
    minutes: { t: number; avg: number; max: number; n: number }[];
    recent: { t: number; rtt: number }[];
  };
};

// ---------------------------------------------------------------- /station namespace

export type HelloAck = Ack<{
  stationId: number;
  code: string;
  roomId: number;
  heartbeatMs: number;
  /** highest sequence number the server has applied for this stream (0 = none) */
  lastApplied: number;
  serverTime: number;
}>;
export type EventsAck = Ack<{ applied: number }>;
export type PinVerifyAck = Ack<{
  valid: boolean;
  outcome: PinVerifyOutcome;
  /** what the exam application shows the participant (PIN_OUTCOME_TEXT), Bahasa Indonesia and English */
  text?: { id: string; en: string };
  /** wrong attempts this station may still make before it is locked */
  attemptsLeft: number;
  lockedUntil: number | null;
}>;

/** A proctor's action for the participant at a station (pause, resume, add time, end). */
export type StationCommand = {
  id: number;
  kind: ParticipantActionKind;
  /** whom it is for: the station applies it only if this participant is the one logged in */
  nip: string;
  minutes: number | null;
  reason: string | null;
  requestedAt: number;
};

export interface StationClientEvents {
  'station:hello': (p: HelloPayload, ack: (res: HelloAck) => void) => void;
  'station:heartbeat': (p: HeartbeatPayload, ack: (res: Ack) => void) => void;
  'station:events': (p: EventBatchPayload, ack: (res: EventsAck) => void) => void;
  'station:probe-result': (p: ProbeResultPayload, ack: (res: Ack) => void) => void;
  /** the exam application asks whether the session PIN a participant typed is right (Pasal 14(1)i) */
  'station:pin-verify': (p: PinVerifyPayload, ack: (res: PinVerifyAck) => void) => void;
  /** the station applied (or refused) a command; stored, then shown on the dashboard */
  'station:command-ack': (p: CommandAckPayload, ack: (res: Ack) => void) => void;
}

export interface StationServerEvents {
  /** run a bandwidth probe: GET /api/probe?bytes=N with the station token, then emit station:probe-result */
  'station:probe': (p: { id: string; bytes: number }) => void;
  /** the server changed the heartbeat interval */
  'station:config': (p: { heartbeatMs: number }) => void;
  /** a proctor's action; re-sent after every hello until the agent acknowledges it (the id makes it idempotent) */
  'station:command': (p: StationCommand) => void;
}

// ---------------------------------------------------------------- /dashboard namespace

export interface DashboardClientEvents {
  'room:join': (p: { roomId: number }, ack: (res: Ack<{ snapshot: RoomSnapshot }>) => void) => void;
  'room:leave': (p: { roomId: number }, ack: (res: Ack) => void) => void;
  'station:detail': (p: { stationId: number }, ack: (res: Ack<{ detail: StationDetail }>) => void) => void;
  'station:ack-attention': (p: { stationId: number }, ack: (res: Ack) => void) => void;
  'station:probe': (p: { stationId: number }, ack: (res: Ack<{ probeId: string }>) => void) => void;
  /** probe every connected station of the room, staggered (daftar periksa B.4) */
  'room:probe-all': (p: { roomId: number }, ack: (res: Ack<{ count: number }>) => void) => void;
  /** the proctor used the page (throttled by the client): keeps the session from idling out */
  'session:activity': (p: Record<string, never>, ack: (res: Ack<{ idleExpiresAt: number }>) => void) => void;
  /**
   * the coordinator board (Pasal 16): the venues in the caller's scope, aggregated per venue; the
   * snapshot, then `board:delta` at most about once a second (protocol/board.ts applyDelta)
   */
  'board:join': (p: Record<string, never>, ack: (res: Ack<{ snapshot: BoardSnapshot }>) => void) => void;
  'board:leave': (p: Record<string, never>, ack: (res: Ack) => void) => void;
}

/** Why the server ended a dashboard connection; `changed`: roles or scope changed, reconnect. */
export type SessionEndReason = 'logout' | 'expired' | 'idle' | 'revoked' | 'inactive' | 'changed';

export interface DashboardServerEvents {
  /** coalesced per room every flush interval: the newest telemetry of the stations that reported; skipped for a dashboard still busy with the previous flush */
  'room:telemetry': (p: { roomId: number; at: number; entries: TelemetryEntry[] }) => void;
  /** reliable, coalesced per room: state transitions, participant progress, attention, facts */
  'room:changes': (p: { roomId: number; at: number; patches: StationPatch[] }) => void;
  /** the room's session changed (state, checklist, PIN status, counts); `changed` says which lists to fetch again */
  'room:session': (p: { roomId: number; at: number; session: SessionSummary | null; changed: SessionTopic[] }) => void;
  /** the board changed: the venues whose row changed and those that left the scope, versioned */
  'board:delta': (p: BoardDelta) => void;
  /** sent just before the server closes this connection because the session ended */
  'session:ended': (p: { reason: SessionEndReason }) => void;
}

export type StationSocketData = { stationId: number; roomId: number; stream?: string };
/** Who is behind a dashboard socket; set once at connect from the session cookie. */
export type DashboardSocketData = { userId: number; sessionId: string; nip: string; name: string; roles: import('./roles.ts').Role[] };
