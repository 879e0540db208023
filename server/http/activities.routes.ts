/** Activities, their team and their sessions (Pasal 8–9); the rules are in server/activity/activity.service.ts. */
import express from 'express';
import { ROUTES } from '../../protocol/routes.ts';
import {
  activitiesFor, activityDetail, addDayOff, changeVenueSettings, assignMember, daysOffList, removeDayOff, cancelSession, changeActivity, createActivity, createActivitySession, rescheduleSession, teamCandidatesFor, unassignMember
} from '../activity/activity.service.ts';
import { allowLateRegistration } from '../activity/activity-import.service.ts';
import { principalOf, requireCap } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { route } from './route.ts';
import { actOf, finalisedSessionDoor } from './session-access.ts';

export function activitiesRouter(ctx: ApiContext) {
  const { db, hub } = ctx;
  const deps = { db, hub };
  const r = express.Router();
  const view = requireCap('activity.view');
  const manage = requireCap('activity.manage');
  // a finalised session's schedule is part of its closed record (session-access.ts finalisedDoor)
  const frozen = finalisedSessionDoor(db);

  route(r, ROUTES.activities, view)(({ query }, _req, res) => ({ ok: true, activities: activitiesFor(db, principalOf(res)!, query) }));

  route(r, ROUTES.activity, view)(({ params }, _req, res) => activityDetail(db, principalOf(res)!, params.id));

  route(r, ROUTES.activityCreate, manage)(({ body }, req, res) => {
    const p = principalOf(res)!;
    return createActivity(db, p, actOf(req, p), body);
  });

  route(r, ROUTES.activityUpdate, manage)(({ params, body }, req, res) => {
    const p = principalOf(res)!;
    return changeActivity(db, p, actOf(req, p), params.id, body);
  });

  route(r, ROUTES.activityAssign, manage)(({ params, body }, req, res) => {
    const p = principalOf(res)!;
    return assignMember(db, p, actOf(req, p), params.id, body.userId, body.teamRole);
  });

  route(r, ROUTES.activityUnassign, manage)(({ params }, req, res) => {
    const p = principalOf(res)!;
    return unassignMember(db, p, actOf(req, p), params.id, params.userId);
  });

  route(r, ROUTES.activitySessionCreate, manage)(({ params, body }, req, res) => {
    const p = principalOf(res)!;
    return createActivitySession(deps, p, actOf(req, p), params.id, body);
  });

  route(r, ROUTES.sessionReschedule, [manage, frozen])(({ params, body }, req, res) => {
    const p = principalOf(res)!;
    return rescheduleSession(deps, p, actOf(req, p), params.id, body);
  });

  route(r, ROUTES.sessionCancel, [manage, frozen])(({ params, body }, req, res) => {
    const p = principalOf(res)!;
    return cancelSession(deps, p, actOf(req, p), params.id, body.reason);
  });

  // the koordinator's exception to a ProASN session's registration lead time (SE BKN 6/2026 §5.i.2.d)
  route(r, ROUTES.sessionLateRegistration, [manage, frozen])(({ params, body }, req, res) => {
    const p = principalOf(res)!;
    return allowLateRegistration(deps, p, actOf(req, p), params.id, body.reason);
  });

  route(r, ROUTES.venueSettings, manage)(({ params, body }, req, res) => {
    const p = principalOf(res)!;
    return changeVenueSettings(db, p, actOf(req, p), params.id, body);
  });

  route(r, ROUTES.daysOff, view)(({ query }, _req, res) => ({ ok: true, daysOff: daysOffList(db, principalOf(res)!, query.from, query.to) }));

  route(r, ROUTES.dayOffAdd, manage)(({ body }, req, res) => {
    const p = principalOf(res)!;
    return addDayOff(db, p, actOf(req, p), body);
  });

  route(r, ROUTES.dayOffRemove, manage)(({ params }, req, res) => {
    const p = principalOf(res)!;
    return removeDayOff(db, p, actOf(req, p), params.id);
  });

  route(r, ROUTES.activityCandidates, manage)(({ params }, _req, res) => teamCandidatesFor(db, principalOf(res)!, params.id));

  return r;
}
