/**
 * Regression tests for the security review's fixes (commit "Review fixes: audit strings hashed as
 * stored…"): lone surrogates and the audit chain, burst-proof login limits, password change
 * limited and counted, cookie tossing and the HTTPS-only __Host- cookie, logout clearing with
 * Secure, origin checks including the scheme, and audit:verify on a file that is not an audit
 * trail. Each test gets its own server and SQLite file.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNip } from '../../demo/seed.ts';
import { api, connected, dashboardSocket, loginAs, type Session } from '../helpers/server.ts';
import { serverPerTest } from '../helpers/per-test.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PROD_ARGON2 = { memoryCost: 19456, timeCost: 2 };

/** The audit:verify CLI (local tsx binary). Asynchronous: the server lives in this process. */
function verify(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((ok) => {
    execFile(join(ROOT, 'node_modules/.bin/tsx'), ['server/cli/audit-verify.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 }, (e, out, err) => {
      ok({ code: e ? ((e as { code?: unknown }).code as number) ?? null : 0, out, err });
    });
  });
}

/** a server of its own per test: login counters, sessions and the audit trail never leak between tests */
const { fresh, track, current } = serverPerTest();

/** POST /api/auth/login with a raw body (so JSON escapes such as \ud800 reach the server as sent). */
async function loginRaw(url: string, raw: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
  const text = await res.text();
  let body: any = null;
  try { body = JSON.parse(text); } catch { body = text; }
  return { status: res.status, body, headers: res.headers };
}
const login = (url: string, nip: string, password: string, headers: Record<string, string> = {}) =>
  loginRaw(url, JSON.stringify({ nip, password }), headers);

const tokenOf = (s: Session) => s.cookie.slice(s.cookie.indexOf('=') + 1);
const count = (xs: number[], v: number) => xs.filter((x) => x === v).length;

/** Connect error message, or 'connected'. */
function outcome(s: ReturnType<typeof io>): Promise<string> {
  return new Promise((ok) => {
    s.once('connect', () => ok('connected'));
    s.once('connect_error', (e: Error) => ok(`error:${e.message}`));
  });
}

describe('lone UTF-16 surrogates and the audit chain', () => {
  it('a login whose NIP holds a lone surrogate answers 401 and audit:verify still finds the chain intact', async () => {
    const { url, config } = await fresh();
    const r = await loginRaw(url, '{"nip":"1\\ud800","password":"x"}');
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ ok: false, code: 'BAD_CREDENTIALS' });
    // the attempt is in the trail (SQLite stored the NIP with a replacement character)
    const rows = current().db.$client.prepare("select actor_nip as nip from audit_log where action = 'auth.login_failed'").all() as { nip: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0].nip).toMatch(/^1\ufffd+$/);
    const v = await verify('--db', config.dbFile);
    expect(v.err).toBe('');
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/audit trail intact/);
  });

  it('a user created with a lone surrogate in the name (accepted or refused with 400) leaves the chain intact, also after they sign in', async () => {
    const { url, config, seeded } = await fresh();
    const admin = await current().login('admin');
    const nip = demoNip(30300);
    const password = 'Sandi-Surrogat-77';
    const created = await api(url, admin, 'POST', '/users', {
      nip, name: 'Pengawas \ud800 Uji', jabatan: 'Pengawas \udfff', roles: ['pengawas'],
      scopes: [{ kind: 'venue', venueId: seeded[0].venueId }], password
    });
    expect([201, 400]).toContain(created.status);
    if (created.status === 201) {
      // the user's own login puts the stored name in the actor fields
      await loginAs(url, nip, password);
      expect((await api(url, admin, 'PATCH', `/users/${created.body.user.id}`, { name: 'Nama \udbff Baru' })).status).toBe(200);
    } else {
      expect(created.body).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    }
    const v = await verify('--db', config.dbFile);
    expect(v.err).toBe('');
    expect(v.code).toBe(0);
  });
});

