/**
 * The audit trail's vocabulary, in one place: every action the server may record, every field of
 * a record's before/after, and the kinds of things a record is about. The writers are typed
 * against these lists (db/queries/audit.ts AuditEntry), the web app words each of them in both
 * languages (web/src/lib/i18n/audit.id.ts / audit.en.ts), and tests/unit/audit-vocabulary.test.ts
 * checks that nothing is missing: add a new action or field here first.
 *
 * No zod here: the web app imports these lists at run time.
 */
import type { AttentionKind } from './events.ts';
import { ROLES } from './roles.ts';
import { NON_COMPLETION_REASONS } from './completion.ts';
import { DOCUMENT_KINDS } from './documents.ts';
import { POSTPONE_CATEGORIES } from './postponement.ts';
import { ACTIVITY_PURPOSES, TEAM_ROLES, VENUE_KINDS, VENUE_TIME_ZONES } from './activity.ts';
import { INCIDENT_CATEGORIES, SESSION_EXPORT_KINDS, PARTICIPANT_ACTIONS, SESSION_STATES, UNREGISTERED_LOGIN_POLICIES, type AttendanceStatus } from './session.ts';

export const AUDIT_ACTIONS = [
  // sign-in (server/auth/login.service.ts, server/http/auth.routes.ts)
  'auth.login', 'auth.login_failed', 'auth.locked', 'auth.logout', 'auth.logout_all', 'auth.password_changed', 'auth.password_change_failed',
  // accounts (server/http/users.routes.ts, server/cli/user-create.ts, demo/seed-accounts.ts)
  'user.created', 'user.updated', 'user.access_changed', 'user.password_reset', 'user.unlocked',
  // stations (server/http/stations.routes.ts, server/sockets/dashboard.handlers.ts, server/session/pin.service.ts)
  'station.enrollment_codes_created', 'station.enrolled', 'station.enroll_refused', 'station.revoked',
  'station.attention_acknowledged', 'station.probe_requested', 'station.pin_locked', 'station.pin_unlocked',
  'room.probe_requested',
  // participants (server/http/rooms.routes.ts, registration.routes.ts, server/session/registration.service.ts, action.service.ts)
  'participant.list_viewed', 'participant.imported', 'participant.checked_in', 'participant.marked_absent',
  // a participant file refused, nothing saved: kept for the monitoring and evaluation report (Pasal 16(4))
  'participant.import_refused',
  'participant.seated', 'participant.moved', 'participant.action_requested', 'participant.action_acknowledged',
  // why someone did not complete the whole series (server/session/completion.service.ts; SE BKN 6/2026 §5.g.2)
  'participant.completion_recorded',
  // who sat the test must match who the desk let in (server/session/pin.service.ts,
  // registration.service.ts, server/http/registration.routes.ts)
  'participant.login_unregistered', 'participant.sent_back', 'venue.login_policy_changed',
  // the session's lifecycle: `session.${SessionAction}` (server/session/lifecycle.service.ts)
  'session.prepare', 'session.open', 'session.start', 'session.finish', 'session.finalise', 'session.postpone', 'session.resume',
  // the session PIN (server/session/pin.service.ts)
  'session.pin_issued', 'session.pin_rotated', 'session.pin_revoked',
  // daftar periksa, kejadian, tamu (server/session/checklist.service.ts, incident.service.ts)
  'checklist.saved', 'checklist.completed',
  'incident.recorded', 'incident.edited',
  'visitor.entered', 'visitor.left',
  // activities and their schedule (server/activity/activity.service.ts)
  'activity.created', 'activity.updated', 'activity.team_assigned', 'activity.team_unassigned',
  'session.planned', 'session.rescheduled', 'session.cancelled', 'session.exported', 'session.late_registration_allowed',
  'calendar.day_off_added', 'calendar.day_off_removed', 'venue.settings_changed',
  // official documents, issued and corrected (server/documents/document.service.ts; Perban BKN 4/2024 Lampiran I–III)
  'document.issued', 'document.corrected',
  // postponement with its berita acara, follow-ups, resuming (server/session/postponement.service.ts; Pasal 12(2)e–f, 12(3))
  'postponement.followup_done'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What a record is about (its targetType); the audit list names each one (AuditRow.target). */
export const AUDIT_TARGET_TYPES = ['user', 'station', 'room', 'session', 'participant', 'incident', 'visitor', 'venue', 'activity', 'document'] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** Every key a record's before/after may hold. */
export const AUDIT_FIELDS = [
  // people and accounts
  'nip', 'name', 'jabatan', 'instansi', 'roles', 'scopes', 'active', 'via',
  'reason', 'failures', 'lockedUntil', 'sessions', 'otherSessionsEnded', 'sessionsEnded',
  // stations
  'code', 'attention', 'probeId', 'stations', 'expiresAt', 'fingerprint', 'used', 'revoked', 'expired', 'hostname', 'codeCreatedBy',
  'locks', 'until',
  // participants, registration and actions
  'session', 'participants', 'agency', 'imported', 'replaced', 'rows', 'kind', 'arrivedAt', 'late', 'note', 'stationId',
  'errors', 'errorSample',
  'started', 'actionsMoved', 'minutes', 'actions', 'action', 'result', 'message',
  'attendance', 'outcome', 'loginAt', 'unregisteredLogin',
  'completionReason',
  // the session, its PIN and its checklist
  'state', 'markedAbsent', 'checklistReopened', 'pinId', 'generation', 'rotateMin', 'version', 'completed', 'conclusion', 'items',
  // incidents and visitors
  'category', 'participantId', 'occurredAt', 'description', 'actionTaken', 'affiliation', 'purpose', 'outAt',
  // activities, their team and their sessions
  'activityPurpose', 'userAgency', 'venueId', 'dateFrom', 'dateTo', 'plannedParticipants', 'jobLevels', 'units', 'facilities',
  'userId', 'teamRole', 'activityId', 'roomId', 'scheduledAt', 'durationMin', 'capacity', 'overrideReason', 'workingDays', 'minWorkingDays',
  'date', 'dayOffKind', 'distribution', 'venueKind', 'timeZone', 'documents', 'exportKind',
  // official documents
  'documentKind', 'number', 'sha256', 'contentHash', 'sessionId', 'supersedesId', 'correctionReason',
  // postponement (the sessions' session.postpone / session.resume rows and the follow-ups)
  'postponementId', 'documentId', 'postponeCategory', 'postponeScope', 'followUp', 'paused'
] as const;
export type AuditField = (typeof AUDIT_FIELDS)[number];
/** A record's before or after. */
export type AuditData = { [K in AuditField]?: unknown };

/**
 * Fields holding ids of things: the audit list resolves them to names (AuditPage.refs) when the
 * trail is read. `list`: the field holds a list of ids (a plain number there is a count, as
 * `participants` of participant.list_viewed); otherwise one id.
 */
export const AUDIT_REF_FIELDS = {
  stationId: { type: 'station', list: false },
  participantId: { type: 'participant', list: false },
  codeCreatedBy: { type: 'user', list: false },
  participants: { type: 'participant', list: true },
  venueId: { type: 'venue', list: false },
  userId: { type: 'user', list: false },
  activityId: { type: 'activity', list: false },
  roomId: { type: 'room', list: false },
  sessionId: { type: 'session', list: false },
  supersedesId: { type: 'document', list: false },
  documentId: { type: 'document', list: false }
} as const satisfies Partial<Record<AuditField, { type: AuditTargetType; list: boolean }>>;

/**
 * A thing named for the reader, resolved at read time (never stored: the trail and its hash chain
 * keep the ids). `name`: a participant's or user's name, a station's or session's code, a room's,
 * venue's or visitor's name, an incident's category. `nip`: of a participant or user. `where`: the
 * room of a station or session, the session (code) of a participant, incident or visitor, the
 * venue of a room, a visitor's affiliation.
 */
export type AuditName = { name: string; nip?: string | null; where?: string | null };
/** Names by kind and id (the id as a string, as in AuditRow.targetId). */
export type AuditRefs = { [K in AuditTargetType]?: Record<string, AuditName> };

/**
 * Fields whose values are codes rather than free text, numbers or times, with every code the
 * server stores: each is worded for the reader (audit.*.ts `audit.value.<field>.<code>`, or the
 * tables the web app has for session states, incident categories, roles, warnings and
 * participant actions). A field not listed here is shown as written (a reason or note typed by
 * a proctor, a name, a code of a PC). tests/unit/audit-vocabulary.test.ts checks the wording.
 */
export const AUDIT_VALUE_CODES = {
  /** why a sign-in failed (server/auth/login.service.ts), why the system revoked a PIN (pin.service.ts) */
  reason: ['locked', 'unknown_nip', 'inactive', 'bad_password', 'too many wrong attempts'],
  via: ['cli', 'seed', 'demo seed', 'registration'],
  result: ['applied', 'refused'],
  /** a participant action, or an imported file's type */
  kind: [...PARTICIPANT_ACTIONS, 'csv', 'xlsx'],
  conclusion: ['layak', 'tidak_layak'],
  state: SESSION_STATES,
  category: INCIDENT_CATEGORIES,
  attention: ['offline', 'degraded', 'stalled', 'flood'] satisfies AttentionKind[],
  roles: ROLES,
  attendance: ['expected', 'present', 'absent'] satisfies AttendanceStatus[],
  outcome: ['refused', 'flagged'],
  unregisteredLogin: UNREGISTERED_LOGIN_POLICIES,
  activityPurpose: ACTIVITY_PURPOSES,
  teamRole: TEAM_ROLES,
  dayOffKind: ['cuti_bersama', 'local'],
  completionReason: NON_COMPLETION_REASONS,
  venueKind: VENUE_KINDS,
  timeZone: VENUE_TIME_ZONES,
  documentKind: DOCUMENT_KINDS,
  postponeCategory: POSTPONE_CATEGORIES,
  postponeScope: ['session', 'activity'],
  exportKind: SESSION_EXPORT_KINDS
} as const satisfies Partial<Record<AuditField, readonly string[]>>;

export const isAuditAction = (s: string): s is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(s);
