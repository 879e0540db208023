/**
 * Who is asking, and what they may see: the user's roles, capabilities and the venues their
 * scopes cover (admin: everything). Every route and socket handler asks `can` and `seesVenue`.
 */
import type { Db } from '../../db/client.ts';
import { rolesOf, scopesOf, venuesOfScopes, type UserRecord } from '../../db/queries/users.ts';
import { activityRoomIds } from '../../db/queries/activities.ts';
import { capabilitiesOf, NATIONAL_ROLES, type Capability, type Me, type Role } from '../../protocol/index.ts';
import type { Actor } from '../../db/queries/audit.ts';

export type Principal = {
  user: UserRecord;
  sessionId: string;
  roles: Role[];
  caps: Set<Capability>;
  national: boolean;
  venueIds: Set<number>;
  /**
   * Rooms reached through activities, outside the venue scope: an activity's team (Perban BKN
   * 4/2024 Pasal 6) runs its rooms without a venue scope of its own, and an agency's operator
   * works on its agency's sessions (db/queries/activities.ts activityRoomIds says for how long).
   */
  roomIds: Set<number>;
  me: Me;
};

export function loadPrincipal(db: Db, user: UserRecord, sessionId: string, now = Date.now()): Principal {
  const roles = rolesOf(db, user.id);
  const scopes = scopesOf(db, user.id);
  const caps = capabilitiesOf(roles);
  const { national, venues } = venuesOfScopes(db, scopes, roles.some((r) => NATIONAL_ROLES.includes(r)));
  const roomIds = national ? new Set<number>() : activityRoomIds(db, user.id, new Date(now).toISOString().slice(0, 10), agencyOperatorOf(roles, caps, user));
  return {
    user, sessionId, roles, caps: new Set(caps), national, venueIds: new Set(venues.map((v) => v.id)), roomIds,
    me: { id: user.id, nip: user.nip, name: user.name, jabatan: user.jabatan, instansi: user.instansi, roles, capabilities: caps, scopes, national, venues }
  };
}

/** The agency an operator of the user agency works for, when that is all they are (no live room). */
export function agencyOperatorOf(roles: readonly Role[], caps: readonly Capability[], user: UserRecord): string | null | undefined {
  return roles.includes('operator_instansi') && !caps.includes('room.view') ? user.instansi : undefined;
}

export const can = (p: Principal, cap: Capability) => p.caps.has(cap);
/** The whole venue is in the caller's scope (what planning, enrolment and the venue's policies need). */
export const seesVenue = (p: Principal, venueId: number) => p.national || p.venueIds.has(venueId);
/** The room is in the caller's scope: by its venue, or through an activity (what running a room needs). */
export const seesRoom = (p: Principal, room: { id: number; venueId: number }) => seesVenue(p, room.venueId) || p.roomIds.has(room.id);

export const actorOf = (p: Principal, ip?: string | null): Actor => ({
  kind: 'user', userId: p.user.id, nip: p.user.nip, name: p.user.name, roles: p.roles, ip: ip ?? null
});
