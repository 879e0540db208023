/**
 * Type-level tests of the socket contract, run by the type check (svelte-check covers tests/**),
 * never by vitest: nothing here is executed. Each `@ts-expect-error` marks a line that must NOT
 * compile; if it ever compiles, the directive itself is reported as unused and the check fails.
 * What is pinned down:
 *  - the schema maps (protocol/schemas/socket-maps.ts) name every inbound event of their namespace,
 *    nothing else, and each schema outputs exactly that event's payload type;
 *  - `socketEdge(socket, SCHEMAS, …)` only takes the map of the socket's own namespace;
 *  - its `on(event, fn)` only takes that namespace's event names, hands `fn` that event's payload
 *    and requires `fn` to return (or resolve to) that event's ack.
 */
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type {
  Ack, AckError, DashboardClientEvents, DashboardServerEvents, DashboardSocketData, EventAck, EventPayload, HelloAck, HelloPayload, RoomSnapshot,
  StationClientEvents, StationDetail, StationServerEvents, StationSocketData
} from '../../protocol/index.ts';
import {
  DASHBOARD_SCHEMAS, STATION_SCHEMAS, heartbeatSchema, roomRefSchema, stationRefSchema,
  type AllTrue, type SchemaExactness, type SocketSchemaMap
} from '../../protocol/schemas/index.ts';
import { fail, socketEdge, type EdgeStats, type On } from '../../server/sockets/validate.ts';
import type { Logger } from '../../server/log.ts';

declare const stats: EdgeStats;
declare const log: Logger;
declare const stationSocket: Socket<StationClientEvents, StationServerEvents, Record<string, never>, StationSocketData>;
declare const dashboardSocket: Socket<DashboardClientEvents, DashboardServerEvents, Record<string, never>, DashboardSocketData>;
declare const snapshot: RoomSnapshot;
declare const detail: StationDetail;

