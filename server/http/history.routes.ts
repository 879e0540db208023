/**
 * A room's session history: every session of the room, newest first, with its state, schedule and
 * what it holds. The same door as the room's current session (GET /api/rooms/:id/session):
 * room.view or participant.view, then the room (404), then its venue in the caller's scope (403).
 * The records themselves are read through the session routes, which check the session's venue again.
 */
import express from 'express';
import { countRoomSessions, roomSessionHistory } from '../../db/queries/session-history.ts';
import { ROUTES } from '../../protocol/routes.ts';
import type { ApiContext } from './context.ts';
import { route } from './route.ts';
import { roomOf, withRoom } from './session-access.ts';

export function historyRouter(ctx: ApiContext) {
  const r = express.Router();

  route(r, ROUTES.roomSessions, withRoom(ctx.db, 'room.view', 'participant.view'))(({ query: q }, _req, res) => {
    const room = roomOf(res);
    // the room's current session as the room page and GET /rooms/:id/session show it
    const currentId = ctx.hub.rooms.get(room.id)?.summary?.id ?? null;
    return {
      ok: true,
      room: { id: room.id, code: room.code, name: room.name, venueName: room.venueName },
      currentId,
      sessions: roomSessionHistory(ctx.db, room.id, currentId, q),
      total: countRoomSessions(ctx.db, room.id)
    };
  });

  return r;
}
