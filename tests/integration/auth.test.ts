/**
 * Signing in and staying signed in: the session cookie, login limits and lockout, CSRF, logout,
 * logout everywhere, idle and absolute expiry, password change, deactivation and role changes
 * reaching open dashboard sockets, security headers and error hygiene. Each test gets its own
 * server (and SQLite file), so login counters never leak between tests.
 */
import { describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { hashToken } from '../../db/queries/stations.ts';
import { api, call, connected, dashboardSocket, loginAs, until, type Session } from '../helpers/server.ts';
import { serverPerTest } from '../helpers/per-test.ts';

/** a server of its own per test: login counters, sessions and the audit trail never leak between tests */
const { fresh, track, current } = serverPerTest();

/** POST /api/auth/login without throwing; `ip` is sent as X-Forwarded-For (servers here trust loopback proxies when asked). */
async function login(url: string, nip: string, password: string, extra: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify({ nip, password })
  });
  const text = await res.text();
  let body: any = null;
  try { body = JSON.parse(text); } catch { body = text; }
  return { status: res.status, body, headers: res.headers, text };
}

const sessionId = (s: Session) => hashToken(s.cookie.slice(s.cookie.indexOf('=') + 1));

/** Resolves with the session:ended payload and the disconnect reason, or rejects after `ms`. */
function endOf(s: Socket, ms = 2000) {
  const ended = new Promise<{ reason: string }>((ok) => s.once('session:ended', ok));
  const gone = new Promise<string>((ok) => s.once('disconnect', ok));
  return Promise.race([
    Promise.all([ended, gone]).then(([e, reason]) => ({ ended: e, disconnect: reason })),
    new Promise<never>((_, ko) => setTimeout(() => ko(new Error(`no session:ended + disconnect within ${ms} ms`)), ms))
  ]);
}

async function openDashboard(url: string, s: Session) {
  const d = track(dashboardSocket(url, s));
  await connected(d);
  return d;
}

