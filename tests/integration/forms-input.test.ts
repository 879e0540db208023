/**
 * Forms and input, server side:
 * - an account whose logins the NIP+address limiter refuses shows that hold and its real end in
 *   the user admin (the account row is not locked), and "Buka kunci" lifts it;
 * - an incident description over 2,000 characters is refused with the field named, never stored
 *   cut short; exactly 2,000 is stored whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, loginAs, roomSessionId, startTestServer, type Session, type TestServer } from '../helpers/server.ts';

let srv: TestServer;
let admin: Session;

beforeAll(async () => {
  srv = await startTestServer();
  admin = await srv.login('admin');
});
afterAll(async () => {
  await srv?.dispose();
});

const tryLogin = (nip: string, password: string) =>
  fetch(`${srv.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nip, password }) });

describe('a login hold shows in the user admin', () => {
  it('five wrong passwords from one address: refused for 15 minutes, shown with that end, lifted by unlock', async () => {
    const who = srv.accounts.pengawas;
    for (let i = 0; i < 5; i++) expect((await tryLogin(who.nip, 'salah-salah-salah')).status).toBe(401);
    const before = Date.now();
    const refused = await tryLogin(who.nip, who.password); // even the right password now
    expect(refused.status).toBe(429);
    const wait = Number(((await refused.json()) as { retryAfterSec: number }).retryAfterSec);
    expect(wait).toBeGreaterThan(14 * 60);

    const list = await api(srv.url, admin, 'GET', '/users');
    const row = (list.body.users as any[]).find((u) => u.nip === who.nip);
    expect(row.lockedUntil).toBeNull(); // the account itself is not locked …
    expect(row.loginHeldUntil).toBeGreaterThanOrEqual(before + 14 * 60_000); // … but its logins are held, and until when
    expect(row.loginHeldUntil).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 1000);
    expect(row.loginHeldFrom).toHaveLength(1);
    // nobody else is shown held
    expect((list.body.users as any[]).filter((u) => u.loginHeldUntil !== null).map((u) => u.nip)).toEqual([who.nip]);

    const unlocked = await api(srv.url, admin, 'POST', `/users/${row.id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.user).toMatchObject({ lockedUntil: null, loginHeldUntil: null, loginHeldFrom: [] });
    await expect(loginAs(srv.url, who.nip, who.password)).resolves.toBeTruthy();
  });
});

describe('incident description length', () => {
  it('over 2000 characters is refused with the field named; 2000 is stored whole', async () => {
    const s = await srv.login('pengawas');
    const sid = await roomSessionId(srv.url, s, srv.seeded[0].roomId);
    const words = 'Peserta meninggalkan ruangan tanpa izin dan kembali setelah sepuluh menit. ';
    const long = words.repeat(40).slice(0, 2001);
    const refused = await api(srv.url, s, 'POST', `/sessions/${sid}/incidents`, { category: 'other', description: long, actionTaken: '' });
    expect(refused.status).toBe(400);
    expect((refused.body.issues as { path: string }[]).map((i) => i.path)).toContain('description');
    const list = await api(srv.url, s, 'GET', `/sessions/${sid}/incidents`);
    expect((list.body.incidents as { description: string }[]).some((i) => long.startsWith(i.description.slice(0, 50)))).toBe(false);

    const exact = `${long.slice(0, 1999)}.`;
    const ok = await api(srv.url, s, 'POST', `/sessions/${sid}/incidents`, { category: 'other', description: exact, actionTaken: 'x'.repeat(2000) });
    expect(ok.status).toBe(200);
    expect(ok.body.incident.description).toBe(exact);
    expect(ok.body.incident.actionTaken).toHaveLength(2000);
  });
});
