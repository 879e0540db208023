/**
 * The registration desk (Pasal 14(2)): participant import, attendance, arrivals and absences, seats;
 * server/session/registration.service.ts.
 */
import express from 'express';
import { templateCsv } from '../domain/participant-import.ts';
import { IMPORT_LIMITS } from '../../protocol/index.ts';
import { ROUTES } from '../../protocol/routes.ts';
import { attendanceOf, checkIn, importFile, markAbsent, seat, sendBack } from '../session/registration.service.ts';
import { appendAudit } from '../../db/queries/audit.ts';
import { can } from '../auth/principal.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { reject, route, SENT } from './route.ts';
import { actOf, agencyLimit, locals, withSession } from './session-access.ts';
import { principalOf, requireCap } from './auth.middleware.ts';
import { importForActivity } from '../activity/activity-import.service.ts';
import { sessionExport } from '../session/export.service.ts';
import { msg, wireMsg } from '../../protocol/messages/index.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** the import file comes as the raw body; anything else is refused before it is read */
const rawFile = express.raw({ type: ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', XLSX, 'application/octet-stream'], limit: IMPORT_LIMITS.maxBytes });

export function registrationRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();
  let importing = false;

  // the file is read first, then the session: its state is the one at the moment of import
  route(r, ROUTES.participantImport, [requireCap('registration.manage'), rawFile, ...withSession(deps, 'registration.manage')])(async ({ body }, req, res) => {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      return reject('INVALID_PAYLOAD', wireMsg(msg('import.sendFile')));
    }
    // one import at a time: parsing a workbook takes the CPU for a moment, and the rooms' heartbeats come first
    if (importing) return reject('RATE_LIMITED', { ...wireMsg(msg('import.busy')), retryAfterSec: 2 });
    const { ref, act, principal } = locals(res);
    importing = true;
    let out: Awaited<ReturnType<typeof importFile>>;
    try {
      out = await importFile(deps, act, ref, body, req.get('content-type'), agencyLimit(principal));
    } finally {
      importing = false;
    }
    return out;
  });

  // one file for a whole activity (Pasal 8(3)), spread over its sessions; the same one-at-a-time gate
  route(r, ROUTES.activityParticipantImport, [requireCap('registration.manage'), rawFile])(async ({ params, body }, req, res) => {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      return reject('INVALID_PAYLOAD', wireMsg(msg('import.sendFile')));
    }
    if (importing) return reject('RATE_LIMITED', { ...wireMsg(msg('import.busy')), retryAfterSec: 2 });
    const p = principalOf(res)!;
    importing = true;
    try {
      return await importForActivity(deps, p, actOf(req, p), params.id, body, req.get('content-type'), agencyLimit(p));
    } finally {
      importing = false;
    }
  });

  // the session's lists as spreadsheets: the incidents need the room's view; the operator gets its own people
  route(r, ROUTES.sessionExport, withSession(deps, 'participant.view'))(async ({ query }, _req, res) => {
    const { ref, act, principal } = locals(res);
    if (query.what === 'incidents' && !can(principal, 'room.view')) return reject('FORBIDDEN');
    const file = await sessionExport(deps, act, ref, query.what, query.format, agencyLimit(principal));
    res.set({ 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"` });
    res.send(file.body);
    return SENT;
  });

  route(r, ROUTES.participantTemplate, withSession(deps, 'registration.manage'))((_in, _req, res) => {
    res.set({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="template-peserta.csv"' });
    res.send(templateCsv());
    return SENT;
  });

  route(r, ROUTES.attendance, withSession(deps, 'participant.view'))((_in, _req, res) => {
    const { ref, principal, act } = locals(res);
    const agency = agencyLimit(principal);
    const body = attendanceOf(deps, ref, agency);
    // reading civil servants' personal data is itself accountable (Pasal 3)
    appendAudit(ctx.db, act.actor, { action: 'participant.list_viewed', venueId: ref.venueId, targetType: 'session', targetId: ref.session.id, after: { participants: body.rows.length, agency: agency ?? null, via: 'registration' } });
    return { ok: true, ...body };
  });

  route(r, ROUTES.checkIn, withSession(deps, 'registration.manage'))(({ params, body }, _req, res) => {
    const { ref, act, principal } = locals(res);
    // seating is participant.control: an agency operator registers, the Tim Penyelenggara seats
    if (body.stationId != null && !can(principal, 'participant.control')) {
      return reject('FORBIDDEN', wireMsg(msg('seat.needsControl')));
    }
    return checkIn(deps, act, ref, params.pid, body, agencyLimit(principal));
  });

  route(r, ROUTES.markAbsent, withSession(deps, 'registration.manage'))(({ params, body }, _req, res) => {
    const { ref, act, principal } = locals(res);
    return markAbsent(deps, act, ref, params.pid, body.note, agencyLimit(principal));
  });

  route(r, ROUTES.seat, withSession(deps, 'participant.control'))(({ params, body }, _req, res) => {
    const { ref, act } = locals(res);
    return seat(deps, act, ref, params.pid, body.stationId, body.reason || undefined);
  });

  // a login at another PC than the seat: send the participant back (the other way is `seat` with a reason)
  route(r, ROUTES.sendBack, withSession(deps, 'participant.control'))(({ params, body }, _req, res) => {
    const { ref, act } = locals(res);
    return sendBack(deps, act, ref, params.pid, body.stationId, body.note || undefined);
  });

  return r;
}
