/**
 * The HTTP API contract (accounts, stations, audit): request schemas (zod, checked at the edge)
 * and response shapes. docs/protocol.md and docs/security.md describe the routes.
 */
import { z } from 'zod';
import { urlId, urlInt } from './url-number.ts';
import { CODE_ALPHABET, ENROLLMENT_TTL_MIN, PASSWORD_MAX, PASSWORD_MIN } from '../limits.ts';
import { nipProblem } from '../nip.ts';
import { msg } from '../messages/index.ts';
import { customIssue } from '../messages/issues.ts';
import { CAPABILITIES, ROLES, type Capability, type Role } from '../roles.ts';
import type { AuditName, AuditRefs } from '../audit.ts';
import type { VenueKind, VenueTimeZone } from '../activity.ts';

/** A NIP that is 18 digits and structurally plausible (birth date, appointment, sex digit). */
export const userNipSchema = z.string().trim().superRefine((v, ctx) => {
  const p = nipProblem(v);
  if (p) ctx.addIssue(customIssue(msg(`nip.${p}`)));
});

export const passwordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

export const loginSchema = z.strictObject({
  // the login form is lenient on format: a wrong NIP is just a failed login
  nip: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(PASSWORD_MAX)
});

export const passwordChangeSchema = z.strictObject({
  current: z.string().min(1).max(PASSWORD_MAX),
  next: passwordSchema
});

export const roleSchema = z.enum(ROLES);
export const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('region'), region: z.string().trim().min(1).max(60) }),
  z.strictObject({ kind: z.literal('venue'), venueId: z.number().int().positive() })
]);
export type ScopeInput = z.infer<typeof scopeSchema>;

const name = z.string().trim().min(1).max(120);
const optionalText = z.string().trim().max(120).nullable().optional();

export const userCreateSchema = z.strictObject({
  nip: userNipSchema,
  name,
  jabatan: optionalText,
  instansi: optionalText,
  roles: z.array(roleSchema).min(1).max(ROLES.length),
  scopes: z.array(scopeSchema).max(50).default([]),
  password: passwordSchema
});
export type UserCreateInput = z.input<typeof userCreateSchema>;

export const userUpdateSchema = z.strictObject({
  name: name.optional(),
  jabatan: optionalText,
  instansi: optionalText,
  roles: z.array(roleSchema).min(1).max(ROLES.length).optional(),
  scopes: z.array(scopeSchema).max(50).optional(),
  active: z.boolean().optional()
});
export type UserUpdateInput = z.input<typeof userUpdateSchema>;

export const passwordResetSchema = z.strictObject({ password: passwordSchema });

export const idParamSchema = urlId();

export const enrollmentCreateSchema = z.strictObject({
  /** the seats to make codes for; empty = every seat of the room without a token */
  stationIds: z.array(z.number().int().positive()).max(1000).default([]),
  ttlMin: z.number().int().min(5).max(ENROLLMENT_TTL_MIN.max).default(ENROLLMENT_TTL_MIN.default)
});

export const seatCreateSchema = z.strictObject({
  code: z.string().trim().min(1).max(16).refine((v) => /^[A-Za-z0-9-]+$/.test(v), customIssue(msg('issue.seatCode'))),
  row: z.number().int().min(1).max(100),
  col: z.number().int().min(1).max(100),
  spare: z.boolean().default(false)
});

export const enrollSchema = z.strictObject({
  code: z.string().trim().toUpperCase().transform((s) => s.replace(/[\s-]/g, '')).pipe(z.string().regex(new RegExp(`^[${CODE_ALPHABET}]{8}$`), 'enrollment code: 8 characters')),
  hostname: z.string().trim().max(100).optional()
});

/** session:activity carries nothing */
export const sessionActivitySchema = z.strictObject({});

