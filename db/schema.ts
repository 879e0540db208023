/**
 * The stored model. Everything a room view shows can be rebuilt from these tables:
 * station_transitions (connectivity history), participant_events (the ordered per-station event
 * log the agents send), station_alerts (attention markers and their acknowledgements),
 * telemetry_samples / telemetry_minutes (latency history). The in-memory hub is a cache of them.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

export const venues = sqliteTable('venues', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** kantor_pusat | kanreg | upt | instansi | mandiri | lainnya (Perban BKN 4/2024 Pasal 9) */
  kind: text('kind').notNull().default('lainnya'),
  address: text('address'),
  /** the regional office (Kantor Regional) the venue belongs to; a koordinator can be scoped to it */
  region: text('region'),
  /**
   * refuse | flag: a login by someone the desk has not registered present for the session is
   * refused at the PIN, or let in and flagged until the desk registers them (Pasal 14(1)e, 14(2)a–b)
   */
  unregisteredLogin: text('unregistered_login').notNull().default('refuse'),
  /**
   * The venue's IANA zone (WIB Asia/Jakarta, WITA Asia/Makassar, WIT Asia/Jayapura): the dates and
   * hours of its sessions are planned and shown in it; stored instants stay UTC.
   */
  timeZone: text('time_zone').notNull().default('Asia/Jakarta')
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
  durationMin: integer('duration_min').notNull().default(180),
  /** the activity (kegiatan penilaian, Perban BKN 4/2024 Pasal 8) it belongs to; null for a session planned without one */
  activityId: integer('activity_id').references(() => activities.id),
  /** the participants planned for it (a roster over the room's enrolled PCs is warned about when it is planned) */
  capacity: integer('capacity'),
  /**
   * A koordinator's exception to the registration lead time (ProASN: 5 working days, SE BKN 6/2026
   * §5.i.2.d): with it, the agency's late file is accepted; the reason is also in the audit trail.
   */
  lateRegistrationReason: text('late_registration_reason'),
  lateRegistrationBy: integer('late_registration_by').references(() => users.id),
  lateRegistrationAt: integer('late_registration_at'),
  /** when the state last changed (every change is also in session_transitions and the audit trail) */
  stateChangedAt: integer('state_changed_at'),
  finishedAt: integer('finished_at')
}, (t) => [index('sessions_room').on(t.roomId), index('sessions_activity').on(t.activityId), index('sessions_scheduled').on(t.scheduledAt)]);

/** Every lifecycle step of a session: the state is the last row's `to` (derivable, auditable). */
export const sessionTransitions = sqliteTable('session_transitions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sessionId: integer('session_id').notNull().references(() => sessions.id),
  at: integer('at').notNull(),
  action: text('action').notNull(),
  fromState: text('from_state').notNull(),
  toState: text('to_state').notNull(),
  reason: text('reason'),
  actorId: integer('actor_id').references(() => users.id)
}, (t) => [index('session_transitions_session').on(t.sessionId, t.at)]);

