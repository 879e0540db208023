/**
 * Which zod schema parses each inbound socket event, one map per namespace. The maps are checked
 * against the event maps of events.ts: every client → server event has exactly one schema, no
 * other name is accepted, and a schema's output type must be the event's payload type (both ways:
 * `satisfies` rejects an output that is not a payload, `SchemaExactness` rejects one that is
 * narrower or wider). The server registers its handlers through these maps (server/sockets/validate.ts
 * `socketEdge`), and the names it answers without UNKNOWN_EVENT are their keys.
 */
import type { z } from 'zod';
import type { DashboardClientEvents, EventPayload, StationClientEvents } from '../events.ts';
import { sessionActivitySchema } from './accounts.ts';
import {
  commandAckSchema, eventBatchSchema, heartbeatSchema, helloSchema, pinVerifySchema, probeResultSchema, roomRefSchema, stationRefSchema
} from './station.ts';

/** For every event of the map `E`, a schema whose output is (at least assignable to) its payload. */
export type SocketSchemaMap<E> = { readonly [K in keyof E]: z.ZodType<EventPayload<E, K>> };

/** true when A and B are the same type (not merely assignable one way). */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

/**
 * Per event, whether the schema of `M` outputs exactly its payload type: a schema that drops a
 * field the payload has, or makes a required one optional, is assignable one way only. Wrapped in
 * `AllTrue`, a `false` fails the type check and names the event.
 */
export type SchemaExactness<E, M extends SocketSchemaMap<E>> = { [K in keyof E]: Same<z.output<M[K]>, EventPayload<E, K>> };
export type AllTrue<T extends Record<PropertyKey, true>> = T;

export const STATION_SCHEMAS = {
  'station:hello': helloSchema,
  'station:heartbeat': heartbeatSchema,
  'station:events': eventBatchSchema,
  'station:probe-result': probeResultSchema,
  'station:pin-verify': pinVerifySchema,
  'station:command-ack': commandAckSchema
} as const satisfies SocketSchemaMap<StationClientEvents>;

export const DASHBOARD_SCHEMAS = {
  'room:join': roomRefSchema,
  'room:leave': roomRefSchema,
  'station:detail': stationRefSchema,
  'station:ack-attention': stationRefSchema,
  'station:probe': stationRefSchema,
  'room:probe-all': roomRefSchema,
  'session:activity': sessionActivitySchema,
  // no payload: the board is the caller's scope
  'board:join': sessionActivitySchema,
  'board:leave': sessionActivitySchema
} as const satisfies SocketSchemaMap<DashboardClientEvents>;

// compile-time only: each schema's output is its payload type, exactly
export type StationSchemasExact = AllTrue<SchemaExactness<StationClientEvents, typeof STATION_SCHEMAS>>;
export type DashboardSchemasExact = AllTrue<SchemaExactness<DashboardClientEvents, typeof DASHBOARD_SCHEMAS>>;