describe('login', () => {
  it('sets an httpOnly, SameSite=Lax session cookie and answers with the user and a CSRF token', async () => {
    const { url, accounts } = await fresh();
    const r = await login(url, accounts.pengawas.nip, accounts.pengawas.password);
    expect(r.status).toBe(200);
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^cact_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/;\s*Secure/i); // plain http on loopback; https gets Secure and the __Host- prefix
    expect(r.body).toMatchObject({ ok: true, user: { id: accounts.pengawas.id, nip: accounts.pengawas.nip, roles: ['pengawas'] }, idleTimeoutMs: 60 * 60_000 });
    expect(r.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(r.body.expiresAt).toBeGreaterThan(Date.now() + 11 * 3600_000);
    expect(r.text).not.toMatch(/argon2|passwordHash|password_hash/);
    // the token itself is not stored: the session row is keyed by its sha-256
    const token = cookie.split(';')[0].split('=')[1];
    const rows = current().db.$client.prepare('select id from auth_sessions').all() as { id: string }[];
    expect(rows.map((x) => x.id)).toEqual([hashToken(token)]);
    const me = await api(url, { cookie: cookie.split(';')[0], csrf: r.body.csrfToken }, 'GET', '/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.capabilities).toContain('station.probe');
  });

  it('answers a wrong password and an unknown NIP the same way: 401 BAD_CREDENTIALS with message and pesan', async () => {
    const { url, accounts } = await fresh();
    const wrong = await login(url, accounts.pengawas.nip, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ ok: false, code: 'BAD_CREDENTIALS' });
    expect(wrong.body.message).toMatch(/wrong NIP or password/i);
    expect(wrong.body.pesan).toMatch(/NIP atau kata sandi salah/i);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const unknown = await login(url, '199001012015011999', 'not-the-password');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body); // no enumeration of NIPs
    // both are in the trail, with the reason only there
    const audit = await api(url, await current().login('admin'), 'GET', '/audit?action=auth.login_failed');
    expect(audit.body.rows.map((r: any) => r.after.reason).sort()).toEqual(['bad_password', 'unknown_nip']);
  });

  it('after 5 failures from one address, the 6th attempt is 429 RATE_LIMITED with Retry-After, even with the right password', async () => {
    const { url, accounts } = await fresh({ trustProxy: 'loopback' });
    const a = accounts.pengawas;
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    for (let i = 1; i <= 5; i++) {
      const r = await login(url, a.nip, `wrong-guess-${i}`, from('10.9.8.7'));
      expect(r.status, `failure ${i}`).toBe(401);
    }
    const sixth = await login(url, a.nip, a.password, from('10.9.8.7'));
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(sixth.body.retryAfterSec).toBe(Number(sixth.headers.get('retry-after')));
    expect(sixth.headers.get('set-cookie')).toBeNull();
    // the limit is per NIP and address: the owner at another address signs in (no account lock yet)
    expect((await login(url, a.nip, a.password, from('10.1.1.1'))).status).toBe(200);
  });

  it('keeps refusing the guessing address once the limit has been hit', async () => {
    const { url, accounts } = await fresh({ trustProxy: 'loopback' });
    const a = accounts.instruktur;
    const from = { 'x-forwarded-for': '10.9.8.6' };
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) statuses.push((await login(url, a.nip, `wrong-guess-${i}`, from)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const r = await login(url, a.nip, a.password, from);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(60);
  });

  it('locks the account after lockoutAfter failures in a row (423 LOCKED even with the right password); an admin unlock lets the user in', async () => {
    const { url, accounts } = await fresh({ lockoutAfter: 3, lockoutMin: 15 });
    const a = accounts.petugas_ti;
    for (let i = 1; i <= 3; i++) expect((await login(url, a.nip, `wrong-${i}-xyz`)).status).toBe(401);
    const locked = await login(url, a.nip, a.password);
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ ok: false, code: 'LOCKED' });
    expect(typeof locked.body.pesan).toBe('string');
    const retry = Number(locked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);

    const admin = await current().login('admin');
    const users = await api(url, admin, 'GET', '/users');
    expect(users.body.users.find((u: any) => u.id === a.id).lockedUntil).toBeGreaterThan(Date.now());
    const trail = await api(url, admin, 'GET', '/audit?action=auth.locked');
    expect(trail.body.rows).toHaveLength(1);
    expect(trail.body.rows[0]).toMatchObject({ actorRole: 'system', targetType: 'user', targetId: String(a.id), after: { failures: 3 } });

    const unlock = await api(url, admin, 'POST', `/users/${a.id}/unlock`);
    expect(unlock.status).toBe(200);
    expect(unlock.body.user.lockedUntil).toBeNull();
    expect((await login(url, a.nip, a.password)).status).toBe(200);
    const unlocked = await api(url, admin, 'GET', '/audit?action=user.unlocked');
    expect(unlocked.body.rows[0]).toMatchObject({ actorId: accounts.admin.id, targetId: String(a.id) });
  });

  it('does not lock the account when failures are interrupted by a success', async () => {
    const { url, accounts } = await fresh({ lockoutAfter: 3 });
    const a = accounts.koordinator;
    for (let i = 1; i <= 2; i++) expect((await login(url, a.nip, `wrong-${i}-xyz`)).status).toBe(401);
    expect((await login(url, a.nip, a.password)).status).toBe(200);
    for (let i = 3; i <= 4; i++) expect((await login(url, a.nip, `wrong-${i}-xyz`)).status).toBe(401);
    expect((await login(url, a.nip, a.password)).status).toBe(200);
  });

  it('the demo account list is not served outside demo mode', async () => {
    const { url } = await fresh();
    const r = await api(url, null, 'GET', '/auth/demo-accounts');
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.body)).not.toContain('demo-');
  });
});