export const participants = sqliteTable('participants', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sessionId: integer('session_id').notNull().references(() => sessions.id),
  nip: text('nip').notNull(),
  name: text('name').notNull(),
  jabatan: text('jabatan'),
  instansi: text('instansi'),
  nomorPeserta: text('nomor_peserta'),
  stationId: integer('station_id').references(() => stations.id),
  /** jenjang jabatan and unit kerja, from the import file */
  jenjang: text('jenjang'),
  unitKerja: text('unit_kerja'),
  importedAt: integer('imported_at'),
  /**
   * Why they did not complete the whole series (NON_COMPLETION_REASONS, SE BKN 6/2026 §5.g.2), as the
   * proctor confirmed it before finalising (Pasal 14(1)l–m); a note says what "other" was. Null for
   * someone who completed, or whose reason is not recorded yet.
   */
  nonCompletionReason: text('non_completion_reason'),
  nonCompletionNote: text('non_completion_note'),
  nonCompletionBy: integer('non_completion_by').references(() => users.id),
  nonCompletionAt: integer('non_completion_at')
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

// ---------------------------------------------------------------- accounts

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

// ---------------------------------------------------------------- session control

/** The daftar periksa of a session (Perban BKN 4/2024 Lampiran I.B); one per session, versioned. */
export const sessionChecklists = sqliteTable('session_checklists', {
  sessionId: integer('session_id').primaryKey().references(() => sessions.id),
  /** { [itemKey]: { value: 'sesuai' | 'tidak_sesuai' | null, keterangan } } */
  itemsJson: text('items_json').notNull(),
  countsJson: text('counts_json').notNull(),
  conclusion: text('conclusion'),
  recommendation: text('recommendation').notNull().default(''),
  /** { bkn: { name, nip }, instansi: { name, nip } } */
  signersJson: text('signers_json').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
  completedAt: integer('completed_at'),
  completedBy: integer('completed_by').references(() => users.id)
});

/** Session PINs (Pasal 14(1)i). The PIN is kept in clear: it must be shown again on the projector. */
export const sessionPins = sqliteTable('session_pins', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sessionId: integer('session_id').notNull().references(() => sessions.id),
  pin: text('pin').notNull(),
  issuedAt: integer('issued_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  lifetimeMin: integer('lifetime_min').notNull(),
  rotateMin: integer('rotate_min'),
  /** 1 for an issued PIN, +1 for each rotation that replaced the previous one */
  generation: integer('generation').notNull(),
  /** set when rotation, a new issue or a revocation ended it */
  endedAt: integer('ended_at'),
  endReason: text('end_reason'),
  issuedBy: integer('issued_by').references(() => users.id)
}, (t) => [index('session_pins_session').on(t.sessionId, t.issuedAt)]);

/** Every PIN a station asked about, right or wrong (the attempt limits are counted from here). */
export const pinAttempts = sqliteTable('pin_attempts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sessionId: integer('session_id').notNull().references(() => sessions.id),
  stationId: integer('station_id').notNull().references(() => stations.id),
  pinId: integer('pin_id'),
  at: integer('at').notNull(),
  outcome: text('outcome').notNull(),
  nip: text('nip')
}, (t) => [index('pin_attempts_session').on(t.sessionId, t.at), index('pin_attempts_station').on(t.stationId, t.at)]);

/** A station locked after too many wrong PINs; ends by time or by a proctor. */
export const pinLocks = sqliteTable('pin_locks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sessionId: integer('session_id').notNull().references(() => sessions.id),
  stationId: integer('station_id').notNull().references(() => stations.id),
  lockedAt: integer('locked_at').notNull(),
  until: integer('until').notNull(),
  unlockedAt: integer('unlocked_at'),
  unlockedBy: integer('unlocked_by').references(() => users.id)
}, (t) => [index('pin_locks_station').on(t.stationId, t.lockedAt)]);

/** The registration desk's record of one participant (Pasal 14(2)): one row per participant. */
export const attendance = sqliteTable('attendance', {
  participantId: integer('participant_id').primaryKey().references(() => participants.id),
  sessionId: integer('session_id').notNull().references(() => sessions.id),
  /** present | absent */
  status: text('status').notNull(),
  arrivedAt: integer('arrived_at'),
  idCard: integer('id_card', { mode: 'boolean' }).notNull().default(false),
  participantCard: integer('participant_card', { mode: 'boolean' }).notNull().default(false),
  faceMatch: integer('face_match', { mode: 'boolean' }).notNull().default(false),
  late: integer('late', { mode: 'boolean' }).notNull().default(false),
  note: text('note'),
  recordedAt: integer('recorded_at').notNull(),
  recordedBy: integer('recorded_by').references(() => users.id)
}, (t) => [index('attendance_session').on(t.sessionId)]);

/** A participant seated or moved to another PC (e.g. a spare one); progress goes with them. */
export const seatMoves = sqliteTable('seat_moves', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sessionId: integer('session_id').notNull().references(() => sessions.id),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  fromStationId: integer('from_station_id').references(() => stations.id),
  toStationId: integer('to_station_id').notNull().references(() => stations.id),
  reason: text('reason').notNull(),
  at: integer('at').notNull(),
  by: integer('by').references(() => users.id)
}, (t) => [index('seat_moves_session').on(t.sessionId, t.at)]);

