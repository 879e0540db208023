/** Rooms a user may see, and a room's participants (operator_instansi: its own agency's only). */
import express from 'express';
import { listVenuesWithRooms, roomParticipants } from '../../db/queries/rooms.ts';
import { roomWithVenue } from '../../db/queries/enrollment.ts';
import { appendAudit } from '../../db/queries/audit.ts';
import { actorOf, can, seesVenue } from '../auth/principal.ts';
import { type RoomListResponse } from '../../protocol/index.ts';
import { idParamSchema, roomParticipantsQuerySchema } from '../../protocol/schemas/index.ts';
import { roomStatus } from '../live/room-status.ts';
import { loginsOf } from '../live/logins.ts';
import { clientIp, principalOf, requireCap } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { parseOr400, sendError } from './errors.ts';

export function roomsRouter({ db, hub }: ApiContext) {
  const r = express.Router();

  r.get('/rooms', requireCap('room.view', 'participant.view'), (_req, res) => {
    const p = principalOf(res)!;
    const venues = listVenuesWithRooms(db, p.national ? null : p.venueIds);
    // Who watches rooms sees each one's session stage and stations at a glance (from memory, no
    // per-station read), so a proctor with two rooms sees which one is in trouble; the list is
    // polled every few seconds.
    if (can(p, 'room.view')) {
      for (const v of venues) for (const room of v.rooms) {
        const live = hub.rooms.get(room.id);
        room.status = live ? roomStatus(live) : null;
      }
    }
    const body: RoomListResponse = { venues, at: Date.now() };
    res.json(body);
  });

  r.get('/rooms/:id/participants', requireCap('participant.view'), (req, res) => {
    const p = principalOf(res)!;
    const id = parseOr400(res, idParamSchema, req.params.id);
    if (id === null) return;
    const room = roomWithVenue(db, id);
    if (!room) return sendError(res, 'NOT_FOUND');
    if (!seesVenue(p, room.venueId)) return sendError(res, 'FORBIDDEN');
    // ?session=ID: one of the room's earlier (or later) sessions, from its history (issue 10 item 5)
    const q = parseOr400(res, roomParticipantsQuerySchema, req.query);
    if (!q) return;
    // Confidentiality (Perban BKN 4/2024 Pasal 3): an agency's operator sees its own people only;
    // the Tim Penyelenggara sees the whole roster. An operator without an agency sees no one.
    const onlyAgency = p.roles.includes('operator_instansi') && !can(p, 'room.view') ? p.user.instansi : undefined;
    const list = roomParticipants(db, room.id, onlyAgency, q.session);
    if (q.session !== undefined && !list.session) {
      return sendError(res, 'NOT_FOUND', { message: 'no such session in this room', pesan: 'sesi tidak ditemukan di ruang ini' });
    }
    // Reading personal data of civil servants is itself accountable (Pasal 3): who read whose list.
    appendAudit(db, actorOf(p, clientIp(req)), {
      action: 'participant.list_viewed', venueId: room.venueId, targetType: 'room', targetId: room.id,
      after: { session: list.session?.code ?? null, participants: list.participants.length, agency: onlyAgency ?? null }
    });
    // the room's current session: where each one is logged in, and what the desk's record contradicts (issue 10)
    const live = hub.rooms.get(room.id);
    if (live && list.session && live.session?.id === list.session.id) {
      const logins = loginsOf(live, list.participants.map((x) => x.id));
      list.participants = list.participants.map((x) => ({ ...x, loginStationCode: logins.get(x.id)?.code ?? null, integrity: logins.get(x.id)?.integrity ?? [] }));
    }
    res.json({ ok: true, room, ...list });
  });

  return r;
}
