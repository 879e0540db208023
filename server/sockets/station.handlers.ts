/**
 * /station namespace: agents authenticate with their station token (its sha-256 is looked up;
 * the token is never stored), then say hello, heartbeat, send participant events and probe results.
 * A token reports for its own station only: the station id comes from the token, never the payload.
 */
import { hashToken } from '../../db/queries/stations.ts';
import type { RoomHub } from '../live/room-hub.ts';
import type { Logger } from '../log.ts';
import { STATION_SCHEMAS } from '../../protocol/schemas/index.ts';
import { msg } from '../../protocol/messages/index.ts';
import { acknowledgeCommand, resendPending } from '../session/action.service.ts';
import type { SessionDeps } from '../session/context.ts';
import { verifyStationPin } from '../session/pin.service.ts';
import { stationChannel, type Emitter, type StationNs } from '../realtime/emitter.ts';
import { fail, socketEdge, type EdgeStats } from './validate.ts';

/**
 * socket.io's reasons for a disconnect that the agent's side caused: its process or PC went away
 * (transport close / error), it stopped answering pings, or it disconnected on purpose.
 */
const AGENT_SIDE_CLOSE: ReadonlySet<string> = new Set(['transport close', 'transport error', 'ping timeout', 'client namespace disconnect']);

export function registerStationHandlers(ns: StationNs, hub: RoomHub, emitter: Emitter, stats: EdgeStats, log: Logger, deps: SessionDeps) {
  ns.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown })?.token;
    const st = typeof token === 'string' && token.length <= 200 ? hub.stationByTokenHash(hashToken(token)) : undefined;
    if (!st) return next(new Error('UNAUTHORIZED'));
    socket.data.stationId = st.view.id;
    socket.data.roomId = st.room.info.id;
    next();
  });

  ns.on('connection', (socket) => {
    const st = hub.stations.get(socket.data.stationId)!;
    hub.stats.stationConnections++;
    // One live connection per station: a newer one (the agent restarted, or reconnected before the
    // old socket timed out) replaces the older.
    emitter.disconnectStation(st.view.id);
    socket.join(stationChannel(st.view.id));
    st.connId = socket.id;
    let greeted = false;

    socket.on('disconnect', (reason) => {
      if (st.connId !== socket.id) return;
      st.connId = null;
      // Closed from the agent's end: it is gone now, the room should not wait 3 heartbeats to know.
      // Closed by the server (replaced by a newer socket, the token revoked, shutting down): not.
      if (!greeted || !AGENT_SIDE_CLOSE.has(reason)) return;
      // a listener of socket.io's: nothing may be thrown out of it (the silence rule still catches the PC)
      try { hub.disconnected(st, Date.now()); } catch (err) { log.error({ err, stationId: st.view.id }, 'marking a closed station offline failed'); }
    });

    // every station payload carries `v`; an event the map does not name answers UNKNOWN_EVENT
    const on = socketEdge(socket, STATION_SCHEMAS, { stats, log, versioned: true });

    on('station:hello', (p) => {
      const { lastApplied } = hub.hello(st, p, Date.now());
      greeted = true;
      socket.data.stream = p.stream;
      // proctor actions it has not acknowledged (it was offline, or the ack was lost): again, after
      // the hello ack. The room view holds every pending action of the current session, so a
      // reconnect storm of stations with nothing pending costs no query.
      if (st.view.pending.length) queueMicrotask(() => {
        try { resendPending(deps, st.view.id); } catch (err) { log.error({ err, stationId: st.view.id }, 'resending pending commands failed'); }
      });
      return { ok: true, stationId: st.view.id, code: st.view.code, roomId: st.room.info.id, heartbeatMs: hub.cfg.heartbeatMs, lastApplied, serverTime: Date.now() };
    });

    const notGreeted = fail('NOT_READY', msg('station.helloFirst'));
    on('station:heartbeat', (p) => {
      if (!greeted) return notGreeted;
      hub.heartbeat(st, p, Date.now());
      return { ok: true };
    });

    on('station:events', (p) => {
      if (!greeted) return notGreeted;
      if (p.stream !== socket.data.stream) return fail('NOT_READY', msg('station.streamUnknown'));
      return hub.events(st, p.stream, p.events, Date.now()).then((r) => {
        if (r.ok) return r;
        if (r.code === 'SEQ_GAP') return fail('SEQ_GAP', msg('station.seqGap', { expected: r.expected }), { expected: r.expected });
        return fail(r.code, r.msg, { retryAfterSec: r.retryAfterSec });
      });
    });

    on('station:probe-result', (p) => {
      if (!greeted) return notGreeted;
      const r = hub.bandwidth(st, p.id, p.kbps, Date.now());
      return r.ok ? r : fail(r.code, r.msg);
    });

    // Pasal 14(1)i: the exam application checks the session PIN a participant typed, through us.
    on('station:pin-verify', (p) => {
      if (!greeted) return notGreeted;
      return verifyStationPin(deps, st.view.id, p);
    });

    on('station:command-ack', (p) => {
      if (!greeted) return notGreeted;
      const r = acknowledgeCommand(deps, st.view.id, p);
      return r.ok ? { ok: true } : fail(r.code, r.msg, { issues: r.issues });
    });
  });
}