/**
 * A proctor's decision on a login at a PC other than the participant's seat: sent back
 * to their seat. It clears the flag of the login it names (loginAt); a later login there flags
 * again. Moving the seat instead is a seat_moves row.
 */
export const loginDecisions = sqliteTable('login_decisions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sessionId: integer('session_id').notNull().references(() => sessions.id),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  /** the PC the participant logged in at (not their seat) */
  stationId: integer('station_id').notNull().references(() => stations.id),
  /** sent_back */
  decision: text('decision').notNull(),
  /** the login the decision is about */
  loginAt: integer('login_at').notNull(),
  note: text('note'),
  at: integer('at').notNull(),
  by: integer('by').references(() => users.id)
}, (t) => [index('login_decisions_session').on(t.sessionId, t.at)]);

/** Others allowed into the test room (Pasal 13(2), 14(1)k): who, why, in and out. */
export const roomVisitors = sqliteTable('room_visitors', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sessionId: integer('session_id').notNull().references(() => sessions.id),
  name: text('name').notNull(),
  affiliation: text('affiliation').notNull(),
  purpose: text('purpose').notNull(),
  inAt: integer('in_at').notNull(),
  outAt: integer('out_at'),
  recordedBy: integer('recorded_by').references(() => users.id)
}, (t) => [index('room_visitors_session').on(t.sessionId)]);

/** Incidents (kejadian); the current text here, every earlier text in incident_revisions. */
export const incidents = sqliteTable('incidents', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sessionId: integer('session_id').notNull().references(() => sessions.id),
  category: text('category').notNull(),
  participantId: integer('participant_id').references(() => participants.id),
  stationId: integer('station_id').references(() => stations.id),
  occurredAt: integer('occurred_at').notNull(),
  description: text('description').notNull(),
  actionTaken: text('action_taken').notNull(),
  reporterId: integer('reporter_id').references(() => users.id),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  version: integer('version').notNull().default(1)
}, (t) => [index('incidents_session').on(t.sessionId, t.occurredAt)]);

export const incidentRevisions = sqliteTable('incident_revisions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  incidentId: integer('incident_id').notNull().references(() => incidents.id),
  /** the version this row was (1 = as first recorded) */
  version: integer('version').notNull(),
  at: integer('at').notNull(),
  by: integer('by').references(() => users.id),
  reason: text('reason'),
  dataJson: text('data_json').notNull()
}, (t) => [uniqueIndex('incident_revisions_version').on(t.incidentId, t.version)]);

/** Proctor actions for a participant; delivered to the station, acknowledged by its agent. */
export const participantActions = sqliteTable('participant_actions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sessionId: integer('session_id').notNull().references(() => sessions.id),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  stationId: integer('station_id').references(() => stations.id),
  kind: text('kind').notNull(),
  minutes: integer('minutes'),
  reason: text('reason'),
  requestedAt: integer('requested_at').notNull(),
  requestedBy: integer('requested_by').references(() => users.id),
  ackedAt: integer('acked_at'),
  /** applied | refused */
  result: text('result'),
  message: text('message')
}, (t) => [
  index('participant_actions_session').on(t.sessionId, t.requestedAt),
  index('participant_actions_pending').on(t.stationId).where(sql`acked_at is null`)
]);

// ---------------------------------------------------------------- activities and schedules

/**
 * An activity (kegiatan penilaian kompetensi, Perban BKN 4/2024 Pasal 8): what the regulation
 * plans, schedules and evaluates; its sessions point at it (sessions.activity_id).
 */