describe('login limits hold against a parallel burst', () => {
  it('12 wrong passwords and the right one in parallel: at most 5 are checked, the rest 429, no lock, and the address stays limited', { timeout: 30_000 }, async () => {
    // production argon2 cost, and a user whose hash was made with it, so the checks overlap
    const { url, seeded } = await fresh({ argon2: PROD_ARGON2 });
    const admin = await current().login('admin');
    const nip = demoNip(30400);
    const password = 'Sandi-Produksi-Uji-1';
    const created = await api(url, admin, 'POST', '/users', {
      nip, name: 'Pengawas Burst', roles: ['pengawas'], scopes: [{ kind: 'venue', venueId: seeded[0].venueId }], password
    });
    expect(created.status).toBe(201);
    const id = created.body.user.id as number;

    const attempts = [...Array.from({ length: 12 }, (_, i) => `salah-tebak-${i}`), password];
    const results = await Promise.all(attempts.map((pw) => login(url, nip, pw)));
    const wrong = results.slice(0, 12).map((r) => r.status);
    const right = results[12];

    expect(wrong.every((s) => s === 401 || s === 429), `statuses ${wrong}`).toBe(true);
    for (const r of results) if (r.status === 429) expect(r.body.code).toBe('RATE_LIMITED');
    expect(count(wrong, 401), `statuses ${wrong}`).toBeLessThanOrEqual(5);
    // the right password gets in only if it was among the first 5 charged
    expect([200, 429]).toContain(right.status);
    if (right.status === 200) expect(count(wrong, 401)).toBeLessThanOrEqual(4);

    // only the attempts that were let through were checked: at most 5 failures recorded, no lock
    const failures = current().db.$client.prepare("select count(*) as n from audit_log where action = 'auth.login_failed' and target_id = ?").get(String(id)) as { n: number };
    expect(failures.n).toBeLessThanOrEqual(5);
    expect(failures.n).toBe(count(wrong, 401));
    expect(current().db.$client.prepare("select count(*) as n from audit_log where action = 'auth.locked'").get()).toEqual({ n: 0 });

    const after = await login(url, nip, password);
    if (right.status === 429) {
      expect(after.status).toBe(429);
      expect(after.body.code).toBe('RATE_LIMITED');
    } else {
      expect(after.status).toBe(200);
    }
  });
});

describe('the per-address login limit is about guessing, not about a shift starting behind one NAT', () => {
  it('successful logins give their attempt back; wrong ones from the address are still limited', async () => {
    const srv = await fresh({ loginPerAddress: 5 });
    const roles = Object.keys(srv.accounts) as (keyof typeof srv.accounts)[];
    // 12 successful logins from one address, more than twice the limit
    for (let i = 0; i < 12; i++) {
      const a = srv.accounts[roles[i % roles.length]];
      expect((await login(srv.url, a.nip, a.password)).status).toBe(200);
    }
    // 5 wrong passwords across different NIPs use up the address; the 6th attempt is 429
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) answers.push((await login(srv.url, demoNip(40_000 + i), 'salah-sekali-123')).status);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('password change is limited and counted like a login', () => {
  const change = (url: string, s: Session, current: string) =>
    api(url, s, 'POST', '/auth/password', { current, next: 'Sandi-Baru-Sekali-9' });

  it('5 wrong current passwords answer 401, the 6th 429 RATE_LIMITED (with Retry-After)', async () => {
    const { url, accounts } = await fresh({ trustProxy: 'loopback' });
    const s = await current().login('pengawas');
    for (let i = 1; i <= 5; i++) {
      const r = await change(url, s, `bukan-sandi-${i}`);
      expect(r.status, `attempt ${i}`).toBe(401);
      expect(r.body.code).toBe('BAD_CREDENTIALS');
    }
    const sixth = await change(url, s, accounts.pengawas.password); // even the right one
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    // the password did not change (checked from another address: this one is limited for this NIP now)
    expect((await login(url, accounts.pengawas.nip, 'Sandi-Baru-Sekali-9', { 'x-forwarded-for': '10.2.2.2' })).status).toBe(401);
    const trail = current().db.$client.prepare("select count(*) as n from audit_log where action = 'auth.password_change_failed'").get();
    expect(trail).toEqual({ n: 5 });
  });

  it('wrong current passwords count towards the account lockout', async () => {
    const { url, accounts } = await fresh({ lockoutAfter: 3 });
    const a = accounts.instruktur;
    const s = await current().login('instruktur');
    for (let i = 1; i <= 3; i++) expect((await change(url, s, `bukan-sandi-${i}`)).status, `attempt ${i}`).toBe(401);
    const r = await login(url, a.nip, a.password);
    expect(r.status).toBe(423);
    expect(r.body).toMatchObject({ ok: false, code: 'LOCKED' });
    expect(current().db.$client.prepare("select count(*) as n from audit_log where action = 'auth.locked'").get()).toEqual({ n: 1 });
    // and the signed-in session cannot keep guessing either
    expect((await change(url, s, a.password)).status).toBe(423);
  });
});

describe('session cookie: __Host- preferred (cookie tossing)', () => {
  it('over plain HTTP, with both __Host-cact_session (A) and cact_session (B), the request is A\'s', async () => {
    const { url, accounts } = await fresh();
    const a = await current().login('pengawas');
    const b = await current().login('instruktur');
    const both = { cookie: `__Host-cact_session=${tokenOf(a)}; cact_session=${tokenOf(b)}`, csrf: a.csrf };
    const me = await api(url, both, 'GET', '/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(accounts.pengawas.id);
    // the order in the header does not matter
    const reversed = { cookie: `cact_session=${tokenOf(b)}; __Host-cact_session=${tokenOf(a)}`, csrf: a.csrf };
    expect((await api(url, reversed, 'GET', '/auth/me')).body.user.id).toBe(accounts.pengawas.id);
    // the dashboard socket reads the same cookie: a valid __Host- one beside a junk plain one connects
    const d = track(dashboardSocket(url, { cookie: `__Host-cact_session=${tokenOf(a)}; cact_session=junk-${tokenOf(b).slice(5)}`, csrf: a.csrf }));
    await connected(d);
  });
});

describe('origin checks include the scheme', () => {
  it('a POST with a valid CSRF token but Origin https://<same host> to a plain-HTTP server is 403 CSRF', async () => {
    const { url, port } = await fresh();
    const s = await current().login('pengawas');
    const post = (origin: string) => fetch(`${url}/api/auth/logout`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, origin } });
    const wrong = await post(`https://127.0.0.1:${port}`);
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as any).code).toBe('CSRF');
    expect((await api(url, s, 'GET', '/auth/me')).status).toBe(200); // still signed in
    const right = await post(`http://127.0.0.1:${port}`);
    expect(right.status).toBe(200);
    expect((await api(url, s, 'GET', '/auth/me')).status).toBe(401);
  });

  it('a login posted with Origin https://<same host> to a plain-HTTP server is 403 CSRF', async () => {
    const { url, port, accounts } = await fresh();
    const r = await login(url, accounts.pengawas.nip, accounts.pengawas.password, { origin: `https://127.0.0.1:${port}` });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('CSRF');
  });

  it('a dashboard socket handshake with Origin https://<same host> to a plain-HTTP server is refused', async () => {
    const { url, port } = await fresh();
    const s = await current().login('pengawas');
    const bad = track(io(`${url}/dashboard`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: s.cookie, origin: `https://127.0.0.1:${port}` } }));
    expect(await outcome(bad)).toBe('error:FORBIDDEN');
    const good = track(io(`${url}/dashboard`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: s.cookie, origin: `http://127.0.0.1:${port}` } }));
    expect(await outcome(good)).toBe('connected');
  });
});

