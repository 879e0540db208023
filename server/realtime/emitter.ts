/**
 * The one place where domain events become socket.io emits (cf. immich's websocket repository).
 * Handlers never emit to other sockets themselves; the hub calls these. With the Redis streams
 * adapter later, these same calls fan out across nodes unchanged.
 */
import type { Namespace } from 'socket.io';
import type { BoardDelta } from '../../protocol/board.ts';
import type {
  DashboardClientEvents, DashboardServerEvents, DashboardSocketData, SessionEndReason, StationClientEvents, StationCommand, StationPatch,
  StationServerEvents, StationSocketData, TelemetryEntry
} from '../../protocol/index.ts';

export type DashboardNs = Namespace<DashboardClientEvents, DashboardServerEvents, Record<string, never>, DashboardSocketData>;
export type StationNs = Namespace<StationClientEvents, StationServerEvents, Record<string, never>, StationSocketData>;

export const roomChannel = (roomId: number) => `room:${roomId}`;
export const stationChannel = (stationId: number) => `station:${stationId}`;
/** every dashboard socket joins the channels of its session and of its user */
export const sessionChannel = (sessionId: string) => `session:${sessionId}`;
export const userChannel = (userId: number) => `user:${userId}`;
/** every dashboard showing the coordinator board (server/live/board.ts) */
export const BOARD_CHANNEL = 'board';

/** What one room has to send in one flush. */
export type RoomDelta = { roomId: number; patches: StationPatch[]; entries: TelemetryEntry[] };

export interface Emitter {
  /** One flush: every room's coalesced changes and telemetry. */
  roomDeltas(at: number, deltas: RoomDelta[]): void;
  stationProbe(stationId: number, id: string, bytes: number): void;
  /** A room's session changed: its summary, and which lists to fetch again. */
  roomSession(roomId: number, p: Parameters<DashboardServerEvents['room:session']>[0]): void;
  /** A proctor's action for the participant at this station. */
  stationCommand(stationId: number, cmd: StationCommand): void;
  disconnectStation(stationId: number): void;
  /** Tell these sessions' dashboards why, then close them (logout, revocation, expiry). */
  endSessions(sessionIds: string[], reason: SessionEndReason): void;
  /** The same for every dashboard of a user (roles or scope changed: they reconnect). */
  endUserSockets(userId: number, reason: SessionEndReason): void;
  /**
   * One board version: each socket in the board channel gets the delta `deltaFor` cuts to its
   * scope (none when it gives null: a socket the board does not know).
   */
  boardDeltas(deltaFor: (socketId: string) => BoardDelta | null): void;
}

export function socketEmitter(dashboards: DashboardNs, stations: StationNs): Emitter {
  return {
    roomDeltas(at, deltas) {
      // Telemetry is superseded every flush, so a dashboard that has not yet drained the previous
      // flush (a slow laptop link) skips this one. That is decided once, before anything of this
      // flush is written: socket.io's own .volatile would also drop telemetry behind our own
      // room:changes, or behind another room's telemetry, of this very flush.
      const slow: string[] = [];
      for (const [id, s] of dashboards.sockets) if (!s.conn.transport.writable) slow.push(id);
      for (const d of deltas) {
        if (d.entries.length) dashboards.to(roomChannel(d.roomId)).except(slow).emit('room:telemetry', { roomId: d.roomId, at, entries: d.entries });
        if (d.patches.length) dashboards.to(roomChannel(d.roomId)).emit('room:changes', { roomId: d.roomId, at, patches: d.patches });
      }
    },
    stationProbe: (stationId, id, bytes) => stations.to(stationChannel(stationId)).emit('station:probe', { id, bytes }),
    roomSession: (roomId, p) => dashboards.to(roomChannel(roomId)).emit('room:session', p),
    stationCommand: (stationId, cmd) => stations.to(stationChannel(stationId)).emit('station:command', cmd),
    disconnectStation: (stationId) => stations.in(stationChannel(stationId)).disconnectSockets(true),
    endSessions(sessionIds, reason) {
      if (!sessionIds.length) return;
      const channels = sessionIds.map(sessionChannel);
      dashboards.to(channels).emit('session:ended', { reason });
      dashboards.in(channels).disconnectSockets(true);
    },
    endUserSockets(userId, reason) {
      dashboards.to(userChannel(userId)).emit('session:ended', { reason });
      dashboards.in(userChannel(userId)).disconnectSockets(true);
    },
    boardDeltas(deltaFor) {
      for (const id of dashboards.adapter.rooms.get(BOARD_CHANNEL) ?? []) {
        const delta = deltaFor(id);
        if (delta) dashboards.sockets.get(id)?.emit('board:delta', delta);
      }
    }
  };
}
