/**
 * What every HTTP route's input is parsed with, by route key (the routes are in ../routes.ts).
 * server/http/route.ts parses, in this order and after the route's own access checks: each path
 * parameter, the query, the body; the first that fails answers 400 INVALID_PAYLOAD with its issues.
 *
 * Checked against the table at compile time: `satisfies RouteSchemaMap` wants a slot for every
 * route, a schema exactly where the route declares params, a query or a (JSON) body, and none
 * where it declares none; `SchemasMatch` then wants each body schema to accept exactly the body
 * the table declares (same fields, same types) and each query schema to yield exactly the
 * declared query, so a schema swapped or changed without the table does not compile.
 */
import { z } from 'zod';
import { urlInt } from './url-number.ts';
import type { AnyRoute, BodyOf, PathParamNames, QueryOf, RouteKey, Routes } from '../routes.ts';
import { SESSION_ACTIONS, SESSION_EXPORT_KINDS } from '../session.ts';
import {
  auditQuerySchema, enrollmentCreateSchema, enrollSchema, idParamSchema, loginSchema, passwordChangeSchema, passwordResetSchema,
  userCreateSchema, userUpdateSchema
} from './accounts.ts';
import { roomParticipantsQuerySchema, sessionHistoryQuerySchema } from './session-history.ts';
import {
  checkInSchema, checklistSaveSchema, incidentEditSchema, incidentQuerySchema, incidentSchema, loginPolicySchema, markAbsentSchema,
  participantActionSchema, finaliseSchema, pinIssueSchema, pinRevokeSchema, seatSchema, sendBackSchema, sessionTransitionSchema, visitorInSchema, visitorOutSchema
} from './session.ts';
import { msg, type Msg } from '../messages/index.ts';

/** POST /api/documents/:id/correct: the reason (the service asks for at least 10 characters) and signers put right */
const documentCorrectSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  signers: z.array(z.strictObject({ index: z.number().int().min(0).max(9), name: z.string().trim().min(1).max(120), nip: z.string().trim().max(30).nullable().optional() })).max(10).optional()
});
import { scheduleExportQuerySchema, scheduleQuerySchema } from './schedule.ts';
import { postponementSchema, resumeSchema } from './postponement.ts';
import { completionSchema } from './completion.ts';
import { evaluationIssueSchema, evaluationQuerySchema } from './evaluation.ts';
import { activityCreateSchema, lateRegistrationSchema, venueSettingsSchema, cancelSchema, dayOffSchema, daysOffQuerySchema, activityQuerySchema, activitySessionSchema, activityUpdateSchema, rescheduleSchema, teamAssignSchema } from './activity.ts';

/** GET /api/probe?bytes=N: how much to send (default 256 KiB, at most 8 MiB) */
const PROBE_BYTES = { min: 1024, max: 8 * 1024 * 1024 } as const;
export const probeQuerySchema = z.object({ bytes: urlInt(PROBE_BYTES.min, PROBE_BYTES.max).default(256 * 1024) });
/**
 * A document's verification code as typed: whatever it is, it is looked up (and not found when it
 * cannot be a code); only its length is bounded here.
 */
export const verifyCodeParamSchema = z.string().trim().min(1).max(40);
/** GET /api/sessions/:id/transition-preview?action=… */
export const transitionPreviewQuerySchema = z.object({ action: z.enum(SESSION_ACTIONS) });

// ---------------------------------------------------------------- what a slot must hold

type ParamSlot<R extends AnyRoute> = [PathParamNames<R['path']>] extends [never]
  ? { params?: undefined }
  : { params: { [N in PathParamNames<R['path']>]: z.ZodType<N extends 'code' ? string : number, unknown> } };
type QuerySlot<R extends AnyRoute> = QueryOf<R> extends undefined ? { query?: undefined } : { query: z.ZodType<QueryOf<R>, unknown> };
type BodySlot<R extends AnyRoute> = BodyOf<R> extends undefined
  ? { body?: undefined }
  : BodyOf<R> extends Blob
    ? { body?: undefined } // a raw body (a file): the handler reads it
    : {
        body: z.ZodType<unknown, BodyOf<R>>;
        /** no body at all is read as {} (a POST whose fields are all optional) */
        bodyMayBeAbsent?: true;
      };

export type RouteSchemas<R extends AnyRoute> = ParamSlot<R> & QuerySlot<R> & BodySlot<R> & {
  /** the 400's texts instead of the issues, for a route whose callers get a fixed message */
  invalid?: Msg;
};
export type RouteSchemaMap = { [K in RouteKey]: RouteSchemas<Routes[K]> };

/** Same fields, each type assignable both ways. */
type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;

type Drift<M extends RouteSchemaMap> = {
  [K in RouteKey]:
    | (M[K] extends { query: infer S extends z.ZodType } ? (Same<Partial<z.output<S>>, Partial<QueryOf<Routes[K]>>> extends true ? never : `${K}: query`) : never)
    | (M[K] extends { body: infer S extends z.ZodType } ? (Same<z.input<S>, BodyOf<Routes[K]>> extends true ? never : `${K}: body`) : never);
}[RouteKey];
/** true, or the routes whose schemas read something else than the table declares. */
export type SchemasMatch<M extends RouteSchemaMap> = [Drift<M>] extends [never] ? true : Drift<M>;

