/**
 * The session PIN (Perban BKN 4/2024 Pasal 14(1)i): show it, issue or rotate it, revoke it, the
 * attempts typed at the stations, and unlocking a station locked by wrong PINs. All of it only to
 * those who run the session (session.control): coordinators watch the room page too, but the PIN
 * itself is the projector's. The rules are in server/session/pin.service.ts.
 */
import express from 'express';
import { ROUTES } from '../../protocol/routes.ts';
import { issuePin, pinAttemptsOf, revokePin, showPin, unlockPinStation } from '../session/pin.service.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { route } from './route.ts';
import { locals, withSession } from './session-access.ts';

export function pinRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();

  route(r, ROUTES.pin, withSession(deps, 'session.control'))((_in, _req, res) => ({ ok: true, pin: showPin(deps, locals(res).ref) }));

  route(r, ROUTES.pinIssue, withSession(deps, 'session.control'))(({ body }, _req, res) => {
    const { ref, act } = locals(res);
    return issuePin(deps, act, ref, { lifetimeMin: body.lifetimeMin, rotateMin: body.rotateMin });
  });

  route(r, ROUTES.pinRevoke, withSession(deps, 'session.control'))(({ body }, _req, res) => {
    const { ref, act } = locals(res);
    return revokePin(deps, act, ref, body.reason ?? null);
  });

  route(r, ROUTES.pinAttempts, withSession(deps, 'session.control'))((_in, _req, res) => ({ ok: true, attempts: pinAttemptsOf(deps, locals(res).ref) }));

  route(r, ROUTES.pinUnlock, withSession(deps, 'session.control'))(({ params }, _req, res) => {
    const { ref, act } = locals(res);
    return unlockPinStation(deps, act, ref, params.stationId);
  });

  return r;
}
