/** Is the server up (anyone), and its operational counters (this machine itself, or an admin). */
import express, { type RequestHandler } from 'express';
import { ROUTES } from '../../protocol/routes.ts';
import { principalOf } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { sendError } from './errors.ts';
import { route } from './route.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function healthRouter({ hub, stats }: ApiContext) {
  const r = express.Router();

  route(r, ROUTES.health, [])(() => ({ ok: true, stations: hub.stations.size, rooms: hub.rooms.size, writeFailures: hub.writer.failures }));

  // For the machine itself (benchmark, monitoring agent) or an admin.
  const localOrAdmin: RequestHandler = (req, res, next) => {
    const p = principalOf(res);
    // req.ip: behind a declared proxy on this host every connection comes from loopback
    if (!LOOPBACK.has(req.ip ?? '') && !p?.caps.has('user.manage')) return sendError(res, p ? 'FORBIDDEN' : 'UNAUTHORIZED');
    next();
  };
  route(r, ROUTES.metrics, localOrAdmin)(() => ({ ok: true, invalid: stats.invalid, unknownEvents: stats.unknownEvents, internal: stats.internal, ...hub.stats }));

  return r;
}
