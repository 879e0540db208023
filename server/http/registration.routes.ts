/** The registration desk: participant import, attendance, seats, and others in the room (Pasal 14). */
import express from 'express';
import { templateCsv } from '../domain/participant-import.ts';
import { IMPORT_LIMITS } from '../../protocol/index.ts';
import { checkInSchema, idParamSchema, markAbsentSchema, seatSchema, sendBackSchema, visitorInSchema, visitorOutSchema } from '../../protocol/schemas/index.ts';
import { visitorIn, visitorLeft } from '../session/incident.service.ts';
import { attendanceOf, checkIn, importFile, markAbsent, seat, sendBack } from '../session/registration.service.ts';
import { listVisitors } from '../../db/queries/visitors.ts';
import { appendAudit } from '../../db/queries/audit.ts';
import { can } from '../auth/principal.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { parseOr400, sendError } from './errors.ts';
import { agencyLimit, locals, reply, withSession } from './session-access.ts';
import { requireCap } from './auth.middleware.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** the import file comes as the raw body; anything else is refused before it is read */
const rawFile = express.raw({ type: ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', XLSX, 'application/octet-stream'], limit: IMPORT_LIMITS.maxBytes });

export function registrationRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();
  const pid = (req: express.Request, res: express.Response) => parseOr400(res, idParamSchema, req.params.pid);
  let importing = false;

  // the file is read first, then the session: its state is the one at the moment of import
  r.post('/sessions/:id/participants/import', requireCap('registration.manage'), rawFile, ...withSession(deps, 'registration.manage'), async (req, res) => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
      return sendError(res, 'INVALID_PAYLOAD', { message: 'send the CSV or XLSX file as the request body', pesan: 'kirim berkas CSV atau XLSX sebagai isi permintaan' });
    }
    // one import at a time: parsing a workbook takes the CPU for a moment, and the rooms' heartbeats come first
    if (importing) return sendError(res, 'RATE_LIMITED', { message: 'another import is being read; try again in a moment', pesan: 'impor lain sedang dibaca; coba lagi sebentar lagi', retryAfterSec: 2 });
    const { ref, act, principal } = locals(res);
    importing = true;
    let out: Awaited<ReturnType<typeof importFile>>;
    try {
      out = await importFile(deps, act, ref, req.body, req.get('content-type'), agencyLimit(principal));
    } finally {
      importing = false;
    }
    if (out.ok) return res.json(out);
    res.status(out.code === 'INVALID_STATE' ? 409 : out.code === 'NOT_FOUND' ? 404 : 400).json({ ...out, pesan: out.pesan ?? out.message });
  });

  r.get('/sessions/:id/participants/template.csv', ...withSession(deps, 'registration.manage'), (_req, res) => {
    res.set({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="template-peserta.csv"' });
    res.send(templateCsv());
  });

  r.get('/sessions/:id/attendance', ...withSession(deps, 'participant.view'), (req, res) => {
    const { ref, principal, act } = locals(res);
    const agency = agencyLimit(principal);
    const body = attendanceOf(deps, ref, agency);
    // reading civil servants' personal data is itself accountable (Pasal 3)
    appendAudit(ctx.db, act.actor, { action: 'participant.list_viewed', venueId: ref.venueId, targetType: 'session', targetId: ref.session.id, after: { participants: body.rows.length, agency: agency ?? null, via: 'registration' } });
    res.json({ ok: true, ...body });
  });

  r.post('/sessions/:id/participants/:pid/check-in', ...withSession(deps, 'registration.manage'), (req, res) => {
    const id = pid(req, res);
    if (id === null) return;
    const body = parseOr400(res, checkInSchema, req.body);
    if (!body) return;
    const { ref, act, principal } = locals(res);
    // seating is participant.control: an agency operator registers, the Tim Penyelenggara seats
    if (body.stationId != null && !can(principal, 'participant.control')) {
      return sendError(res, 'FORBIDDEN', { message: 'registering with a PC needs participant.control; register without one', pesan: 'penempatan PC hanya oleh Tim Penyelenggara; registrasikan tanpa PC' });
    }
    reply(res, checkIn(deps, act, ref, id, body, agencyLimit(principal)));
  });

  r.post('/sessions/:id/participants/:pid/absent', ...withSession(deps, 'registration.manage'), (req, res) => {
    const id = pid(req, res);
    if (id === null) return;
    const body = parseOr400(res, markAbsentSchema, req.body ?? {});
    if (!body) return;
    const { ref, act, principal } = locals(res);
    reply(res, markAbsent(deps, act, ref, id, body.note, agencyLimit(principal)));
  });

  r.post('/sessions/:id/participants/:pid/seat', ...withSession(deps, 'participant.control'), (req, res) => {
    const id = pid(req, res);
    if (id === null) return;
    const body = parseOr400(res, seatSchema, req.body);
    if (!body) return;
    const { ref, act } = locals(res);
    reply(res, seat(deps, act, ref, id, body.stationId, body.reason || undefined));
  });

  // a login at another PC than the seat: send the participant back (the other way is `seat` with a reason)
  r.post('/sessions/:id/participants/:pid/send-back', ...withSession(deps, 'participant.control'), (req, res) => {
    const id = pid(req, res);
    if (id === null) return;
    const body = parseOr400(res, sendBackSchema, req.body);
    if (!body) return;
    const { ref, act } = locals(res);
    reply(res, sendBack(deps, act, ref, id, body.stationId, body.note || undefined));
  });

  r.get('/sessions/:id/visitors', ...withSession(deps, 'room.view'), (_req, res) => {
    res.json({ ok: true, visitors: listVisitors(ctx.db, locals(res).ref.session.id) });
  });

  r.post('/sessions/:id/visitors', ...withSession(deps, 'visitor.record'), (req, res) => {
    const body = parseOr400(res, visitorInSchema, req.body);
    if (!body) return;
    const { ref, act } = locals(res);
    reply(res, visitorIn(deps, act, ref, body));
  });

  r.post('/sessions/:id/visitors/:vid/out', ...withSession(deps, 'visitor.record'), (req, res) => {
    const vid = parseOr400(res, idParamSchema, req.params.vid);
    if (vid === null) return;
    const body = parseOr400(res, visitorOutSchema, req.body ?? {});
    if (!body) return;
    const { ref, act } = locals(res);
    reply(res, visitorLeft(deps, act, ref, vid, body.outAt));
  });

  return r;
}
