/**
 * /dashboard namespace: a signed-in proctor's browser joins a room, gets one snapshot, then
 * receives the room's coalesced deltas (see RoomHub.flush). Requests are answered with
 * { ok, ... } acks. Every handler states the capability it needs and the venue it touches;
 * `guard` checks both (and that the session is still alive) before anything else runs.
 */
import { appendAudit, type AuditEntry } from '../../db/queries/audit.ts';
import type { Db } from '../../db/client.ts';
import { actorOf, can, seesRoom, type Principal } from '../auth/principal.ts';
import type { SessionEnd, SessionService } from '../auth/session.service.ts';
import type { RoomHub } from '../live/room-hub.ts';
import type { Logger } from '../log.ts';
import { type AckError, type Capability } from '../../protocol/index.ts';
import { msg, type TargetKind } from '../../protocol/messages/index.ts';
import { DASHBOARD_SCHEMAS } from '../../protocol/schemas/index.ts';
import { roomChannel, type DashboardNs, type Emitter } from '../realtime/emitter.ts';
import { principals } from './dashboard-auth.ts';
import { activityRoomIds } from '../../db/queries/activities.ts';
import { agencyOperatorOf } from '../auth/principal.ts';

type RoomScope = { id: number; venueId: number };
import { fail, socketEdge, type EdgeStats } from './validate.ts';
import type { VenueBoard } from '../live/board.ts';
import { registerBoardHandlers } from './board.handlers.ts';

export type DashboardDeps = { db: Db; hub: RoomHub; board: VenueBoard; sessions: SessionService; emitter: Emitter; stats: EdgeStats; log: Logger };

export function registerDashboardHandlers(ns: DashboardNs, deps: DashboardDeps) {
  const { db, hub, board, sessions, emitter, stats, log } = deps;
  ns.on('connection', (socket) => {
    const p = principals.get(socket) as Principal;
    const ip = socket.handshake.address;
    // an event the map does not name answers UNKNOWN_EVENT
    const on = socketEdge(socket, DASHBOARD_SCHEMAS, { stats, log });
    // the coordinator board's events, on the same edge
    registerBoardHandlers(socket, p, on, { board, sessions, emitter });

    /**
     * null when allowed; otherwise the error ack. Unknown things answer NOT_FOUND before scope is
     * looked at. A room outside the scope loaded at connection is looked up again: an activity's
     * team may have been given the room since (an assignment is a scope).
     */
    const guard = (cap: Capability, room: RoomScope | undefined, what: { kind: TargetKind; id: number }): AckError | null => {
      // an act in the room is activity: it keeps the session from idling out
      const live = sessions.resolveId(p.sessionId, Date.now(), true);
      if (!live.ok) return endedNow(live.reason);
      if (!can(p, cap)) return fail('FORBIDDEN', msg('role.mayNot', { capability: cap }));
      if (room === undefined) return fail('NOT_FOUND', msg('target.notFound', what));
      if (!seesRoom(p, room) && !seesRoom(refreshRooms(), room)) return fail('FORBIDDEN', msg('target.outsideScope', what));
      return null;
    };
    /** The session ended: answer first (the ack goes out when the handler returns), then close. */
    const endedNow = (reason: SessionEnd | 'unknown') => {
      queueMicrotask(() => emitter.endSessions([p.sessionId], reason === 'unknown' ? 'revoked' : reason));
      return fail('UNAUTHORIZED', msg('auth.sessionEnded'));
    };
    const roomScope = (roomId: number): RoomScope | undefined => {
      const info = hub.rooms.get(roomId)?.info;
      return info && { id: info.id, venueId: info.venueId };
    };
    const stationRoom = (stationId: number): RoomScope | undefined => {
      const info = hub.stations.get(stationId)?.room.info;
      return info && { id: info.id, venueId: info.venueId };
    };
    const refreshRooms = () => {
      p.roomIds = activityRoomIds(db, p.user.id, new Date().toISOString().slice(0, 10), agencyOperatorOf(p.roles, [...p.caps], p.user));
      return p;
    };
    const audit = (e: AuditEntry) => appendAudit(db, actorOf(p, ip), e);

    on('room:join', ({ roomId }) => {
      const refused = guard('room.view', roomScope(roomId), { kind: 'room', id: roomId });
      if (refused) return refused;
      const snapshot = hub.snapshot(roomId)!;
      // Join before answering, so no delta between snapshot and join is missed.
      socket.join(roomChannel(roomId));
      return { ok: true, snapshot };
    });

    on('room:leave', ({ roomId }) => {
      socket.leave(roomChannel(roomId));
      return { ok: true };
    });

    on('station:detail', async ({ stationId }) => {
      const refused = guard('room.view', stationRoom(stationId), { kind: 'station', id: stationId });
      if (refused) return refused;
      return { ok: true, detail: (await hub.detail(stationId))! };
    });

    on('station:ack-attention', async ({ stationId }) => {
      const room = stationRoom(stationId);
      const refused = guard('station.ack', room, { kind: 'station', id: stationId });
      if (refused) return refused;
      const venueId = room!.venueId;
      // the markers shown are stored before they are acknowledged
      await hub.writer.durable();
      const st = hub.stations.get(stationId)!;
      const before = st.view.attention.map((a) => a.kind);
      db.transaction(() => {
        hub.acknowledge(stationId, p.user.nip);
        audit({ action: 'station.attention_acknowledged', venueId, targetType: 'station', targetId: stationId, before: { code: st.view.code, attention: before } });
      });
      return { ok: true };
    });

    on('station:probe', ({ stationId }) => {
      const room = stationRoom(stationId);
      const refused = guard('station.probe', room, { kind: 'station', id: stationId });
      if (refused) return refused;
      const venueId = room!.venueId;
      const r = hub.requestProbe(stationId);
      if (!r.ok) return fail(r.code, r.msg);
      audit({ action: 'station.probe_requested', venueId, targetType: 'station', targetId: stationId, after: { probeId: r.probeId } });
      return r;
    });

    on('room:probe-all', ({ roomId }) => {
      const room = roomScope(roomId);
      const refused = guard('station.probe', room, { kind: 'room', id: roomId });
      if (refused) return refused;
      const venueId = room!.venueId;
      const r = hub.requestRoomProbes(roomId);
      if (!r.ok) return fail(r.code, r.msg);
      audit({ action: 'room.probe_requested', venueId, targetType: 'room', targetId: roomId, after: { stations: r.count } });
      return r;
    });

    on('session:activity', () => {
      const live = sessions.resolveId(p.sessionId, Date.now(), true);
      if (!live.ok) return endedNow(live.reason);
      return { ok: true, idleExpiresAt: live.session.lastSeenAt + sessions.idleMs };
    });
  });
}