export const activities = sqliteTable('activities', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** pengisian_jabatan | pemetaan | proasn (Pasal 8(2); ProASN per SE BKN 6/2026) */
  purpose: text('purpose').notNull(),
  /** the user agency (Instansi Pengguna, Pasal 8(1)) */
  agency: text('agency').notNull(),
  venueId: integer('venue_id').notNull().references(() => venues.id),
  /** first and last day, YYYY-MM-DD in the venue's zone */
  dateFrom: text('date_from').notNull(),
  dateTo: text('date_to').notNull(),
  /** CACT (computer assisted competency test) */
  method: text('method').notNull().default('CACT'),
  /** the participants it plans for (Pasal 8(3)): how many, their job levels (JSON list), their units (text) */
  plannedParticipants: integer('planned_participants').notNull().default(0),
  jobLevelsJson: text('job_levels_json').notNull().default('[]'),
  units: text('units'),
  /** the facilities it needs (Pasal 8(4)), as notes */
  facilities: text('facilities'),
  createdAt: integer('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => users.id)
}, (t) => [index('activities_venue_dates').on(t.venueId, t.dateFrom), index('activities_agency').on(t.agency)]);

/** The Tim Penyelenggara CACT BKN and the agency's team assigned to an activity (Pasal 6); an assignment is also a scope. */
export const activityAssignments = sqliteTable('activity_assignments', {
  activityId: integer('activity_id').notNull().references(() => activities.id),
  userId: integer('user_id').notNull().references(() => users.id),
  /** koordinator | instruktur | pengawas | petugas_ti | instansi */
  teamRole: text('team_role').notNull(),
  assignedAt: integer('assigned_at').notNull(),
  assignedBy: integer('assigned_by').references(() => users.id)
}, (t) => [primaryKey({ columns: [t.activityId, t.userId] }), index('activity_assignments_user').on(t.userId)]);

/**
 * Days off an administrator keeps for the working-day calendar: cuti bersama and local days off
 * (a venue's own, when venue_id is set). National holidays come from the holiday library.
 */
export const daysOff = sqliteTable('days_off', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** YYYY-MM-DD */
  date: text('date').notNull(),
  name: text('name').notNull(),
  /** cuti_bersama | local */
  kind: text('kind').notNull(),
  venueId: integer('venue_id').references(() => venues.id)
}, (t) => [index('days_off_date').on(t.date)]);

// ---------------------------------------------------------------- official documents

/**
 * The official documents issued (berita acara and lists, Perban BKN 4/2024 Lampiran I–III), as
 * issued: the PDF's bytes, the print-ready HTML and the content model both were rendered from.
 * Append-only: no query updates or deletes a row (triggers refuse it, migration 0008; the
 * hashes, `npm run documents:verify`, show a change made around them). A correction is a new row,
 * version n+1 with the same number, naming the row it replaces (supersedes_id); the replaced row
 * stays readable and verifiable.
 */
