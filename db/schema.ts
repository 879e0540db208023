/**
 * The stored model. Everything a room view shows can be rebuilt from these tables:
 * station_transitions (connectivity history), participant_events (the ordered per-station event
 * log the agents send), station_alerts (attention markers and their acknowledgements),
 * telemetry_samples / telemetry_minutes (latency history). The in-memory hub is a cache of them.
 */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const venues = sqliteTable('venues', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** kantor_pusat | kanreg | upt | instansi | mandiri | lainnya (Perban BKN 4/2024 Pasal 9) */
  kind: text('kind').notNull().default('lainnya'),
  address: text('address')
});

export const rooms = sqliteTable('rooms', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  venueId: integer('venue_id').notNull().references(() => venues.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  rows: integer('rows').notNull(),
  cols: integer('cols').notNull()
}, (t) => [uniqueIndex('rooms_venue_code').on(t.venueId, t.code)]);

export const stations = sqliteTable('stations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  roomId: integer('room_id').notNull().references(() => rooms.id),
  code: text('code').notNull(),
  row: integer('row').notNull(),
  col: integer('col').notNull(),
  /** a spare PC (PC cadangan, Lampiran I.B counts) */
  spare: integer('spare', { mode: 'boolean' }).notNull().default(false),
  /** sha-256 of the station token; the token itself is never stored */
  tokenHash: text('token_hash').unique(),
  factsJson: text('facts_json'),
  factsAt: integer('facts_at'),
  agentVersion: text('agent_version'),
  /** the agent's event stream and the highest sequence applied from it (exactly-once, in order) */
  stream: text('stream'),
  lastSeq: integer('last_seq').notNull().default(0),
  lastKbps: real('last_kbps'),
  lastKbpsAt: integer('last_kbps_at')
}, (t) => [uniqueIndex('stations_room_code').on(t.roomId, t.code)]);

export const sessions = sqliteTable('sessions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  roomId: integer('room_id').notNull().references(() => rooms.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  /** scheduled | preparation | open | running | finished | finalised | postponed */
  state: text('state').notNull().default('scheduled'),
  scheduledAt: integer('scheduled_at').notNull(),
  startedAt: integer('started_at'),
  /** ProASN: at most 180 minutes (SE BKN 6/2026 §5.g) */
  durationMin: integer('duration_min').notNull().default(180)
}, (t) => [index('sessions_room').on(t.roomId)]);

export const participants = sqliteTable('participants', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sessionId: integer('session_id').notNull().references(() => sessions.id),
  nip: text('nip').notNull(),
  name: text('name').notNull(),
  jabatan: text('jabatan'),
  instansi: text('instansi'),
  nomorPeserta: text('nomor_peserta'),
  stationId: integer('station_id').references(() => stations.id)
}, (t) => [uniqueIndex('participants_session_nip').on(t.sessionId, t.nip)]);

/** Every connectivity state change of a station, with its time (issue: state transitions stored). */
export const stationTransitions = sqliteTable('station_transitions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  stationId: integer('station_id').notNull().references(() => stations.id),
  at: integer('at').notNull(),
  fromState: text('from_state'),
  toState: text('to_state').notNull(),
  /** TransitionReason, and its number (heartbeats over the limit, Kbps, seconds silent) */
  reason: text('reason').notNull(),
  value: real('value')
}, (t) => [index('transitions_station_at').on(t.stationId, t.at)]);

/** The participant events each agent sent, applied exactly once in per-station sequence order. */
export const participantEvents = sqliteTable('participant_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  stationId: integer('station_id').notNull().references(() => stations.id),
  stream: text('stream').notNull(),
  seq: integer('seq').notNull(),
  /** when the exam application reported it, on the server's clock (agent clock + estimated offset) */
  at: integer('at').notNull(),
  /** the same moment on the station's own clock, as sent */
  agentAt: integer('agent_at').notNull(),
  receivedAt: integer('received_at').notNull(),
  sessionId: integer('session_id'),
  participantId: integer('participant_id'),
  type: text('type').notNull(),
  dataJson: text('data_json').notNull()
}, (t) => [
  uniqueIndex('events_station_stream_seq').on(t.stationId, t.stream, t.seq),
  index('events_session').on(t.sessionId)
]);

/** Attention markers: raised by the server, kept until a proctor acknowledges them. */
export const stationAlerts = sqliteTable('station_alerts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  stationId: integer('station_id').notNull().references(() => stations.id),
  kind: text('kind').notNull(),
  raisedAt: integer('raised_at').notNull(),
  ackedAt: integer('acked_at'),
  ackedBy: text('acked_by')
}, (t) => [index('alerts_open').on(t.stationId).where(sql`acked_at is null`)]);

/** Raw heartbeat samples, kept for a short retention window, written in batched transactions. */
export const telemetrySamples = sqliteTable('telemetry_samples', {
  stationId: integer('station_id').notNull(),
  at: integer('at').notNull(),
  rttMs: real('rtt_ms'),
  jitterMs: real('jitter_ms')
}, (t) => [index('samples_station_at').on(t.stationId, t.at), index('samples_at').on(t.at)]);

/** Per-minute roll-ups of the samples, kept much longer. */
export const telemetryMinutes = sqliteTable('telemetry_minutes', {
  stationId: integer('station_id').notNull(),
  minute: integer('minute').notNull(),
  /** heartbeats of that minute that carried an RTT */
  n: integer('n').notNull(),
  rttAvg: real('rtt_avg'),
  rttMax: real('rtt_max'),
  overLimit: integer('over_limit').notNull().default(0)
}, (t) => [uniqueIndex('minutes_station_minute').on(t.stationId, t.minute), index('minutes_minute').on(t.minute)]);
