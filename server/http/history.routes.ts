/**
 * A room's session history (issue 10 item 5): every session of the room, newest first, with its
 * state, schedule and what it holds. The same door as the room's current session
 * (GET /api/rooms/:id/session): room.view or participant.view, then the room (404), then its venue
 * in the caller's scope (403). The records themselves are read through the session routes, which
 * check the session's venue again.
 */
import express from 'express';
import { roomWithVenue } from '../../db/queries/enrollment.ts';
import { countRoomSessions, roomSessionHistory } from '../../db/queries/session-history.ts';
import { seesVenue } from '../auth/principal.ts';
import { type SessionHistoryResponse } from '../../protocol/index.ts';
import { idParamSchema, sessionHistoryQuerySchema } from '../../protocol/schemas/index.ts';
import { principalOf, requireCap } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { parseOr400, sendError } from './errors.ts';

export function historyRouter(ctx: ApiContext) {
  const r = express.Router();

  r.get('/rooms/:id/sessions', requireCap('room.view', 'participant.view'), (req, res) => {
    const id = parseOr400(res, idParamSchema, req.params.id);
    if (id === null) return;
    const room = roomWithVenue(ctx.db, id);
    if (!room) return sendError(res, 'NOT_FOUND');
    if (!seesVenue(principalOf(res)!, room.venueId)) return sendError(res, 'FORBIDDEN');
    const q = parseOr400(res, sessionHistoryQuerySchema, req.query);
    if (!q) return;
    // the room's current session as the room page and GET /rooms/:id/session show it
    const currentId = ctx.hub.rooms.get(id)?.summary?.id ?? null;
    const body: SessionHistoryResponse = {
      ok: true,
      room: { id: room.id, code: room.code, name: room.name, venueName: room.venueName },
      currentId,
      sessions: roomSessionHistory(ctx.db, id, currentId, q),
      total: countRoomSessions(ctx.db, id)
    };
    res.json(body);
  });

  return r;
}