export const auditQuerySchema = z.strictObject({
  userId: urlId().optional(),
  venueId: urlId().optional(),
  action: z.string().trim().max(60).regex(/^[a-z_.]*$/).optional(),
  from: urlInt(0, Number.MAX_SAFE_INTEGER).optional(),
  to: urlInt(0, Number.MAX_SAFE_INTEGER).optional(),
  /** page backwards: rows with id below this */
  before: urlId().optional(),
  limit: urlInt(1, 500).default(100)
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

// ---------------------------------------------------------------- responses

/** A venue as the routes name it: its kind (SE BKN 6/2026 §5.b) and the zone its times are shown in. */
export type VenueRef = { id: number; code: string; name: string; region: string | null; kind: VenueKind; timeZone: VenueTimeZone };

export type ScopeView = { kind: 'all' } | { kind: 'region'; region: string } | { kind: 'venue'; venueId: number; venueName: string };

/** Who a user is and what they were given: shared by Me and the admin's UserRow. */
export type UserIdentity = {
  id: number;
  nip: string;
  name: string;
  jabatan: string | null;
  instansi: string | null;
  roles: Role[];
  scopes: ScopeView[];
};

export type Me = UserIdentity & {
  capabilities: Capability[];
  /** the venues this user may see, resolved from the scopes */
  national: boolean;
  venues: VenueRef[];
};

export type SessionMeta = { csrfToken: string; expiresAt: number; idleTimeoutMs: number };

export type LoginResponse = { ok: true; user: Me } & SessionMeta;
export type MeResponse = LoginResponse;

export type DemoAccount = { nip: string; name: string; roles: Role[]; password: string; note: string };

export type UserRow = UserIdentity & {
  active: boolean;
  demo: boolean;
  /** the account itself is locked until then (lockoutAfter failures in a row from anywhere) */
  lockedUntil: number | null;
  /**
   * logins are refused until then by the NIP+address limiter (5 wrong passwords from one address
   * within 15 minutes hold that address for 15 minutes), although the account is not locked
   */
  loginHeldUntil: number | null;
  /** the addresses held */
  loginHeldFrom: string[];
  lastLoginAt: number | null;
  createdAt: number;
};

export type StationTokenRow = {
  id: number;
  code: string;
  row: number;
  col: number;
  spare: boolean;
  enrolled: boolean;
  /** first 8 hex characters of the token hash: enough to tell tokens apart, useless to an attacker */
  fingerprint: string | null;
  tokenIssuedAt: number | null;
  tokenRevokedAt: number | null;
  online: boolean;
  lastSeenAt: number | null;
  agentVersion: string | null;
  /** the computer name the agent gave when it enrolled (which physical PC holds the token) */
  hostname: string | null;
  /** an unused, unexpired enrollment code exists (its value was shown once) */
  pendingCodeExpiresAt: number | null;
};

export type EnrollmentCode = { stationId: number; stationCode: string; code: string; expiresAt: number };

export type EnrollResponse = { ok: true; token: string; stationId: number; stationCode: string; roomId: number; roomName: string; venueName: string };

export type AuditRow = {
  id: number;
  at: number;
  actorId: number | null;
  actorNip: string | null;
  actorName: string | null;
  actorRole: string;
  ip: string | null;
  venueId: number | null;
  venueName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** the target named (participant name and NIP, station code, room name, session code, user name …), resolved when read; null when unknown */
  target: AuditName | null;
  before: unknown;
  after: unknown;
};
/** `refs`: names of the things the page's rows mention (targets, station actors, ids inside before/after), by kind and id */
export type AuditPage = { ok: true; rows: AuditRow[]; nextBefore: number | null; refs: AuditRefs };

export type ParticipantRow = {
  id: number;
  nip: string;
  name: string;
  jabatan: string | null;
  instansi: string | null;
  nomorPeserta: string | null;
  stationCode: string | null;
  /** the room's current session only: the PC they are logged in at, and what contradicts the desk */
  loginStationCode?: string | null;
  integrity?: import('../events.ts').IntegrityKind[];
};

