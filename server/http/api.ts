/**
 * The HTTP API. Every route below /api passes, in order: security headers, a 64 KiB JSON body
 * limit, session resolution, the CSRF guard, then its own role/capability and venue checks.
 * Station agents use only /probe (Bearer station token) and /enroll (one-time code).
 *
 * The routes, their inputs and answers are listed in protocol/routes.ts; each feature registers
 * its own in <feature>.routes.ts (through route.ts), and its rules are in server/session/<feature>.service.ts.
 */
import express, { type Request, type Response } from 'express';
import helmet from 'helmet';
import { auditRouter } from './audit.routes.ts';
import { authenticate, csrfGuard } from './auth.middleware.ts';
import { authRouter } from './auth.routes.ts';
import type { ApiContext } from './context.ts';
import { apiErrorHandler, sendError } from './errors.ts';
import { healthRouter } from './health.routes.ts';
import { probeRouter } from './probe.routes.ts';
import { roomsRouter } from './rooms.routes.ts';
import { stationsRouter } from './stations.routes.ts';
import { usersRouter } from './users.routes.ts';
import { actionsRouter } from './actions.routes.ts';
import { checklistRouter } from './checklist.routes.ts';
import { incidentsRouter } from './incidents.routes.ts';
import { registrationRouter } from './registration.routes.ts';
import { completionRouter } from './completion.routes.ts';
import { sessionsRouter } from './sessions.routes.ts';
import { postponementRouter } from './postponement.routes.ts';
import { historyRouter } from './history.routes.ts';
import { pinRouter } from './pin.routes.ts';
import { visitorsRouter } from './visitors.routes.ts';
import { loginPolicyRouter } from './login-policy.routes.ts';
import { activitiesRouter } from './activities.routes.ts';
import { scheduleRouter } from './schedule.routes.ts';
import { documentsRouter } from './documents.routes.ts';
import { evaluationRouter } from './evaluation.routes.ts';
import { evaluationDocumentsRouter } from './evaluation-documents.routes.ts';
import { msg } from '../../protocol/messages/index.ts';

export function apiRouter(ctx: ApiContext) {
  const { db, sessions } = ctx;
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

  r.use(healthRouter(ctx));
  r.use(authRouter(ctx));
  r.use(roomsRouter(ctx));
  r.use(usersRouter(ctx));
  r.use(stationsRouter(ctx));
  r.use(auditRouter(ctx));
  r.use(sessionsRouter(ctx));
  r.use(postponementRouter(ctx));
  r.use(loginPolicyRouter(ctx));
  r.use(pinRouter(ctx));
  r.use(historyRouter(ctx));
  r.use(checklistRouter(ctx));
  r.use(registrationRouter(ctx));
  r.use(completionRouter(ctx));
  r.use(visitorsRouter(ctx));
  r.use(incidentsRouter(ctx));
  r.use(actionsRouter(ctx));
  r.use(activitiesRouter(ctx));
  r.use(scheduleRouter(ctx));
  r.use(documentsRouter(ctx));
  r.use(evaluationRouter(ctx));
  r.use(evaluationDocumentsRouter(ctx));
  r.use(probeRouter(ctx));

  r.use((_req: Request, res: Response) => sendError(res, 'NOT_FOUND', { msg: msg('api.noRoute') }));
  r.use(apiErrorHandler(ctx.log));
  return r;
}
