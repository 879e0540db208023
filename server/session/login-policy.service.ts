/**
 * A venue's rule for logins by participants the desk has not registered present (Perban
 * BKN 4/2024 Pasal 14(1)e, 14(2)a–b): `refuse` (the default) answers the PIN with
 * `unregistered`; `flag` lets them in and flags the tile until the desk registers them. Changed by
 * those who run the venue's sessions, audited, and shown in every room of the venue at once.
 */
import { setVenueLoginPolicy, venueLoginPolicy } from '../../db/queries/login-decisions.ts';
import type { UnregisteredLoginPolicy } from '../../protocol/index.ts';
import { audit, refuse, type Act, type Result, type SessionDeps } from './context.ts';
import { msg } from '../../protocol/messages/index.ts';

export function setLoginPolicy(deps: SessionDeps, act: Act, venueId: number, policy: UnregisteredLoginPolicy, now = Date.now()): Result<{ unregisteredLogin: UnregisteredLoginPolicy }> {
  const { db, hub } = deps;
  const before = venueLoginPolicy(db, venueId);
  if (before === policy) return { ok: true, unregisteredLogin: policy };
  const done = db.transaction(() => {
    if (!setVenueLoginPolicy(db, venueId, policy)) return false;
    audit(db, act, { action: 'venue.login_policy_changed', venueId, targetType: 'venue', targetId: venueId, before: { unregisteredLogin: before }, after: { unregisteredLogin: policy } });
    return true;
  });
  if (!done) return refuse('NOT_FOUND', msg('venue.notFound'));
  for (const room of hub.rooms.values()) if (room.info.venueId === venueId && room.session) hub.publishSession(room.info.id, ['state'], {}, now);
  return { ok: true, unregisteredLogin: policy };
}