export const documents = sqliteTable('documents', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** protocol/documents.ts DOCUMENT_KINDS */
  kind: text('kind').notNull(),
  /** <PREFIX>/<VENUE CODE>/<YEAR>/<4-digit seq>, printed on the document; a correction keeps it */
  number: text('number').notNull(),
  /** the number's sequence, per venue, year (in the venue's zone) and kind prefix */
  seq: integer('seq').notNull(),
  year: integer('year').notNull(),
  /** 1 when first issued; a correction is the next */
  version: integer('version').notNull().default(1),
  /** the version this one corrects (a version is corrected at most once: the next one does) */
  supersedesId: integer('supersedes_id').references((): AnySQLiteColumn => documents.id),
  correctionReason: text('correction_reason'),
  /** the venue it speaks of; null for a document over many venues (the monitoring and evaluation report) */
  venueId: integer('venue_id').references(() => venues.id),
  sessionId: integer('session_id').references(() => sessions.id),
  activityId: integer('activity_id').references(() => activities.id),
  /**
   * a venue-less document's reach, as JSON: the monitoring and evaluation report's scope and
   * period ({ scope: EvaluationScope, period: { from, to } }, protocol/evaluation.ts), which
   * decides who may read it; null for a venue's document
   */
  scopeJson: text('scope_json'),
  issuedAt: integer('issued_at').notNull(),
  issuedBy: integer('issued_by').notNull().references(() => users.id),
  /** DocumentSigner[] as printed under the signature lines */
  signersJson: text('signers_json').notNull(),
  /** SHA-256 (hex) of the canonical content model, printed in the footer */
  contentHash: text('content_hash').notNull(),
  /** SHA-256 (hex) of the PDF's bytes: an uploaded copy is checked against it */
  sha256: text('sha256').notNull(),
  /** the short verification code printed on every page (VERIFY_CODE_ALPHABET, not formatted) */
  code: text('code').notNull().unique(),
  pdf: blob('pdf', { mode: 'buffer' }).notNull(),
  html: text('html').notNull(),
  /** the DocumentModel (server/documents/model.ts) it was rendered from, as JSON */
  modelJson: text('model_json').notNull(),
  /** the spreadsheet issued with it (the monitoring and evaluation report), and its SHA-256 (hex) */
  xlsx: blob('xlsx', { mode: 'buffer' }),
  xlsxSha256: text('xlsx_sha256'),
  createdAt: integer('created_at').notNull()
}, (t) => [
  uniqueIndex('documents_number_version').on(t.venueId, t.year, t.kind, t.seq, t.version),
  /** SQL's NULLs are distinct in the index above: the venue-less documents' numbers are unique here */
  uniqueIndex('documents_number_version_national').on(t.year, t.kind, t.seq, t.version).where(sql`${t.venueId} is null`),
  uniqueIndex('documents_supersedes').on(t.supersedesId),
  index('documents_session').on(t.sessionId),
  index('documents_activity').on(t.activityId)
]);

// ---------------------------------------------------------------- postponements

/**
 * A postponement (Perban BKN 4/2024 Pasal 12(2)e–f, 12(3), Lampiran III): recorded once its Berita
 * Acara Penundaan is issued (document_id), covering the session it was acted from and, with scope
 * 'activity', the activity's other sessions at the venue that had not started. Resumed once its
 * follow-ups are done and the room is checked again (resumed_at/by).
 */
export const postponements = sqliteTable('postponements', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** the session the proctor postponed from */
  sessionId: integer('session_id').notNull().references(() => sessions.id),
  activityId: integer('activity_id').references(() => activities.id),
  /** session | activity */
  scope: text('scope').notNull(),
  /** protocol/postponement.ts POSTPONE_CATEGORIES */
  category: text('category').notNull(),
  reason: text('reason').notNull(),
  /** PostponementInput['coordination'] as JSON: the agency's official and the BKN official */
  coordinationJson: text('coordination_json').notNull(),
  /** PostponementInput['signers'] as JSON */
  signersJson: text('signers_json').notNull(),
  /** the Berita Acara Penundaan, issued before the postponement took effect (Pasal 12(2)f) */
  documentId: integer('document_id').notNull().references(() => documents.id),
  createdAt: integer('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  resumedAt: integer('resumed_at'),
  resumedBy: integer('resumed_by').references(() => users.id)
}, (t) => [index('postponements_session').on(t.sessionId), index('postponements_activity').on(t.activityId)]);

/** The sessions a postponement covers (the one acted from among them). */
export const postponementSessions = sqliteTable('postponement_sessions', {
  postponementId: integer('postponement_id').notNull().references(() => postponements.id),
  sessionId: integer('session_id').notNull().references(() => sessions.id)
}, (t) => [primaryKey({ columns: [t.postponementId, t.sessionId] }), index('postponement_sessions_session').on(t.sessionId)]);

/** The activities after which the test continues (Lampiran III), each marked done by someone, once. */
export const postponementFollowups = sqliteTable('postponement_followups', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  postponementId: integer('postponement_id').notNull().references(() => postponements.id),
  /** 1-based, the berita acara's numbering */
  position: integer('position').notNull(),
  text: text('text').notNull(),
  doneAt: integer('done_at'),
  doneBy: integer('done_by').references(() => users.id)
}, (t) => [uniqueIndex('postponement_followups_position').on(t.postponementId, t.position)]);
