/**
 * The one typed event contract between server, web dashboard and station agent.
 * socket.io namespaces:
 *   /station   — station agents (auth: { token }); see StationClientEvents / StationServerEvents
 *   /dashboard — proctor dashboards; see DashboardClientEvents / DashboardServerEvents
 * docs/protocol.md documents every event, payload, ack and error.
 */
import type { Instrument } from './limits.ts';
import type {
  EventBatchPayload,
  HeartbeatPayload,
  HelloPayload,
  ProbeResultPayload,
  StationFacts
} from './schemas.ts';

// ---------------------------------------------------------------- acks and errors

export const ERROR_CODES = [
  'INVALID_PAYLOAD',
  'UNSUPPORTED_VERSION',
  'UNKNOWN_EVENT',
  'NOT_FOUND',
  'NOT_READY',
  'SEQ_GAP',
  'RATE_LIMITED',
  'INTERNAL'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type AckError = {
  ok: false;
  code: ErrorCode;
  /** English, for logs and developers; the web app shows its own translation of `code`. */
  message: string;
  /** zod issues, path and message only */
  issues?: { path: string; message: string }[];
  /** SEQ_GAP: the sequence number the server expects next */
  expected?: number;
};
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;
export type AckFn<T extends object = object> = (res: Ack<T>) => void;

// ---------------------------------------------------------------- shared views

export type ConnState = 'online' | 'degraded' | 'offline';
export type AttentionKind = 'offline' | 'degraded' | 'stalled';
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
  /** startedAt + session duration; the tile shows the time left until it */
  deadlineAt: number | null;
};

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
  /** the participant seated here (assigned or logged in), if any */
  participant: ParticipantView | null;
  /** raised markers that stay until a proctor acknowledges them */
  attention: Attention[];
};

export type RoomInfo = {
  id: number;
  code: string;
  name: string;
  venueId: number;
  venueName: string;
  rows: number;
  cols: number;
};

/** Session lifecycle (Perban BKN 4/2024 Pasal 11–14); transitions come with session control. */
export type SessionState = 'scheduled' | 'preparation' | 'open' | 'running' | 'finished' | 'finalised' | 'postponed';

/** GET /api/rooms */
export type RoomListResponse = {
  venues: { id: number; code: string; name: string; rooms: { id: number; code: string; name: string; rows: number; cols: number; stationCount: number }[] }[];
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
  session: SessionInfo | null;
  stations: StationView[];
  limits: { maxLatencyMs: number; minBandwidthKbps: number; heartbeatMs: number; offlineAfterMs: number };
  serverTime: number;
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

export type ComplianceItem = {
  key: 'cpu' | 'memory' | 'disk' | 'screen' | 'webcam' | 'browser' | 'latency' | 'bandwidth';
  required: string;
  actual: string | null;
  status: 'pass' | 'fail' | 'unknown';
};

/**
 * Why a station changed state; the dashboard words it in the proctor's language.
 * `value`: latency → heartbeats over the limit in a row; bandwidth → measured Kbps; silent → seconds without a heartbeat.
 */
export const TRANSITION_REASONS = ['connected', 'resumed', 'recovered', 'latency', 'bandwidth', 'silent'] as const;
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

export interface StationClientEvents {
  'station:hello': (p: HelloPayload, ack: (res: HelloAck) => void) => void;
  'station:heartbeat': (p: HeartbeatPayload, ack: (res: Ack) => void) => void;
  'station:events': (p: EventBatchPayload, ack: (res: EventsAck) => void) => void;
  'station:probe-result': (p: ProbeResultPayload, ack: (res: Ack) => void) => void;
}

export interface StationServerEvents {
  /** run a bandwidth probe: GET /api/probe?bytes=N with the station token, then emit station:probe-result */
  'station:probe': (p: { id: string; bytes: number }) => void;
  /** the server changed the heartbeat interval */
  'station:config': (p: { heartbeatMs: number }) => void;
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
}

export interface DashboardServerEvents {
  /** coalesced per room every flush interval: the newest telemetry of the stations that reported; skipped for a dashboard still busy with the previous flush */
  'room:telemetry': (p: { roomId: number; at: number; entries: TelemetryEntry[] }) => void;
  /** reliable, coalesced per room: state transitions, participant progress, attention, facts */
  'room:changes': (p: { roomId: number; at: number; patches: StationPatch[] }) => void;
}

export type StationSocketData = { stationId: number; roomId: number; stream?: string };
export type DashboardSocketData = Record<string, never>;