/** Compiles only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const same = <A, B>(ok: Equal<A, B>) => ok;

// ---------------------------------------------------------------- the event map helpers

same<EventPayload<StationClientEvents, 'station:hello'>, HelloPayload>(true);
same<EventAck<StationClientEvents, 'station:hello'>, HelloAck>(true);
same<EventPayload<DashboardClientEvents, 'room:join'>, { roomId: number }>(true);
same<EventAck<DashboardClientEvents, 'room:join'>, Ack<{ snapshot: RoomSnapshot }>>(true);
// @ts-expect-error the payload of room:join is not station:detail's
same<EventPayload<DashboardClientEvents, 'room:join'>, { stationId: number }>(true);
// @ts-expect-error the ack of room:join carries a snapshot, not a detail
same<EventAck<DashboardClientEvents, 'room:join'>, Ack<{ detail: StationDetail }>>(true);

// ---------------------------------------------------------------- schema maps

// the real maps: exact for every event (the `true` map compiles; a `false` entry would not)
export type StationExact = AllTrue<SchemaExactness<StationClientEvents, typeof STATION_SCHEMAS>>;
export type DashboardExact = AllTrue<SchemaExactness<DashboardClientEvents, typeof DASHBOARD_SCHEMAS>>;
same<z.output<(typeof DASHBOARD_SCHEMAS)['station:detail']>, { stationId: number }>(true);

export function schemaMaps() {
  // a map with another event's schema for room:join
  // @ts-expect-error roomRef ≠ stationRef: station:detail's schema cannot parse room:join
  const wrongSchema = { ...DASHBOARD_SCHEMAS, 'room:join': stationRefSchema } satisfies SocketSchemaMap<DashboardClientEvents>;

  // a station schema on a station event of the wrong kind
  // @ts-expect-error heartbeat's schema does not output hello's payload
  const wrongStation = { ...STATION_SCHEMAS, 'station:hello': heartbeatSchema } satisfies SocketSchemaMap<StationClientEvents>;

  // an event the namespace does not have
  // @ts-expect-error 'room:nonsense' is not a dashboard event
  const unknownEvent = { ...DASHBOARD_SCHEMAS, 'room:nonsense': roomRefSchema } satisfies SocketSchemaMap<DashboardClientEvents>;

  // an event left out
  const { 'station:probe': _probe, ...withoutProbe } = DASHBOARD_SCHEMAS;
  // @ts-expect-error station:probe has no schema
  const missing = withoutProbe satisfies SocketSchemaMap<DashboardClientEvents>;

  // a schema whose output is wider than the payload (an extra field) passes `satisfies` …
  const wider = { ...DASHBOARD_SCHEMAS, 'room:join': roomRefSchema.extend({ stationId: stationRefSchema.shape.stationId }) } satisfies SocketSchemaMap<DashboardClientEvents>;
  // @ts-expect-error … but not the exactness check
  type WiderExact = AllTrue<SchemaExactness<DashboardClientEvents, typeof wider>>;

  // a schema that makes a required field optional: same
  const looser = { ...DASHBOARD_SCHEMAS, 'room:leave': roomRefSchema.partial() };
  // @ts-expect-error { roomId?: number } is not { roomId: number }
  const looserMap = looser satisfies SocketSchemaMap<DashboardClientEvents>;

  return [wrongSchema, wrongStation, unknownEvent, missing, wider, looserMap];
}

// ---------------------------------------------------------------- socketEdge and on()

export function registration() {
  const onDashboard: On<DashboardClientEvents> = socketEdge(dashboardSocket, DASHBOARD_SCHEMAS, { stats, log });
  const onStation: On<StationClientEvents> = socketEdge(stationSocket, STATION_SCHEMAS, { stats, log, versioned: true });

  // @ts-expect-error the station map on a dashboard socket
  socketEdge(dashboardSocket, STATION_SCHEMAS, { stats, log });
  // @ts-expect-error the dashboard map on a station socket
  socketEdge(stationSocket, DASHBOARD_SCHEMAS, { stats, log });

  // positive: the payload is the event's, the return value its ack — plain, failed, or async
  onDashboard('room:join', ({ roomId }) => (roomId > 0 ? { ok: true, snapshot } : fail('NOT_FOUND')));
  onDashboard('station:detail', async ({ stationId }) => ({ ok: true, detail: stationId ? detail : detail }));
  onDashboard('session:activity', () => ({ ok: true, idleExpiresAt: 0 }));
  onStation('station:hello', (p) => {
    same<typeof p, HelloPayload>(true);
    return { ok: true, stationId: 1, code: p.stream, roomId: 1, heartbeatMs: 1000, lastApplied: 0, serverTime: p.t };
  });
  onStation('station:events', async (p) => (p.events.length ? { ok: true, applied: p.events[0].seq } : fail('INVALID_PAYLOAD')));
  onStation('station:heartbeat', (p): AckError | { ok: true } => (p.v === 1 ? { ok: true } : fail('UNSUPPORTED_VERSION')));

  // unknown event names
  // @ts-expect-error no such dashboard event
  onDashboard('room:nonsense', () => ({ ok: true }));
  // @ts-expect-error a station event is not a dashboard event
  onDashboard('station:hello', () => ({ ok: true }));
  // @ts-expect-error station:probe is a dashboard request (and a server → station emit), not something a station sends
  onStation('station:probe', () => ({ ok: true, probeId: 'x' }));

  // the payload is the event's own
  // @ts-expect-error station:detail carries a stationId, not a roomId
  onDashboard('station:detail', ({ roomId }) => ({ ok: true, detail: roomId ? detail : detail }));

  // wrong ack shapes
  // @ts-expect-error room:join must answer with the snapshot
  onDashboard('room:join', () => ({ ok: true }));
  // @ts-expect-error room:join's ack is not station:probe's
  onDashboard('room:join', () => ({ ok: true, probeId: 'x' }));
  // @ts-expect-error an async handler must resolve to the ack too
  onDashboard('room:probe-all', async () => ({ ok: true, probeId: 'x' }));
  // @ts-expect-error `applied` is a number
  onStation('station:events', () => ({ ok: true, applied: 'all' }));
  // @ts-expect-error an error ack needs a known code
  onStation('station:heartbeat', () => ({ ok: false, code: 'NOPE', message: 'x' }));
  // @ts-expect-error a handler must answer: an ack callback without a body is not an ack
  onDashboard('room:leave', () => {});
}
