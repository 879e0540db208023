/**
 * LoginService on its own, on a real SQLite file, with the clock passed in (`now`): what happens
 * once a lock has run out, and that a login attempt whose NIP holds a lone UTF-16 surrogate does
 * not make the audit trail look tampered. The NIP+address limiter counts real time, so attempts
 * "later" come from another address to keep it out of the way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/client.ts';
import { auditRows } from '../../db/queries/audit.ts';
import { findUserByNip } from '../../db/queries/users.ts';
import { seedVenue } from '../../demo/seed.ts';
import { roleAccounts, seedAccounts } from '../../demo/seed-accounts.ts';
import { createLimiters, LoginService } from '../../server/auth/login.service.ts';
import { verifyChain } from '../../server/domain/audit-chain.ts';

const COST = { memoryCost: 1024, timeCost: 1 };
const MIN = 60_000;

let dir: string;
let db: Db;
let logins: LoginService;
let account: { id: number; nip: string; password: string };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cact-login-'));
  db = openDb(join(dir, 'login.sqlite'));
  const [st] = seedVenue(db, { code: 'T', name: 'Venue Uji', region: 'Kanreg Uji', rooms: [{ code: 'R1', name: 'Ruang 1', rows: 1, cols: 1, session: 'running' }], instansi: ['Instansi A'] });
  const accounts = await seedAccounts(db, roleAccounts({ venueId: st.venueId, region: 'Kanreg Uji', instansi: 'Instansi A' }), { cost: COST, demo: false });
  account = accounts.pengawas;
  logins = new LoginService(db, { lockoutAfter: 3, lockoutMin: 15, argon2: COST }, createLimiters(db));
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const codeOf = (r: Awaited<ReturnType<LoginService['login']>>) => (r.ok ? 'OK' : r.code);

describe('LoginService lockout', () => {
  it('locks after lockoutAfter failures; once the lock has run out one more wrong password does not lock again', async () => {
    const t0 = Date.now();
    for (let i = 1; i <= 3; i++) expect(codeOf(await logins.login(account.nip, `wrong-${i}`, '10.0.0.1', t0)), `failure ${i}`).toBe('BAD_CREDENTIALS');
    expect(findUserByNip(db, account.nip)!.lockedUntil).toBe(t0 + 15 * MIN);
    // locked: even the right password is refused
    const locked = await logins.login(account.nip, account.password, '10.0.0.1', t0 + MIN);
    expect(locked).toMatchObject({ ok: false, code: 'LOCKED' });
    // the lock restarted the failure count
    expect(findUserByNip(db, account.nip)!.failedLogins).toBe(0);

    const later = t0 + 16 * MIN;
    expect(codeOf(await logins.login(account.nip, 'wrong-after-lock', '10.0.0.2', later))).toBe('BAD_CREDENTIALS');
    const u = findUserByNip(db, account.nip)!;
    expect(u.failedLogins).toBe(1);
    expect(u.lockedUntil ?? 0).toBeLessThanOrEqual(later); // not locked again
    const ok = await logins.login(account.nip, account.password, '10.0.0.2', later);
    expect(codeOf(ok)).toBe('OK');
    expect(findUserByNip(db, account.nip)!.failedLogins).toBe(0);

    // exactly one lock in the trail
    const locks = [...auditRows(db)].filter((r) => r.action === 'auth.locked');
    expect(locks).toHaveLength(1);
  });

  it('after a lock has run out it takes lockoutAfter fresh failures to lock again', async () => {
    const t0 = Date.now();
    for (let i = 1; i <= 3; i++) await logins.login(account.nip, `wrong-${i}`, '10.0.0.3', t0);
    const later = t0 + 16 * MIN;
    for (let i = 1; i <= 2; i++) expect(codeOf(await logins.login(account.nip, `again-${i}`, '10.0.0.4', later))).toBe('BAD_CREDENTIALS');
    expect(codeOf(await logins.login(account.nip, account.password, '10.0.0.5', later))).toBe('OK');
  });
});

describe('LoginService and the audit trail', () => {
  it('a login attempt with a lone surrogate in the NIP is a failure and leaves the hash chain intact', async () => {
    const r = await logins.login('1\ud800', 'x', '10.0.0.9');
    expect(r).toEqual({ ok: false, code: 'BAD_CREDENTIALS' });
    // a lone low surrogate after a real NIP (an unknown NIP then)
    expect(codeOf(await logins.login(`${account.nip}\udc00`, 'x', '10.0.0.9'))).toBe('BAD_CREDENTIALS');
    const rows = [...auditRows(db)];
    expect(rows.filter((x) => x.action === 'auth.login_failed')).toHaveLength(2);
    const report = verifyChain(rows);
    expect(report.ok).toBe(true);
  });
});
