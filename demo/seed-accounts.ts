/**
 * Accounts for the demo and the tests: one user per role, with passwords that follow one rule
 * (`demo-<role>-2026`) so the demo's login page can show them. Production never calls this:
 * its first admin comes from `npm run user:create`.
 */
import type { ScopeInput, Role } from '../protocol/index.ts';
import { hashPassword, type Argon2Cost } from '../server/auth/password.ts';
import type { Db } from '../db/client.ts';
import { appendAudit } from '../db/queries/audit.ts';
import { insertUser } from '../db/queries/users.ts';
import { demoNip } from './seed.ts';

export type SeedAccount = { role: Role; name: string; jabatan: string; scopes: ScopeInput[]; instansi?: string; nip?: string };

const demoPassword = (role: Role) => `demo-${role}-2026`;

/** One account per role at `venueId`; the coordinator covers the venue's region. */
export function roleAccounts(o: { venueId: number; region: string; instansi: string }): SeedAccount[] {
  const here: ScopeInput[] = [{ kind: 'venue', venueId: o.venueId }];
  return [
    { role: 'admin', name: 'Admin Sistem (demo)', jabatan: 'Pranata Komputer Ahli Muda', scopes: [] },
    { role: 'koordinator', name: 'Koordinator Wilayah (demo)', jabatan: 'Koordinator Tim Penyelenggara CACT', scopes: [{ kind: 'region', region: o.region }] },
    { role: 'pengawas', name: 'Pengawas Ruang (demo)', jabatan: 'Pengawas CACT', scopes: here },
    { role: 'instruktur', name: 'Instruktur Tes (demo)', jabatan: 'Instruktur Tes', scopes: here },
    { role: 'petugas_ti', name: 'Petugas TI (demo)', jabatan: 'Petugas Teknologi Informasi', scopes: here },
    { role: 'operator_instansi', name: 'Operator Instansi (demo)', jabatan: 'Operator Penilaian Kompetensi', scopes: here, instansi: o.instansi }
  ];
}

/** Creates the accounts; returns role → { id, nip, password }. NIPs are plausible and distinct. */
export async function seedAccounts(db: Db, accounts: SeedAccount[], o: { cost: Argon2Cost; demo: boolean; nipBase?: number }) {
  const out = {} as Record<Role, { id: number; nip: string; password: string }>;
  let i = o.nipBase ?? 9000;
  for (const a of accounts) {
    const nip = a.nip ?? demoNip(i++);
    const password = demoPassword(a.role);
    const id = insertUser(db, {
      nip, name: a.name, jabatan: a.jabatan, instansi: a.instansi ?? null, roles: [a.role], scopes: a.scopes,
      passwordHash: await hashPassword(password, o.cost), demo: o.demo
    }, Date.now());
    // even seeded accounts are on the record: the trail starts with who exists and why
    appendAudit(db, { kind: 'system' }, { action: 'user.created', targetType: 'user', targetId: id, after: { nip, name: a.name, roles: [a.role], scopes: a.scopes, via: o.demo ? 'demo seed' : 'seed' } });
    out[a.role] ??= { id, nip, password };
  }
  return out;
}
