/**
 * The coordinator board on /dashboard (Perban BKN 4/2024 Pasal 16): `board:join` answers the
 * venues of the caller's scope, ranked, at the board's current version, and joins the board's
 * channel, through which server/live/board.ts pushes `board:delta` at most once a second;
 * `board:leave` stops them. Registered by the dashboard handlers on each connection, with their
 * edge (`on`), so an event of the namespace is validated once.
 *
 * A board that reconnects (or finds a gap in the versions: protocol/board.ts applyDelta answers
 * `need: 'snapshot'`) sends `board:join` again and starts from the fresh snapshot.
 */
import type { Socket } from 'socket.io';
import { can, seesVenue, type Principal } from '../auth/principal.ts';
import type { SessionEnd, SessionService } from '../auth/session.service.ts';
import type { VenueBoard } from '../live/board.ts';
import type { DashboardClientEvents } from '../../protocol/index.ts';
import { msg } from '../../protocol/messages/index.ts';
import { BOARD_CHANNEL, type Emitter } from '../realtime/emitter.ts';
import { fail, type On } from './validate.ts';

export type BoardDeps = { board: VenueBoard; sessions: SessionService; emitter: Emitter };

export function registerBoardHandlers(socket: Socket, p: Principal, on: On<DashboardClientEvents>, deps: BoardDeps) {
  const { board, sessions, emitter } = deps;

  /** The session ended: answer first (the ack goes out when the handler returns), then close. */
  const endedNow = (reason: SessionEnd | 'unknown') => {
    queueMicrotask(() => emitter.endSessions([p.sessionId], reason === 'unknown' ? 'revoked' : reason));
    return fail('UNAUTHORIZED', msg('auth.sessionEnded'));
  };

  on('board:join', () => {
    // opening the board is activity: it keeps the session from idling out
    const live = sessions.resolveId(p.sessionId, Date.now(), true);
    if (!live.ok) return endedNow(live.reason);
    if (!can(p, 'board.view')) return fail('FORBIDDEN', msg('role.mayNot', { capability: 'board.view' }));
    // the channel and the board's record of this socket in the same turn as the snapshot: no version falls between
    socket.join(BOARD_CHANNEL);
    const snapshot = board.join(socket.id, (venueId) => seesVenue(p, venueId));
    return { ok: true, snapshot };
  });

  on('board:leave', () => {
    socket.leave(BOARD_CHANNEL);
    board.leave(socket.id);
    return { ok: true };
  });

  socket.on('disconnect', () => board.leave(socket.id));
}
