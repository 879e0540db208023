/**
 * The one place where domain events become socket.io emits (cf. immich's websocket repository).
 * Handlers never emit to other sockets themselves; the hub calls these. With the Redis streams
 * adapter later, these same calls fan out across nodes unchanged.
 */
import type { Namespace } from 'socket.io';
import type {
  DashboardClientEvents, DashboardServerEvents, DashboardSocketData, StationClientEvents, StationPatch,
  StationServerEvents, StationSocketData, TelemetryEntry
} from '../protocol/index.ts';

export type DashboardNs = Namespace<DashboardClientEvents, DashboardServerEvents, Record<string, never>, DashboardSocketData>;
export type StationNs = Namespace<StationClientEvents, StationServerEvents, Record<string, never>, StationSocketData>;

export const roomChannel = (roomId: number) => `room:${roomId}`;
export const stationChannel = (stationId: number) => `station:${stationId}`;

export interface Emitter {
  roomTelemetry(roomId: number, at: number, entries: TelemetryEntry[]): void;
  roomChanges(roomId: number, at: number, patches: StationPatch[]): void;
  stationProbe(stationId: number, id: string, bytes: number): void;
  disconnectStation(stationId: number): void;
}

export function socketEmitter(dashboards: DashboardNs, stations: StationNs): Emitter {
  return {
    // Telemetry is superseded every interval: a dashboard that is behind may drop it (volatile).
    roomTelemetry: (roomId, at, entries) => dashboards.to(roomChannel(roomId)).volatile.emit('room:telemetry', { roomId, at, entries }),
    roomChanges: (roomId, at, patches) => dashboards.to(roomChannel(roomId)).emit('room:changes', { roomId, at, patches }),
    stationProbe: (stationId, id, bytes) => stations.to(stationChannel(stationId)).emit('station:probe', { id, bytes }),
    disconnectStation: (stationId) => stations.in(stationChannel(stationId)).disconnectSockets(true)
  };
}