describe('CSRF and origin checks', () => {
  it('refuses a state-changing request without the session\'s CSRF token, with a wrong one, or from another site', async () => {
    const { url } = await fresh();
    const s = await current().login('pengawas');
    const other = await current().login('instruktur');
    // POST /api/auth/password with a wrong current password: past the CSRF guard it answers 401,
    // so a 403 CSRF below can only come from the guard.
    const body = JSON.stringify({ current: 'not-my-password', next: 'Kata-Sandi-Baru-1' });
    const post = (headers: Record<string, string>) =>
      fetch(`${url}/api/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: s.cookie, ...headers }, body })
        .then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

    const cases: [string, Record<string, string>][] = [
      ['no token', {}],
      ['wrong token', { 'x-csrf-token': 'x'.repeat(s.csrf.length) }],
      ['short token', { 'x-csrf-token': s.csrf.slice(0, 5) }],
      ['another session\'s token', { 'x-csrf-token': other.csrf }],
      ['another site\'s Origin', { 'x-csrf-token': s.csrf, origin: 'https://evil.example' }],
      ['Origin "null"', { 'x-csrf-token': s.csrf, origin: 'null' }],
      ['Sec-Fetch-Site cross-site', { 'x-csrf-token': s.csrf, 'sec-fetch-site': 'cross-site' }]
    ];
    for (const [name, headers] of cases) {
      const r = await post(headers);
      expect(r.status, name).toBe(403);
      expect(r.body, name).toMatchObject({ ok: false, code: 'CSRF' });
      expect(typeof r.body.pesan, name).toBe('string');
    }
    // the right token from this origin passes the guard (and meets the wrong password)
    const ok = await post({ 'x-csrf-token': s.csrf, origin: url, 'sec-fetch-site': 'same-origin' });
    expect(ok).toMatchObject({ status: 401, body: { code: 'BAD_CREDENTIALS' } });
    // safe methods need no token
    expect((await fetch(`${url}/api/auth/me`, { headers: { cookie: s.cookie } })).status).toBe(200);
  });

  it('refuses a login posted from another site (login CSRF)', async () => {
    const { url, accounts } = await fresh();
    const r = await login(url, accounts.pengawas.nip, accounts.pengawas.password, { origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('CSRF');
    expect(r.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a dashboard socket opened from another site\'s page, even with the cookie', async () => {
    const { url } = await fresh();
    const s = await current().login('pengawas');
    const evil = track(io(`${url}/dashboard`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: s.cookie, origin: 'https://evil.example' } }));
    await expect(connected(evil)).rejects.toThrow(/FORBIDDEN/);
    const same = track(io(`${url}/dashboard`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: s.cookie, origin: url } }));
    await connected(same);
  });
});

describe('ending sessions', () => {
  it('logout invalidates the cookie and closes that session\'s sockets', async () => {
    const { url } = await fresh();
    const s = await current().login('pengawas');
    const d = await openDashboard(url, s);
    const end = endOf(d);
    const out = await api(url, s, 'POST', '/auth/logout');
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/cact_session=;.*Expires=Thu, 01 Jan 1970/i);
    expect((await end).ended).toEqual({ reason: 'logout' });
    const me = await api(url, s, 'GET', '/auth/me');
    expect(me.status).toBe(401);
    expect(me.body).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(me.body.message).toMatch(/ended/);
    await expect(connected(track(dashboardSocket(url, s)))).rejects.toThrow(/UNAUTHORIZED/);
  });

  it('logout-all ends every session of the user and closes their dashboards, and nobody else\'s', async () => {
    const { url } = await fresh();
    const a = await current().login('pengawas');
    const b = await current().login('pengawas');
    const bystander = await current().login('instruktur');
    const da = await openDashboard(url, a);
    const db = await openDashboard(url, b);
    const dc = await openDashboard(url, bystander);
    const ends = [endOf(da), endOf(db)];
    const r = await api(url, a, 'POST', '/auth/logout-all');
    expect(r.body).toEqual({ ok: true, sessions: 2 });
    for (const e of await Promise.all(ends)) expect(e.ended).toEqual({ reason: 'logout' });
    expect((await api(url, a, 'GET', '/auth/me')).status).toBe(401);
    expect((await api(url, b, 'GET', '/auth/me')).status).toBe(401);
    // the other user is untouched
    expect(dc.connected).toBe(true);
    expect((await call(dc, 'session:activity', {})).ok).toBe(true);
    expect((await api(url, bystander, 'GET', '/auth/me')).status).toBe(200);
  });

  it('an idle session ends: HTTP answers 401, a new socket is refused, an open one is closed with reason idle', async () => {
    const { url } = await fresh();
    const s = await current().login('pengawas');
    const control = await current().login('pengawas');
    const d = await openDashboard(url, s);
    const idleMin = current().config.sessionIdleMin;
    current().db.$client.prepare('update auth_sessions set last_seen_at = ? where id = ?').run(Date.now() - (idleMin + 1) * 60_000, sessionId(s));
    const me = await api(url, s, 'GET', '/auth/me');
    expect(me.status).toBe(401);
    expect(me.body.message).toMatch(/ended/);
    await expect(connected(track(dashboardSocket(url, s)))).rejects.toThrow(/UNAUTHORIZED/);
    // the open socket finds out at its next request
    const end = endOf(d);
    d.emit('room:join', { roomId: current().seeded[0].roomId }, () => {});
    expect((await end).ended).toEqual({ reason: 'idle' });
    // another session of the same user was active and lives on
    expect((await api(url, control, 'GET', '/auth/me')).status).toBe(200);
  });

  it('activity on the dashboard keeps a session from idling out', async () => {
    const { url } = await fresh();
    const s = await current().login('pengawas');
    const d = await openDashboard(url, s);
    const idleMs = current().config.sessionIdleMin * 60_000;
    const nearlyIdle = Date.now() - idleMs + 1_500;
    current().db.$client.prepare('update auth_sessions set last_seen_at = ? where id = ?').run(nearlyIdle, sessionId(s));
    const before = Date.now();
    const ack = await call(d, 'session:activity', {});
    expect(ack.ok).toBe(true);
    expect(ack.idleExpiresAt).toBeGreaterThanOrEqual(before + idleMs);
    const row = current().db.$client.prepare('select last_seen_at as t from auth_sessions where id = ?').get(sessionId(s)) as { t: number };
    expect(row.t).toBeGreaterThanOrEqual(before);
    await new Promise((r) => setTimeout(r, 1_600 - (Date.now() - before))); // past the old idle deadline
    expect((await api(url, s, 'GET', '/auth/me')).status).toBe(200);
  });

  it('a session past its absolute expiry ends, whatever its activity', async () => {
    const { url } = await fresh();
    const s = await current().login('koordinator');
    current().db.$client.prepare('update auth_sessions set expires_at = ? where id = ?').run(Date.now() - 1, sessionId(s));
    expect((await api(url, s, 'GET', '/auth/me')).status).toBe(401);
    await expect(connected(track(dashboardSocket(url, s)))).rejects.toThrow(/UNAUTHORIZED/);
  });

  it('a password change keeps this session, ends the others (their sockets too), and only the new password works', async () => {
    const { url, accounts } = await fresh();
    const a = accounts.instruktur;
    const here = await current().login('instruktur');
    const elsewhere = await current().login('instruktur');
    const dHere = await openDashboard(url, here);
    const dElsewhere = await openDashboard(url, elsewhere);
    // a wrong current password changes nothing
    const wrong = await api(url, here, 'POST', '/auth/password', { current: 'not-the-password', next: 'Sandi-Baru-Instruktur-1' });
    expect(wrong.status).toBe(401);
    expect((await api(url, elsewhere, 'GET', '/auth/me')).status).toBe(200);

    const end = endOf(dElsewhere);
    const r = await api(url, here, 'POST', '/auth/password', { current: a.password, next: 'Sandi-Baru-Instruktur-1' });
    expect(r.status).toBe(200);
    expect((await end).ended).toEqual({ reason: 'revoked' });
    expect((await api(url, elsewhere, 'GET', '/auth/me')).status).toBe(401);
    expect((await api(url, here, 'GET', '/auth/me')).status).toBe(200);
    expect(dHere.connected).toBe(true);
    expect((await call(dHere, 'session:activity', {})).ok).toBe(true);
    expect((await login(url, a.nip, a.password)).status).toBe(401);
    expect((await login(url, a.nip, 'Sandi-Baru-Instruktur-1')).status).toBe(200);
  });

  it('an admin password reset ends all the user\'s sessions and closes their dashboards', async () => {
    const { url, accounts } = await fresh();
    const admin = await current().login('admin');
    const s = await current().login('koordinator');
    const d = await openDashboard(url, s);
    const end = endOf(d);
    const r = await api(url, admin, 'POST', `/users/${accounts.koordinator.id}/password`, { password: 'Sandi-Reset-Admin-1' });
    expect(r.status).toBe(200);
    expect((await end).ended).toEqual({ reason: 'revoked' });
    expect((await api(url, s, 'GET', '/auth/me')).status).toBe(401);
    expect((await login(url, accounts.koordinator.nip, accounts.koordinator.password)).status).toBe(401);
    expect((await login(url, accounts.koordinator.nip, 'Sandi-Reset-Admin-1')).status).toBe(200);
    expect((await api(url, admin, 'GET', '/auth/me')).status).toBe(200); // the admin's own session is untouched
  });

  it('refuses a new password that contains the NIP', async () => {
    const { url, accounts } = await fresh();
    const s = await current().login('pengawas');
    const r = await api(url, s, 'POST', '/auth/password', { current: accounts.pengawas.password, next: `x${accounts.pengawas.nip}` });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('INVALID_PAYLOAD');
    expect((await login(url, accounts.pengawas.nip, accounts.pengawas.password)).status).toBe(200);
  });

  it('deactivating a user ends their sessions and closes their open dashboard; they cannot sign in until reactivated', async () => {
    const { url, accounts } = await fresh();
    const admin = await current().login('admin');
    const s = await current().login('instruktur');
    const d = await openDashboard(url, s);
    const end = endOf(d);
    const r = await api(url, admin, 'PATCH', `/users/${accounts.instruktur.id}`, { active: false });
    expect(r.status).toBe(200);
    expect(r.body.user.active).toBe(false);
    const { ended } = await end;
    expect(['revoked', 'inactive']).toContain(ended.reason);
    expect((await api(url, s, 'GET', '/auth/me')).status).toBe(401);
    await expect(connected(track(dashboardSocket(url, s)))).rejects.toThrow(/UNAUTHORIZED/);
    const refused = await login(url, accounts.instruktur.nip, accounts.instruktur.password);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('BAD_CREDENTIALS'); // says nothing about the account's state
    expect((await api(url, admin, 'PATCH', `/users/${accounts.instruktur.id}`, { active: true })).status).toBe(200);
    expect((await login(url, accounts.instruktur.nip, accounts.instruktur.password)).status).toBe(200);
  });

  it('an admin cannot deactivate themselves or drop their own admin role', async () => {
    const { url, accounts } = await fresh();
    const admin = await current().login('admin');
    expect((await api(url, admin, 'PATCH', `/users/${accounts.admin.id}`, { active: false })).status).toBe(409);
    expect((await api(url, admin, 'PATCH', `/users/${accounts.admin.id}`, { roles: ['koordinator'] })).status).toBe(409);
    expect((await api(url, admin, 'GET', '/users')).status).toBe(200);
  });

  it('a role change closes the user\'s sockets with reason changed; the session stays and the new role applies at once', async () => {
    const { url, accounts } = await fresh();
    const admin = await current().login('admin');
    const s = await current().login('pengawas');
    expect((await api(url, s, 'GET', '/audit')).status).toBe(200);
    const d = await openDashboard(url, s);
    const end = endOf(d);
    const r = await api(url, admin, 'PATCH', `/users/${accounts.pengawas.id}`, { roles: ['instruktur'] });
    expect(r.status).toBe(200);
    expect((await end).ended).toEqual({ reason: 'changed' });
    // the cookie still works, under the new role
    const me = await api(url, s, 'GET', '/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.roles).toEqual(['instruktur']);
    expect((await api(url, s, 'GET', '/audit')).status).toBe(403); // instruktur has no audit.view
    const again = await openDashboard(url, s);
    expect((await call(again, 'room:join', { roomId: current().seeded[0].roomId })).ok).toBe(true);
  });

  it('a scope change closes the user\'s sockets with reason changed and the new scope applies', async () => {
    const { url, accounts } = await fresh();
    const admin = await current().login('admin');
    const s = await current().login('petugas_ti');
    const d = await openDashboard(url, s);
    const end = endOf(d);
    const r = await api(url, admin, 'PATCH', `/users/${accounts.petugas_ti.id}`, { scopes: [{ kind: 'region', region: 'Kanreg Lain' }] });
    expect(r.status).toBe(200);
    expect((await end).ended).toEqual({ reason: 'changed' });
    const again = await openDashboard(url, s);
    expect(await call(again, 'room:join', { roomId: current().seeded[0].roomId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('HTTP hygiene', () => {
  it('sends security headers on /api and no x-powered-by', async () => {
    const { url } = await fresh();
    for (const path of ['/api/health', '/api/no-such-route', '/api/auth/me']) {
      const r = await fetch(`${url}${path}`);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('content-security-policy'), path).toMatch(/default-src 'none'/);
      expect(r.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
      expect(r.headers.get('x-powered-by'), path).toBeNull();
      expect(r.headers.get('cache-control'), path).toBe('no-store');
      expect(r.headers.get('referrer-policy'), path).toBeTruthy();
    }
  });

  it('answers malformed JSON with 400 INVALID_PAYLOAD and no stack trace', async () => {
    const { url } = await fresh();
    const s = await current().login('admin');
    for (const [path, cookie] of [['/api/auth/login', undefined], ['/api/users', s.cookie]] as const) {
      const r = await fetch(`${url}${path}`, {
        method: 'POST', body: '{"nip": "1985', headers: { 'content-type': 'application/json', ...(cookie ? { cookie, 'x-csrf-token': s.csrf } : {}) }
      });
      const text = await r.text();
      expect(r.status, path).toBe(400);
      const body = JSON.parse(text);
      expect(body, path).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
      expect(typeof body.pesan).toBe('string');
      expect(text, path).not.toMatch(/\bat\s+\S+\s*\(|\bat\s+\/|node_modules|SyntaxError|\.ts:\d+/);
      // the catalog's code for it and its words (protocol/messages/), nothing else
      expect(body, path).toMatchObject({ messageCode: 'payload.notJson', params: {} });
      expect(Object.keys(body).sort(), path).toEqual(['code', 'message', 'messageCode', 'ok', 'params', 'pesan']);
    }
  });

  it('answers a body over 64 KiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const { url } = await fresh();
    const big = JSON.stringify({ nip: '198504122010031001', password: 'x'.repeat(70 * 1024) });
    const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(r.status).toBe(413);
    const text = await r.text();
    expect(JSON.parse(text)).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
    expect(text).not.toMatch(/\bat\s+\S+\s*\(|node_modules/);
    // just under the limit is parsed (and then refused by the schema, not by size)
    const under = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nip: '1', password: 'x'.repeat(60 * 1024) }) });
    expect(under.status).toBe(400);
  });

  it('closes a dashboard connection that sends a packet over 64 KiB', async () => {
    const { url } = await fresh();
    const d = await openDashboard(url, await current().login('pengawas'));
    const gone = new Promise<string>((ok) => d.once('disconnect', ok));
    d.emit('room:join', { roomId: 1, pad: 'x'.repeat(70 * 1024) } as { roomId: number }, () => {});
    expect(await gone).toMatch(/transport (close|error)/);
  });
});
