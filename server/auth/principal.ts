/**
 * Who is asking, and what they may see: the user's roles, capabilities and the venues their
 * scopes cover (admin: everything). Every route and socket handler asks `can` and `seesVenue`.
 */
import type { Db } from '../../db/client.ts';
import { rolesOf, scopesOf, venuesOfScopes, type UserRecord } from '../../db/queries/users.ts';
import { capabilitiesOf, NATIONAL_ROLES, type Capability, type Me, type Role } from '../../protocol/index.ts';
import type { Actor } from '../../db/queries/audit.ts';

export type Principal = {
  user: UserRecord;
  sessionId: string;
  roles: Role[];
  caps: Set<Capability>;
  national: boolean;
  venueIds: Set<number>;
  me: Me;
};

export function loadPrincipal(db: Db, user: UserRecord, sessionId: string): Principal {
  const roles = rolesOf(db, user.id);
  const scopes = scopesOf(db, user.id);
  const caps = capabilitiesOf(roles);
  const { national, venues } = venuesOfScopes(db, scopes, roles.some((r) => NATIONAL_ROLES.includes(r)));
  return {
    user, sessionId, roles, caps: new Set(caps), national, venueIds: new Set(venues.map((v) => v.id)),
    me: { id: user.id, nip: user.nip, name: user.name, jabatan: user.jabatan, instansi: user.instansi, roles, capabilities: caps, scopes, national, venues }
  };
}

export const can = (p: Principal, cap: Capability) => p.caps.has(cap);
export const seesVenue = (p: Principal, venueId: number) => p.national || p.venueIds.has(venueId);

export const actorOf = (p: Principal, ip?: string | null): Actor => ({
  kind: 'user', userId: p.user.id, nip: p.user.nip, name: p.user.name, roles: p.roles, ip: ip ?? null
});
