/**
 * The HTTP API. Every route below /api passes, in order: security headers, a 64 KiB JSON body
 * limit, session resolution, the CSRF guard, then its own role/capability and venue checks.
 * Station agents use only /probe (Bearer station token) and /enroll (one-time code).
 */
import express, { type Request, type Response } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import { hashToken } from '../../db/queries/stations.ts';
import { auditRouter } from './audit.routes.ts';
import { authenticate, csrfGuard, principalOf } from './auth.middleware.ts';
import { authRouter } from './auth.routes.ts';
import type { ApiContext } from './context.ts';
import { apiErrorHandler, sendError } from './errors.ts';
import { roomsRouter } from './rooms.routes.ts';
import { stationsRouter } from './stations.routes.ts';
import { usersRouter } from './users.routes.ts';
import { actionsRouter } from './actions.routes.ts';
import { checklistRouter } from './checklist.routes.ts';
import { incidentsRouter } from './incidents.routes.ts';
import { registrationRouter } from './registration.routes.ts';
import { sessionsRouter } from './sessions.routes.ts';
import { historyRouter } from './history.routes.ts';

const probeQuery = z.object({ bytes: z.coerce.number().int().min(1024).max(8 * 1024 * 1024).default(256 * 1024) });
/** incompressible filler, made once; the probe must measure the link, not a compressor */
const FILLER = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 2654435761) >>> 24));

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function apiRouter(ctx: ApiContext) {
  const { db, hub, stats, sessions } = ctx;
  const r = express.Router();
  // JSON answers never need scripts, frames or anything else a CSP could allow.
  r.use(helmet.contentSecurityPolicy({ useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }));
  r.use((_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });
  r.use(express.json({ limit: '64kb' }));
  r.use(authenticate(db, sessions));
  r.use(csrfGuard(['/auth/login', '/enroll']));

  r.get('/health', (_req, res) => {
    res.json({ ok: true, stations: hub.stations.size, rooms: hub.rooms.size, writeFailures: hub.writer.failures });
  });

  // Operational counters: for the machine itself (benchmark, monitoring agent) or an admin.
  r.get('/metrics', (req, res) => {
    const p = principalOf(res);
    // req.ip: behind a declared proxy on this host every connection comes from loopback
    if (!LOOPBACK.has(req.ip ?? '') && !p?.caps.has('user.manage')) return sendError(res, p ? 'FORBIDDEN' : 'UNAUTHORIZED');
    res.json({ ok: true, invalid: stats.invalid, unknownEvents: stats.unknownEvents, internal: stats.internal, ...hub.stats });
  });

  r.use('/auth', authRouter(ctx));
  r.use(roomsRouter(ctx));
  r.use(usersRouter(ctx));
  r.use(stationsRouter(ctx));
  r.use(auditRouter(ctx));
  r.use(sessionsRouter(ctx));
  r.use(historyRouter(ctx));
  r.use(checklistRouter(ctx));
  r.use(registrationRouter(ctx));
  r.use(incidentsRouter(ctx));
  r.use(actionsRouter(ctx));

  // Download probe for a station's bandwidth (Lampiran II: ≥ 500 Kbps per client). Station token only.
  r.get('/probe', (req: Request, res: Response) => {
    const auth = req.get('authorization') ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!token || !hub.stationByTokenHash(hashToken(token))) {
      return sendError(res, 'UNAUTHORIZED', { message: 'station token required', pesan: 'token PC ujian diperlukan' });
    }
    const q = probeQuery.safeParse(req.query);
    if (!q.success) {
      return sendError(res, 'INVALID_PAYLOAD', { message: 'bytes must be 1024..8388608' });
    }
    res.set({ 'content-type': 'application/octet-stream', 'cache-control': 'no-store', 'content-length': String(q.data.bytes) });
    let left = q.data.bytes;
    while (left > 0) {
      const n = Math.min(left, FILLER.length);
      res.write(n === FILLER.length ? FILLER : FILLER.subarray(0, n));
      left -= n;
    }
    res.end();
  });

  r.use((_req: Request, res: Response) => sendError(res, 'NOT_FOUND', { message: 'no such API route', pesan: 'rute API tidak ada' }));
  r.use(apiErrorHandler(ctx.log));
  return r;
}
