/**
 * The stored model. Everything a room view shows can be rebuilt from these tables:
 * station_transitions (connectivity history), participant_events (the ordered per-station event
 * log the agents send), station_alerts (attention markers and their acknowledgements),
 * telemetry_samples / telemetry_minutes (latency history). The in-memory hub is a cache of them.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const venues = sqliteTable('venues', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** kantor_pusat | kanreg | upt | instansi | mandiri | lainnya (Perban BKN 4/2024 Pasal 9) */
  kind: text('kind').notNull().default('lainnya'),
  address: text('address'),
  /** the regional office (Kantor Regional) the venue belongs to; a koordinator can be scoped to it */
  region: text('region')
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
  lastKbpsAt: integer('last_kbps_at'),
  /** when the current token was issued (enrollment) and when a token was last revoked */
  tokenIssuedAt: integer('token_issued_at'),
  tokenRevokedAt: integer('token_revoked_at'),
  /** the computer name the agent gave when it enrolled: which physical PC holds this seat's token */
  enrolledHostname: text('enrolled_hostname')
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

// ---------------------------------------------------------------- accounts (issue 3)

/** A person who signs in: BKN staff of the Tim Penyelenggara, coordinators, admins, agency operators. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** 18-digit Nomor Induk Pegawai; the login name */
  nip: text('nip').notNull().unique(),
  name: text('name').notNull(),
  jabatan: text('jabatan'),
  /** operator_instansi: the agency whose participants this user may see (Perban BKN 4/2024 Pasal 3 confidentiality) */
  instansi: text('instansi'),
  /** argon2id PHC string */
  passwordHash: text('password_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** seeded by `npm run demo`; the login page lists these, production never creates them */
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: integer('locked_until'),
  createdAt: integer('created_at').notNull(),
  passwordChangedAt: integer('password_changed_at').notNull(),
  lastLoginAt: integer('last_login_at')
});

export const userRoles = sqliteTable('user_roles', {
  userId: integer('user_id').notNull().references(() => users.id),
  role: text('role').notNull()
}, (t) => [primaryKey({ columns: [t.userId, t.role] })]);

/** What a user may see: the whole nation, one regional office's venues, or one venue. */
export const userScopes = sqliteTable('user_scopes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id').notNull().references(() => users.id),
  /** all | region | venue */
  kind: text('kind').notNull(),
  region: text('region'),
  venueId: integer('venue_id').references(() => venues.id)
}, (t) => [index('scopes_user').on(t.userId)]);

/** A signed-in browser. The cookie holds a random token; only its sha-256 is the key here. */
export const authSessions = sqliteTable('auth_sessions', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  /** synchronizer token the browser echoes in x-csrf-token on state-changing requests */
  csrfToken: text('csrf_token').notNull(),
  createdAt: integer('created_at').notNull(),
  lastSeenAt: integer('last_seen_at').notNull(),
  /** absolute expiry: the session ends then however active it is */
  expiresAt: integer('expires_at').notNull(),
  revokedAt: integer('revoked_at'),
  ip: text('ip'),
  userAgent: text('user_agent')
}, (t) => [index('auth_sessions_user').on(t.userId)]);

/** One-time codes an IT officer types on a station PC; exchanged once for a station token. */
export const enrollmentCodes = sqliteTable('enrollment_codes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  roomId: integer('room_id').notNull().references(() => rooms.id),
  stationId: integer('station_id').notNull().references(() => stations.id),
  /** sha-256 of the code; the code itself is shown once to its creator */
  codeHash: text('code_hash').notNull().unique(),
  createdBy: integer('created_by').notNull().references(() => users.id),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
  usedIp: text('used_ip'),
  revokedAt: integer('revoked_at')
}, (t) => [index('enrollment_station').on(t.stationId)]);

/**
 * Append-only, hash-chained audit trail (Perban BKN 4/2024 Pasal 3: accountability). Each row's
 * hash covers its content and the previous row's hash; `npm run audit:verify` walks the chain.
 */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: integer('at').notNull(),
  actorId: integer('actor_id'),
  actorNip: text('actor_nip'),
  actorName: text('actor_name'),
  /** the actor's roles at the time, comma-separated; 'station' or 'system' for non-users */
  actorRole: text('actor_role').notNull(),
  ip: text('ip'),
  venueId: integer('venue_id'),
  action: text('action').notNull(),
  targetType: text('target_type'),
  targetId: text('target_id'),
  beforeJson: text('before_json'),
  afterJson: text('after_json'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull()
}, (t) => [
  index('audit_at').on(t.at),
  index('audit_venue_at').on(t.venueId, t.at),
  index('audit_actor_at').on(t.actorId, t.at),
  index('audit_action_at').on(t.action, t.at)
]);
