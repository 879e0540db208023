/**
 * Type-level tests of the HTTP route table (protocol/routes.ts), run by the type check
 * (svelte-check covers tests/**), never by vitest: nothing here is executed. Each
 * `@ts-expect-error` marks a line that must NOT compile; if it ever compiles, the directive itself
 * is reported as unused and the check fails. What is pinned down:
 *  - the schema map (protocol/schemas/routes.ts) has a slot for every route, a schema exactly where
 *    the route reads params, a query or a JSON body, and each schema reads exactly what the table
 *    declares (`satisfies RouteSchemaMap`, then `SchemasMatch`);
 *  - a server handler (server/http/route.ts) gets the route's parsed input and must return the
 *    route's answer, a failure, or SENT for a route that writes a file;
 *  - a web call (web/src/lib/api.ts) takes the route's params, query and body and resolves with
 *    its answer; the agent's enrollment uses the table's enroll route.
 */
import type { Router } from 'express';
import { z } from 'zod';
import type { SessionSummary, VisitorRow } from '../../protocol/index.ts';
import { ROUTES, routePath, type AnswerOf, type BodyOf, type ErrorOf, type ParamsOf, type QueryOf, type RoomParticipantsResponse } from '../../protocol/routes.ts';
import {
  ROUTE_SCHEMAS, idParamSchema, markAbsentSchema, pinRevokeSchema, sessionHistoryQuerySchema, visitorOutSchema,
  type RouteSchemaMap, type SchemasMatch
} from '../../protocol/schemas/index.ts';
import { reject, route, SENT } from '../../server/http/route.ts';
import { api } from '../../web/src/lib/api.ts';
import type { EnrollResponse } from '../../agent/enroll.ts';

declare const r: Router;
declare const summary: SessionSummary;
declare const visitor: VisitorRow;