/** A request to the HTTPS test server (self-signed certificate: not verified). */
function viaHttps(url: string, method: string, path: string, o: { headers?: Record<string, string>; body?: unknown } = {}) {
  const payload = o.body === undefined ? undefined : JSON.stringify(o.body);
  return new Promise<{ status: number; headers: import('node:http').IncomingHttpHeaders; body: any }>((ok, ko) => {
    const req = httpsRequest(`${url}${path}`, {
      method, rejectUnauthorized: false,
      headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }), ...o.headers }
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let body: any = text;
        try { body = JSON.parse(text); } catch { /* not JSON */ }
        ok({ status: res.statusCode!, headers: res.headers, body });
      });
    });
    req.on('error', ko);
    req.end(payload);
  });
}

/** A self-signed certificate for 127.0.0.1, committed for tests only (tests/fixtures/tls/README.md). */
const TLS = { cert: join(ROOT, 'tests/fixtures/tls/test-cert.pem'), key: join(ROOT, 'tests/fixtures/tls/test-key.pem') };

describe('over HTTPS only the __Host- cookie counts, and it is set and cleared with Secure', () => {
  async function httpsServer() {
    const s = await fresh({ tlsCertFile: TLS.cert, tlsKeyFile: TLS.key });
    expect(s.url).toMatch(/^https:/);
    return s;
  }
  async function httpsLogin(url: string, nip: string, password: string) {
    const r = await viaHttps(url, 'POST', '/api/auth/login', { body: { nip, password } });
    expect(r.status).toBe(200);
    const setCookie = r.headers['set-cookie'] ?? [];
    expect(setCookie).toHaveLength(1);
    return { setCookie: setCookie[0], token: setCookie[0].split(';')[0].split('=')[1], csrf: r.body.csrfToken as string };
  }

  it('login sets __Host-cact_session with Secure; a plain cact_session cookie carrying a valid token is ignored (401)', async () => {
    const { url, accounts } = await httpsServer();
    const a = accounts.pengawas;
    const l = await httpsLogin(url, a.nip, a.password);
    expect(l.setCookie).toMatch(/^__Host-cact_session=[A-Za-z0-9_-]{40,};/);
    expect(l.setCookie).toMatch(/;\s*Secure/i);
    expect(l.setCookie).toMatch(/;\s*HttpOnly/i);
    expect(l.setCookie).toMatch(/;\s*Path=\/(;|$)/i);
    expect(l.setCookie).not.toMatch(/;\s*Domain=/i);

    const host = await viaHttps(url, 'GET', '/api/auth/me', { headers: { cookie: `__Host-cact_session=${l.token}` } });
    expect(host.status).toBe(200);
    expect(host.body.user.id).toBe(a.id);
    const plain = await viaHttps(url, 'GET', '/api/auth/me', { headers: { cookie: `cact_session=${l.token}` } });
    expect(plain.status).toBe(401);
    // a tossed plain cookie beside the real one does not win either
    const other = await httpsLogin(url, accounts.instruktur.nip, accounts.instruktur.password);
    const both = await viaHttps(url, 'GET', '/api/auth/me', { headers: { cookie: `cact_session=${other.token}; __Host-cact_session=${l.token}` } });
    expect(both.body.user.id).toBe(a.id);
  });

  it('the dashboard socket over HTTPS accepts the __Host- cookie and refuses a plain one', async () => {
    const { url, accounts } = await httpsServer();
    const l = await httpsLogin(url, accounts.pengawas.nip, accounts.pengawas.password);
    const open = (cookie: string, origin?: string) =>
      track(io(`${url}/dashboard`, { transports: ['websocket'], reconnection: false, forceNew: true, rejectUnauthorized: false, extraHeaders: { cookie, ...(origin ? { origin } : {}) } }));
    expect(await outcome(open(`cact_session=${l.token}`))).toBe('error:UNAUTHORIZED');
    expect(await outcome(open(`__Host-cact_session=${l.token}`))).toBe('connected');
    // and the origin's scheme must be https here
    const port = new URL(url).port;
    expect(await outcome(open(`__Host-cact_session=${l.token}`, `http://127.0.0.1:${port}`))).toBe('error:FORBIDDEN');
    expect(await outcome(open(`__Host-cact_session=${l.token}`, `https://127.0.0.1:${port}`))).toBe('connected');
  });

  it('a POST with Origin http://<same host> to the HTTPS server is 403 CSRF', async () => {
    const { url, accounts } = await httpsServer();
    const l = await httpsLogin(url, accounts.pengawas.nip, accounts.pengawas.password);
    const port = new URL(url).port;
    const headers = { cookie: `__Host-cact_session=${l.token}`, 'x-csrf-token': l.csrf };
    const wrong = await viaHttps(url, 'POST', '/api/auth/logout', { headers: { ...headers, origin: `http://127.0.0.1:${port}` } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('CSRF');
    const right = await viaHttps(url, 'POST', '/api/auth/logout', { headers: { ...headers, origin: `https://127.0.0.1:${port}` } });
    expect(right.status).toBe(200);
  });

  it('logout and logout-all clear the __Host- cookie with Secure (a browser ignores the clearing header otherwise)', async () => {
    const { url, accounts } = await httpsServer();
    for (const path of ['/api/auth/logout', '/api/auth/logout-all']) {
      const l = await httpsLogin(url, accounts.pengawas.nip, accounts.pengawas.password);
      const r = await viaHttps(url, 'POST', path, { headers: { cookie: `__Host-cact_session=${l.token}`, 'x-csrf-token': l.csrf } });
      expect(r.status, path).toBe(200);
      const cleared = r.headers['set-cookie'] ?? [];
      expect(cleared, path).toHaveLength(1);
      expect(cleared[0], path).toMatch(/^__Host-cact_session=;/);
      expect(cleared[0], path).toMatch(/;\s*Secure/i);
      expect(cleared[0], path).toMatch(/;\s*Path=\/(;|$)/i);
      expect(cleared[0], path).toMatch(/;\s*Expires=Thu, 01 Jan 1970/i);
      expect((await viaHttps(url, 'GET', '/api/auth/me', { headers: { cookie: `__Host-cact_session=${l.token}` } })).status, path).toBe(401);
    }
  });
});

describe('audit:verify on a file that is not an audit trail exits 2', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cact-verify-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a file that is not SQLite', async () => {
    const file = join(dir, 'not-sqlite.sqlite');
    writeFileSync(file, 'this is not a database, just some text\n'.repeat(200));
    const v = await verify('--db', file);
    expect(v.code).toBe(2);
    expect(v.err).toMatch(/not a database with an audit trail/);
  });

  it('an SQLite file without audit_log', async () => {
    const file = join(dir, 'empty.sqlite');
    const db = new Database(file);
    db.exec('create table something_else (x integer)');
    db.close();
    const v = await verify('--db', file);
    expect(v.code).toBe(2);
    expect(v.err).toMatch(/not a database with an audit trail/);
  });

  it('a missing file', async () => {
    const file = join(dir, 'missing.sqlite');
    const v = await verify('--db', file);
    expect(v.code).toBe(2);
    expect(v.err).toMatch(/no database at/);
    expect(existsSync(file)).toBe(false); // not created by the check
  });
});
