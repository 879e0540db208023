/** The audit trail for reading: filtered by user, venue, action and time, scoped to the viewer. */
import express from 'express';
import { auditActions, listAudit } from '../../db/queries/audit.ts';
import { seesVenue } from '../auth/principal.ts';
import { type AuditPage } from '../../protocol/index.ts';
import { auditQuerySchema } from '../../protocol/schemas/index.ts';
import { principalOf, requireCap } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { parseOr400, sendError } from './errors.ts';

export function auditRouter({ db }: ApiContext) {
  const r = express.Router();

  r.get('/audit', requireCap('audit.view'), (req, res) => {
    const p = principalOf(res)!;
    const q = parseOr400(res, auditQuerySchema, req.query);
    if (!q) return;
    if (q.venueId && !seesVenue(p, q.venueId)) return sendError(res, 'FORBIDDEN');
    const page = listAudit(db, q, p.national ? null : [...p.venueIds], p.user.id);
    const body: AuditPage = { ok: true, ...page };
    res.json(body);
  });

  r.get('/audit/actions', requireCap('audit.view'), (_req, res) => {
    res.json({ ok: true, actions: auditActions(db) });
  });

  return r;
}
