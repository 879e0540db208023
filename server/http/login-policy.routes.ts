/**
 * A venue's rule for logins the desk has not registered (Perban BKN 4/2024 Pasal 14(1)e,
 * 14(2)a–b): refuse (the default) or flag. The rule itself is in server/session/login-policy.service.ts.
 */
import express from 'express';
import { seesVenue } from '../auth/principal.ts';
import { ROUTES } from '../../protocol/routes.ts';
import { setLoginPolicy } from '../session/login-policy.service.ts';
import { principalOf, requireCap } from './auth.middleware.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { reject, route } from './route.ts';
import { actOf } from './session-access.ts';

export function loginPolicyRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();

  route(r, ROUTES.loginPolicy, requireCap('session.control'))(({ params, body }, req, res) => {
    const p = principalOf(res)!;
    if (!seesVenue(p, params.id)) return reject('FORBIDDEN');
    return setLoginPolicy(deps, actOf(req, p), params.id, body.unregisteredLogin);
  });

  return r;
}
