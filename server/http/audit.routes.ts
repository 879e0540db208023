/** The audit trail for reading: filtered by user, venue, action and time, scoped to the viewer. */
import express from 'express';
import { auditActions, listAudit } from '../../db/queries/audit.ts';
import { seesVenue } from '../auth/principal.ts';
import { ROUTES } from '../../protocol/routes.ts';
import { principalOf, requireCap } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { reject, route } from './route.ts';

export function auditRouter({ db }: ApiContext) {
  const r = express.Router();

  route(r, ROUTES.audit, requireCap('audit.view'))(({ query: q }, _req, res) => {
    const p = principalOf(res)!;
    if (q.venueId && !seesVenue(p, q.venueId)) return reject('FORBIDDEN');
    return { ok: true, ...listAudit(db, q, p.national ? null : [...p.venueIds], p.user.id) };
  });

  route(r, ROUTES.auditActions, requireCap('audit.view'))(() => ({ ok: true, actions: auditActions(db) }));

  return r;
}
