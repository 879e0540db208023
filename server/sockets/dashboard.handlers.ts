/**
 * /dashboard namespace: a proctor's browser joins a room, gets one snapshot, then receives the
 * room's coalesced deltas (see RoomHub.flush). Requests are answered with { ok, ... } acks.
 * Access control per venue and role comes with the accounts issue; every handler here is the
 * single place to add it.
 */
import type { RoomHub } from '../live/room-hub.ts';
import type { Logger } from '../log.ts';
import { roomRefSchema, stationRefSchema, type DashboardClientEvents } from '../protocol/index.ts';
import { roomChannel, type DashboardNs } from '../realtime/emitter.ts';
import { fail, handler, rejectUnknown, type EdgeStats } from './validate.ts';

const EVENTS: (keyof DashboardClientEvents)[] = ['room:join', 'room:leave', 'station:detail', 'station:ack-attention', 'station:probe', 'room:probe-all'];

export function registerDashboardHandlers(ns: DashboardNs, hub: RoomHub, stats: EdgeStats, log: Logger) {
  ns.on('connection', (socket) => {
    const ctx = (event: string) => ({ event, stats, log });
    socket.onAny(rejectUnknown(EVENTS, stats, log));

    socket.on('room:join', handler(ctx('room:join'), roomRefSchema, ({ roomId }) => {
      const snapshot = hub.snapshot(roomId);
      if (!snapshot) return fail('NOT_FOUND', `room ${roomId} does not exist`);
      // Join before answering, so no delta between snapshot and join is missed.
      socket.join(roomChannel(roomId));
      return { ok: true as const, snapshot };
    }));

    socket.on('room:leave', handler(ctx('room:leave'), roomRefSchema, ({ roomId }) => {
      socket.leave(roomChannel(roomId));
      return { ok: true as const };
    }));

    socket.on('station:detail', handler(ctx('station:detail'), stationRefSchema, ({ stationId }) => {
      const detail = hub.detail(stationId);
      return detail ? { ok: true as const, detail } : fail('NOT_FOUND', `station ${stationId} does not exist`);
    }));

    socket.on('station:ack-attention', handler(ctx('station:ack-attention'), stationRefSchema, ({ stationId }) => {
      return hub.acknowledge(stationId, 'pengawas') ? { ok: true as const } : fail('NOT_FOUND', `station ${stationId} does not exist`);
    }));

    socket.on('station:probe', handler(ctx('station:probe'), stationRefSchema, ({ stationId }) => {
      const r = hub.requestProbe(stationId);
      return r.ok ? r : fail(r.code, r.message);
    }));

    socket.on('room:probe-all', handler(ctx('room:probe-all'), roomRefSchema, ({ roomId }) => {
      const r = hub.requestRoomProbes(roomId);
      return r.ok ? r : fail(r.code, r.message);
    }));
  });
}
