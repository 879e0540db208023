/** Users, their roles and scopes (what venues they may see), and login bookkeeping. */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Role, ScopeInput, ScopeView, UserRow, VenueRef } from '../../protocol/index.ts';
import { ROLES } from '../../protocol/index.ts';
import type { VenueKind, VenueTimeZone } from '../../protocol/activity.ts';
import type { Db } from '../client.ts';
import { users, userRoles, userScopes, venues } from '../schema.ts';

export type UserRecord = typeof users.$inferSelect;

export const findUserByNip = (db: Db, nip: string) => db.select().from(users).where(eq(users.nip, nip)).get();
export const getUser = (db: Db, id: number) => db.select().from(users).where(eq(users.id, id)).get();

export function rolesOf(db: Db, userId: number): Role[] {
  const set = new Set(db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)).all().map((r) => r.role));
  return ROLES.filter((r) => set.has(r));
}

export function scopesOf(db: Db, userId: number): ScopeView[] {
  return db
    .select({ kind: userScopes.kind, region: userScopes.region, venueId: userScopes.venueId, venueName: venues.name })
    .from(userScopes)
    .leftJoin(venues, eq(venues.id, userScopes.venueId))
    .where(eq(userScopes.userId, userId))
    .orderBy(asc(userScopes.id))
    .all()
    .map((s): ScopeView => (s.kind === 'all' ? { kind: 'all' } : s.kind === 'region' ? { kind: 'region', region: s.region! } : { kind: 'venue', venueId: s.venueId!, venueName: s.venueName ?? '?' }));
}

export const listVenues = (db: Db): VenueRef[] =>
  db.select({ id: venues.id, code: venues.code, name: venues.name, region: venues.region, kind: venues.kind, timeZone: venues.timeZone }).from(venues).orderBy(asc(venues.name)).all()
    .map((v) => ({ ...v, kind: v.kind as VenueKind, timeZone: v.timeZone as VenueTimeZone }));

/** The venues a set of scopes covers; `national` when one of them is 'all'. */
export function venuesOfScopes(db: Db, scopes: ScopeView[] | ScopeInput[], national: boolean): { national: boolean; venues: VenueRef[] } {
  const all = listVenues(db);
  if (national || scopes.some((s) => s.kind === 'all')) return { national: true, venues: all };
  const regions = new Set(scopes.flatMap((s) => (s.kind === 'region' ? [s.region] : [])));
  const ids = new Set(scopes.flatMap((s) => (s.kind === 'venue' ? [s.venueId] : [])));
  return { national: false, venues: all.filter((v) => ids.has(v.id) || (v.region !== null && regions.has(v.region))) };
}

export function listUsers(db: Db): UserRow[] {
  return db.select().from(users).orderBy(asc(users.name)).all().map((u) => toUserRow(db, u));
}

export function toUserRow(db: Db, u: UserRecord): UserRow {
  return {
    id: u.id, nip: u.nip, name: u.name, jabatan: u.jabatan, instansi: u.instansi,
    roles: rolesOf(db, u.id), scopes: scopesOf(db, u.id), active: u.active, demo: u.demo,
    lockedUntil: u.lockedUntil, loginHeldUntil: null, loginHeldFrom: [], lastLoginAt: u.lastLoginAt, createdAt: u.createdAt
  };
}

export type NewUser = {
  nip: string; name: string; jabatan?: string | null; instansi?: string | null;
  roles: Role[]; scopes: ScopeInput[]; passwordHash: string; demo?: boolean;
};

export function insertUser(db: Db, u: NewUser, now: number): number {
  // better-sqlite3 is one connection: calls on `db` inside the callback are part of the transaction
  return db.transaction(() => {
    const row = db
      .insert(users)
      .values({
        nip: u.nip, name: u.name, jabatan: u.jabatan ?? null, instansi: u.instansi ?? null, passwordHash: u.passwordHash,
        demo: u.demo ?? false, createdAt: now, passwordChangedAt: now
      })
      .returning({ id: users.id })
      .get();
    setRoles(db, row.id, u.roles);
    setScopes(db, row.id, u.scopes);
    return row.id;
  });
}

export function setRoles(db: Db, userId: number, roles: Role[]) {
  db.delete(userRoles).where(eq(userRoles.userId, userId)).run();
  for (const role of new Set(roles)) db.insert(userRoles).values({ userId, role }).run();
}

export function setScopes(db: Db, userId: number, scopes: ScopeInput[]) {
  db.delete(userScopes).where(eq(userScopes.userId, userId)).run();
  for (const s of scopes) {
    db.insert(userScopes).values({
      userId, kind: s.kind, region: s.kind === 'region' ? s.region : null, venueId: s.kind === 'venue' ? s.venueId : null
    }).run();
  }
}

export function updateUserFields(db: Db, id: number, patch: Partial<Pick<UserRecord, 'name' | 'jabatan' | 'instansi' | 'active'>>) {
  if (Object.keys(patch).length) db.update(users).set(patch).where(eq(users.id, id)).run();
}

export function setPasswordHash(db: Db, id: number, passwordHash: string, now: number) {
  db.update(users).set({ passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null }).where(eq(users.id, id)).run();
}

export function recordLoginSuccess(db: Db, id: number, now: number) {
  db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, id)).run();
}

/** Count a failed password; returns the new count. */
export function recordLoginFailure(db: Db, id: number): number {
  const r = db.$client.prepare('update users set failed_logins = failed_logins + 1 where id = ? returning failed_logins as n').get(id) as { n: number };
  return r.n;
}

/** Lock (or unlock with null). The failure count restarts either way: after a lock runs out, one
 * wrong password must not lock the account again at once. */
export function lockUser(db: Db, id: number, until: number | null) {
  db.update(users).set({ lockedUntil: until, failedLogins: 0 }).where(eq(users.id, id)).run();
}

export function existingVenueIds(db: Db, ids: number[]): Set<number> {
  if (!ids.length) return new Set();
  return new Set(db.select({ id: venues.id }).from(venues).where(inArray(venues.id, ids)).all().map((v) => v.id));
}

export function demoUsers(db: Db) {
  return db.select().from(users).where(and(eq(users.demo, true), eq(users.active, true), isNull(users.lockedUntil))).orderBy(asc(users.id)).all();
}