/** Compiles only when A and B are assignable both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(ok: Same<A, B>) => ok;

// ---------------------------------------------------------------- reading the table

same<ParamsOf<typeof ROUTES.pinUnlock>, { id: number; stationId: number }>(true);
same<ParamsOf<typeof ROUTES.rooms>, {}>(true);
same<QueryOf<typeof ROUTES.roomSessions>, { limit?: number; offset?: number; session?: number }>(true);
same<QueryOf<typeof ROUTES.pin>, undefined>(true);
same<BodyOf<typeof ROUTES.seat>, { stationId: number; reason?: string }>(true);
same<BodyOf<typeof ROUTES.participantImport>, Blob>(true);
same<AnswerOf<typeof ROUTES.roomSession>, { ok: true; session: SessionSummary | null }>(true);
same<AnswerOf<typeof ROUTES.roomParticipants>, RoomParticipantsResponse>(true);
same<ErrorOf<typeof ROUTES.enroll>, import('../../protocol/index.ts').AckError>(true);
same<EnrollResponse, AnswerOf<typeof ROUTES.enroll>>(true);
const _key: 'seat' = ROUTES.seat.key;
const _path: string = routePath(ROUTES.visitorOut, { id: 1, vid: 2 });
// @ts-expect-error a path parameter missing
routePath(ROUTES.visitorOut, { id: 1 });

// ---------------------------------------------------------------- the schema map

true satisfies SchemasMatch<typeof ROUTE_SCHEMAS>;
ROUTE_SCHEMAS satisfies RouteSchemaMap;

// a body schema of another route, with no field in common
// @ts-expect-error
({ ...ROUTE_SCHEMAS, pinRevoke: { params: { id: idParamSchema }, body: markAbsentSchema } }) satisfies RouteSchemaMap;

// a body schema that accepts a field the table does not declare: the slot takes it, the exactness check does not
const wider = { ...ROUTE_SCHEMAS, visitorOut: { params: { id: idParamSchema, vid: idParamSchema }, body: visitorOutSchema.extend({ note: z.string().optional() }) } } satisfies RouteSchemaMap;
// @ts-expect-error
true satisfies SchemasMatch<typeof wider>;

// a body schema that lacks a field the table declares
const narrower = { ...ROUTE_SCHEMAS, pinRevoke: { params: { id: idParamSchema }, body: z.strictObject({}) } } satisfies RouteSchemaMap;
// @ts-expect-error
true satisfies SchemasMatch<typeof narrower>;

// a query schema of another route that shares one field (session) with the declared query
const otherQuery = { ...ROUTE_SCHEMAS, roomParticipants: { params: { id: idParamSchema }, query: sessionHistoryQuerySchema } } satisfies RouteSchemaMap;
// @ts-expect-error
true satisfies SchemasMatch<typeof otherQuery>;

// a path parameter without its schema
// @ts-expect-error
({ ...ROUTE_SCHEMAS, visitorOut: { params: { id: idParamSchema }, body: visitorOutSchema } }) satisfies RouteSchemaMap;

// a body schema on a route that reads no body, and on one whose body is a raw file
// @ts-expect-error
({ ...ROUTE_SCHEMAS, pin: { params: { id: idParamSchema }, body: pinRevokeSchema } }) satisfies RouteSchemaMap;
// @ts-expect-error
({ ...ROUTE_SCHEMAS, participantImport: { params: { id: idParamSchema }, body: pinRevokeSchema } }) satisfies RouteSchemaMap;

// a route without its slot
const { pin: _pin, ...withoutPin } = ROUTE_SCHEMAS;
// @ts-expect-error
withoutPin satisfies RouteSchemaMap;

// ---------------------------------------------------------------- server handlers

route(r, ROUTES.visitors, [])(() => ({ ok: true, visitors: [visitor] }));
route(r, ROUTES.roomSession, [])(async () => ({ ok: true, session: summary }));
route(r, ROUTES.checkIn, [])(({ params, body }) => {
  const pid: number = params.pid;
  const face: boolean = body.faceMatch;
  return pid && face ? reject('FORBIDDEN') : reject('NOT_FOUND');
});
route(r, ROUTES.roomSessions, [])(({ query }) => {
  // parsed: the defaults are filled in
  const limit: number = query.limit;
  return reject('NOT_FOUND', { retryAfterSec: limit });
});
route(r, ROUTES.participantTemplate, [])(() => SENT);

// @ts-expect-error the answer names its list `visitors`
route(r, ROUTES.visitors, [])(() => ({ ok: true, rows: [visitor] }));
// @ts-expect-error the session is a summary or null
route(r, ROUTES.roomSession, [])(async () => ({ ok: true, session: 3 }));
// @ts-expect-error the PIN is missing from the answer
route(r, ROUTES.pin, [])(async () => ({ ok: true }));
// @ts-expect-error a JSON route cannot claim it wrote its answer itself
route(r, ROUTES.pin, [])(() => SENT);
// @ts-expect-error a file route writes its file: an object is no answer
route(r, ROUTES.participantTemplate, [])(() => ({ ok: true }));
// @ts-expect-error the check-in route has no :vid
route(r, ROUTES.checkIn, [])(({ params }) => reject('NOT_FOUND', { retryAfterSec: params.vid }));
// @ts-expect-error the seat body has no `note`
route(r, ROUTES.seat, [])(({ body }) => reject('NOT_FOUND', { message: body.note }));

// ---------------------------------------------------------------- web calls

const participants: Promise<RoomParticipantsResponse> = api(ROUTES.roomParticipants, { params: { id: 1 }, query: { session: 2 } });
void participants;
void api(ROUTES.rooms, { background: true });
void api(ROUTES.pinRevoke, { params: { id: 1 } });
void api(ROUTES.checkIn, { params: { id: 1, pid: 2 }, body: { idCard: true, participantCard: true, faceMatch: true } });
void api(ROUTES.participantImport, { params: { id: 1 }, body: new Blob(['nip']) });
void api(ROUTES.roomSession, { params: { id: 1 } }).then((a) => a.session?.state);

// @ts-expect-error the seat body needs stationId
void api(ROUTES.seat, { params: { id: 1, pid: 2 }, body: { reason: 'pindah PC' } });
// @ts-expect-error not a session action
void api(ROUTES.transition, { params: { id: 1 }, body: { action: 'explode' } });
// @ts-expect-error a body field the route does not read
void api(ROUTES.visitorOut, { params: { id: 1, vid: 2 }, body: { outAt: 1, note: 'x' } });
// @ts-expect-error a route without a body takes none
void api(ROUTES.stationRevoke, { params: { id: 1 }, body: { reason: 'x' } });
// @ts-expect-error the path parameters are required
void api(ROUTES.pin);
// @ts-expect-error a parameter the path does not have
void api(ROUTES.pin, { params: { id: 1, pid: 2 } });
// @ts-expect-error the query's limit is a number
void api(ROUTES.roomSessions, { params: { id: 1 }, query: { limit: 'ten' } });
// @ts-expect-error the answer is typed: the room's session answer has no rows
void api(ROUTES.roomSession, { params: { id: 1 } }).then((a) => a.rows);
// @ts-expect-error a file route is a link, not an api() call
void api(ROUTES.participantTemplate, { params: { id: 1 } });