// ---------------------------------------------------------------- the map

const id = { id: idParamSchema };
const participant = { id: idParamSchema, pid: idParamSchema };

export const ROUTE_SCHEMAS = {
  health: {},
  metrics: {},
  probe: { query: probeQuerySchema, invalid: msg('probe.bytesRange', PROBE_BYTES) },
  enroll: { body: enrollSchema },

  login: { body: loginSchema },
  me: {},
  logout: {},
  logoutAll: {},
  passwordChange: { body: passwordChangeSchema },
  demoAccounts: {},
  venues: {},
  users: {},
  userCreate: { body: userCreateSchema },
  userUpdate: { params: id, body: userUpdateSchema },
  userPasswordReset: { params: id, body: passwordResetSchema },
  userUnlock: { params: id },
  audit: { query: auditQuerySchema },
  auditActions: {},

  rooms: {},
  roomParticipants: { params: id, query: roomParticipantsQuerySchema },
  roomStations: { params: id },
  enrollmentCodes: { params: id, body: enrollmentCreateSchema },
  stationRevoke: { params: id },

  roomSession: { params: id },
  roomSessions: { params: id, query: sessionHistoryQuerySchema },
  session: { params: id },
  transitionPreview: { params: id, query: transitionPreviewQuerySchema },
  sessionFinalise: { params: id, body: finaliseSchema },
  sessionExport: { params: id, query: z.object({ what: z.enum(SESSION_EXPORT_KINDS), format: z.enum(['csv', 'xlsx']) }) },
  transition: { params: id, body: sessionTransitionSchema },
  postpone: { params: id, body: postponementSchema },
  postponements: { params: id },
  postponementFollowUpDone: { params: { id: idParamSchema, fid: idParamSchema } },
  sessionResume: { params: id, body: resumeSchema },
  loginPolicy: { params: id, body: loginPolicySchema },

  pin: { params: id },
  pinIssue: { params: id, body: pinIssueSchema, bodyMayBeAbsent: true },
  pinRevoke: { params: id, body: pinRevokeSchema, bodyMayBeAbsent: true },
  pinAttempts: { params: id },
  pinUnlock: { params: { id: idParamSchema, stationId: idParamSchema } },

  checklist: { params: id },
  checklistSave: { params: id, body: checklistSaveSchema },

  participantImport: { params: id },
  participantTemplate: { params: id },
  attendance: { params: id },
  checkIn: { params: participant, body: checkInSchema },
  markAbsent: { params: participant, body: markAbsentSchema, bodyMayBeAbsent: true },
  seat: { params: participant, body: seatSchema },
  sendBack: { params: participant, body: sendBackSchema },
  completionList: { params: id },
  participantCompletion: { params: participant, body: completionSchema },

  visitors: { params: id },
  visitorIn: { params: id, body: visitorInSchema },
  visitorOut: { params: { id: idParamSchema, vid: idParamSchema }, body: visitorOutSchema, bodyMayBeAbsent: true },

  incidents: { params: id, query: incidentQuerySchema },
  incidentRecord: { params: id, body: incidentSchema },
  incidentEdit: { params: id, body: incidentEditSchema },
  incidentHistory: { params: id },

  actions: { params: id },
  actionRequest: { params: id, body: participantActionSchema },

  activities: { query: activityQuerySchema },
  activity: { params: id },
  activityCreate: { body: activityCreateSchema },
  activityUpdate: { params: id, body: activityUpdateSchema },
  activityAssign: { params: id, body: teamAssignSchema },
  activityUnassign: { params: { id: idParamSchema, userId: idParamSchema } },
  activitySessionCreate: { params: id, body: activitySessionSchema },
  sessionReschedule: { params: id, body: rescheduleSchema },
  sessionCancel: { params: id, body: cancelSchema },
  daysOff: { query: daysOffQuerySchema },
  dayOffAdd: { body: dayOffSchema },
  dayOffRemove: { params: id },
  activityCandidates: { params: id },
  activityParticipantImport: { params: id },
  sessionLateRegistration: { params: id, body: lateRegistrationSchema },
  venueSettings: { params: id, body: venueSettingsSchema },
  schedule: { query: scheduleQuerySchema },
  scheduleExport: { query: scheduleExportQuerySchema },

  sessionDocuments: { params: id },
  activityDocuments: { params: id },
  documentPdf: { params: id },
  documentHtml: { params: id },
  documentCorrect: { params: id, body: documentCorrectSchema },
  documentXlsx: { params: id },
  evaluation: { query: evaluationQuerySchema },
  evaluationDocuments: {},
  evaluationIssue: { body: evaluationIssueSchema },
  verifyDocument: { params: { code: verifyCodeParamSchema } },
  verifyUpload: { params: { code: verifyCodeParamSchema } }
} satisfies RouteSchemaMap;

true satisfies SchemasMatch<typeof ROUTE_SCHEMAS>;
