/** Rooms a user may see, and a room's participants (operator_instansi: its own agency's only). */
import express from 'express';
import { listVenuesWithRooms, roomParticipants } from '../../db/queries/rooms.ts';
import { appendAudit } from '../../db/queries/audit.ts';
import { actorOf, can } from '../auth/principal.ts';
import type { SessionStateName } from '../../protocol/index.ts';
import { ROUTES } from '../../protocol/routes.ts';
import { roomStatus } from '../live/room-status.ts';
import { venueDay } from '../domain/activity-rules.ts';
import { loginsOf } from '../live/logins.ts';
import { clientIp, principalOf, requireCap } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { reject, route } from './route.ts';
import { agencyLimit, roomOf, withRoom } from './session-access.ts';
import { msg, wireMsg } from '../../protocol/messages/index.ts';

export function roomsRouter({ db, hub }: ApiContext) {
  const r = express.Router();

  route(r, ROUTES.rooms, requireCap('room.view', 'participant.view'))((_in, _req, res) => {
    const p = principalOf(res)!;
    const now = Date.now();
    const venues = listVenuesWithRooms(db, p.national ? null : p.venueIds, p.roomIds, (zone) => venueDay(now, zone));
    // Who watches rooms sees each one's session stage and stations at a glance (from memory, no
    // per-station read), so a proctor with two rooms sees which one is in trouble; the list is
    // polled every few seconds.
    if (can(p, 'room.view')) {
      for (const v of venues) for (const room of v.rooms) {
        const live = hub.rooms.get(room.id);
        room.status = live ? roomStatus(live) : null;
      }
    }
    return { venues, at: now };
  });

  route(r, ROUTES.roomParticipants, withRoom(db, 'participant.view'))(({ query: q }, req, res) => {
    const p = principalOf(res)!;
    const room = roomOf(res);
    // Confidentiality (Perban BKN 4/2024 Pasal 3): an agency's operator sees its own people only;
    // the Tim Penyelenggara sees the whole roster. An operator without an agency sees no one.
    const onlyAgency = agencyLimit(p);
    // ?session=ID: one of the room's earlier (or later) sessions, from its history
    const list = roomParticipants(db, room.id, onlyAgency, q.session);
    if (q.session !== undefined && !list.session) {
      return reject('NOT_FOUND', wireMsg(msg('session.notInRoom')));
    }
    // Reading personal data of civil servants is itself accountable (Pasal 3): who read whose list.
    appendAudit(db, actorOf(p, clientIp(req)), {
      action: 'participant.list_viewed', venueId: room.venueId, targetType: 'room', targetId: room.id,
      after: { session: list.session?.code ?? null, participants: list.participants.length, agency: onlyAgency ?? null }
    });
    // the room's current session: where each one is logged in, and what the desk's record contradicts
    const live = hub.rooms.get(room.id);
    if (live && list.session && live.session?.id === list.session.id) {
      const logins = loginsOf(live, list.participants.map((x) => x.id));
      list.participants = list.participants.map((x) => ({ ...x, loginStationCode: logins.get(x.id)?.code ?? null, integrity: logins.get(x.id)?.integrity ?? [] }));
    }
    // the database holds only the states of SESSION_STATES (the lifecycle writes them)
    return { ok: true, room, participants: list.participants, session: list.session && { ...list.session, state: list.session.state as SessionStateName } };
  });

  return r;
}
