/** The schedule (agenda) of the venues in view, and its export; server/activity/schedule.service.ts. */
import express from 'express';
import { ROUTES } from '../../protocol/routes.ts';
import { scheduleFile, scheduleFor } from '../activity/schedule.service.ts';
import { principalOf, requireCap } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { route, SENT } from './route.ts';

export function scheduleRouter(ctx: ApiContext) {
  const { db } = ctx;
  const r = express.Router();
  const view = requireCap('activity.view');

  route(r, ROUTES.schedule, view)(({ query }, _req, res) => scheduleFor(db, principalOf(res)!, query));

  route(r, ROUTES.scheduleExport, view)(async ({ query }, _req, res) => {
    const file = await scheduleFile(db, principalOf(res)!, query);
    if (!file.ok) return file;
    res.set({ 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"` });
    res.send(file.body);
    return SENT;
  });

  return r;
}
