/**
 * The audit trail end to end: what actions record, the append-only triggers, the hash chain as
 * checked by the real CLI (server/cli/audit-verify.ts) against an attacker who has the file,
 * and GET /api/audit's scoping, filters and paging.
 *
 * One server for the file; a test that tampers with the database works on a copy of it (or, to
 * see what the running server does after the tampering, on a server of its own), so no test
 * depends on what another did.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { demoNip } from '../../demo/seed.ts';
import { auditHash } from '../../db/audit-chain.ts';
import {
  api, call, connected, dashboardSocket, startTestServer, type Session, type TestServer
} from '../helpers/server.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `npx tsx server/cli/audit-verify.ts --db FILE` (the local tsx binary, without npx's start-up).
 * Asynchronous: the server lives in this process and must keep serving meanwhile.
 */
function verify(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((ok) => {
    execFile(join(ROOT, 'node_modules/.bin/tsx'), ['server/cli/audit-verify.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 }, (e, out, err) => {
      ok({ code: e ? ((e as { code?: unknown }).code as number) ?? null : 0, out, err });
    });
  });
}

let srv: TestServer;
let file: string;
const s = {} as Record<'admin' | 'koordinator' | 'pengawas' | 'petugas_ti', Session>;
const count = () => (srv.db.$client.prepare('select count(*) as n from audit_log').get() as { n: number }).n;

/** a user the admin created for the reading tests (GET /api/audit) */
let createdUserId: number;

beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 1000 }, undefined, { otherVenue: true });
  file = srv.config.dbFile;
  for (const r of ['admin', 'koordinator', 'pengawas', 'petugas_ti'] as const) s[r] = await srv.login(r);
  // rows for the reading and tampering tests, whatever else ran before them: a user created and
  // changed by the admin (roles: user.access_changed; the time-window test wants no user.updated
  // before it), a PC of each venue revoked (one by the IT officer of venue T)
  const [, , , t3] = srv.seeded;
  const [, u1] = srv.other;
  const created = await api(srv.url, s.admin, 'POST', '/users', {
    nip: demoNip(20201), name: 'Calon Instruktur', jabatan: 'Analis', roles: ['instruktur'],
    scopes: [{ kind: 'venue', venueId: srv.seeded[0].venueId }], password: 'Rahasia-Sekali-78'
  });
  expect(created.status).toBe(201);
  createdUserId = created.body.user.id;
  expect((await api(srv.url, s.admin, 'PATCH', `/users/${createdUserId}`, { roles: ['pengawas'], jabatan: 'Pengawas CACT' })).status).toBe(200);
  expect((await api(srv.url, s.petugas_ti, 'POST', `/stations/${t3.stationId}/revoke`)).status).toBe(200);
  expect((await api(srv.url, s.admin, 'POST', `/stations/${u1.stationId}/revoke`)).status).toBe(200);
});
afterAll(async () => srv?.dispose());

describe('what the trail records', () => {
  it('a user created and changed by the admin: actor, role, before and after, never the password', async () => {
    const created = await api(srv.url, s.admin, 'POST', '/users', {
      nip: demoNip(20200), name: 'Calon Pengawas', jabatan: 'Analis', roles: ['instruktur'],
      scopes: [{ kind: 'venue', venueId: srv.seeded[0].venueId }], password: 'Rahasia-Sekali-77'
    });
    expect(created.status).toBe(201);
    const createdUserId = created.body.user.id;
    expect((await api(srv.url, s.admin, 'PATCH', `/users/${createdUserId}`, { roles: ['pengawas'], jabatan: 'Pengawas CACT' })).status).toBe(200);

    const rows = (await api(srv.url, s.admin, 'GET', `/audit?action=user.&userId=${srv.accounts.admin.id}`)).body.rows;
    const create = rows.find((r: any) => r.action === 'user.created');
    expect(create).toMatchObject({
      actorId: srv.accounts.admin.id, actorNip: srv.accounts.admin.nip, actorName: 'Admin Sistem (demo)', actorRole: 'admin',
      ip: expect.stringMatching(/127\.0\.0\.1/), targetType: 'user', targetId: String(createdUserId), before: null,
      after: { nip: demoNip(20200), name: 'Calon Pengawas', roles: ['instruktur'] }
    });
    expect(JSON.stringify(create)).not.toMatch(/Rahasia-Sekali-77|password/i);
    const change = rows.find((r: any) => r.action === 'user.access_changed');
    expect(change.before).toMatchObject({ roles: ['instruktur'], jabatan: 'Analis', active: true });
    expect(change.after).toMatchObject({ roles: ['pengawas'], jabatan: 'Pengawas CACT', active: true });
    expect(change.at).toBeGreaterThanOrEqual(create.at);
  });

  it('station actions carry the venue; a proctor\'s acknowledgement carries what was acknowledged', async () => {
    const [t0, , , , t4] = srv.seeded;
    const [u0] = srv.other;
    expect((await api(srv.url, s.petugas_ti, 'POST', `/stations/${t4.stationId}/revoke`)).status).toBe(200);
    expect((await api(srv.url, s.admin, 'POST', `/stations/${u0.stationId}/revoke`)).status).toBe(200);
    expect((await api(srv.url, s.admin, 'POST', `/rooms/${u0.roomId}/enrollment-codes`, { stationIds: [u0.stationId] })).status).toBe(201);
    const dash = dashboardSocket(srv.url, s.pengawas);
    try {
      await connected(dash);
      expect((await call(dash, 'station:ack-attention', { stationId: t0.stationId })).ok).toBe(true);
    } finally {
      dash.close();
    }
    const rows = (await api(srv.url, s.admin, 'GET', '/audit?action=station.')).body.rows as any[];
    expect(rows.find((r) => r.action === 'station.revoked' && r.targetId === String(t4.stationId))).toMatchObject({
      actorId: srv.accounts.petugas_ti.id, actorRole: 'petugas_ti', venueId: t4.venueId, venueName: 'Venue Uji', before: { code: t4.code }
    });
    expect(rows.find((r) => r.action === 'station.revoked' && r.targetId === String(u0.stationId))).toMatchObject({
      actorRole: 'admin', venueId: u0.venueId, venueName: 'Venue Lain'
    });
    expect(rows.find((r) => r.action === 'station.attention_acknowledged')).toMatchObject({
      actorId: srv.accounts.pengawas.id, actorRole: 'pengawas', venueId: t0.venueId, targetId: String(t0.stationId), before: { code: t0.code, attention: [] }
    });
  });

  it("reading a room's participants (personal data) is recorded: who, which room, how many, which agency filter", async () => {
    const op = await srv.login('operator_instansi');
    const roomId = srv.seeded[0].roomId;
    const seen = await api(srv.url, op, 'GET', `/rooms/${roomId}/participants`);
    expect(seen.status).toBe(200);
    const rows = (await api(srv.url, s.admin, 'GET', `/audit?action=participant.list_viewed&userId=${srv.accounts.operator_instansi.id}`)).body.rows;
    expect(rows[0]).toMatchObject({
      actorRole: 'operator_instansi', venueId: srv.seeded[0].venueId, targetType: 'room', targetId: String(roomId),
      after: { participants: seen.body.participants.length, agency: 'Instansi A' }
    });
  });

  it('logins and failed logins are recorded; the failed one under the NIP that was tried', async () => {
    const bad = await fetch(`${srv.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nip: srv.accounts.koordinator.nip, password: 'tebakan-salah' })
    });
    expect(bad.status).toBe(401);
    const rows = (await api(srv.url, s.admin, 'GET', '/audit?action=auth.')).body.rows as any[];
    expect(rows.filter((r) => r.action === 'auth.login').map((r) => r.actorId)).toEqual(
      expect.arrayContaining(['admin', 'koordinator', 'pengawas', 'petugas_ti'].map((r) => srv.accounts[r as 'admin'].id))
    );
    expect(rows.find((r) => r.action === 'auth.login_failed')).toMatchObject({
      actorId: null, actorNip: srv.accounts.koordinator.nip, actorRole: 'anonymous', targetId: String(srv.accounts.koordinator.id), after: { reason: 'bad_password' }
    });
  });
});

describe('GET /api/audit', () => {
  it('scopes rows to the viewer: venue T staff never see venue U rows, nor other users\' venue-less rows', async () => {
    const [vt, vu] = [srv.seeded[0].venueId, srv.other[0].venueId];
    const all = (await api(srv.url, s.admin, 'GET', '/audit?limit=500')).body.rows as any[];
    expect(all.some((r) => r.venueId === vu)).toBe(true); // there is something to hide
    expect(all.some((r) => r.venueId === null && r.actorId === srv.accounts.admin.id)).toBe(true);
    for (const who of ['pengawas', 'koordinator', 'petugas_ti'] as const) {
      const r = await api(srv.url, s[who], 'GET', '/audit?limit=500');
      expect(r.status, who).toBe(200);
      const rows = r.body.rows as any[];
      expect(rows.length, who).toBeGreaterThan(0);
      const leaked = rows.filter((x) => !(x.venueId === vt || (x.venueId === null && x.actorId === srv.accounts[who].id)));
      expect(leaked, who).toEqual([]);
      // and nothing in scope is missing
      const expected = all.filter((x) => x.venueId === vt || (x.venueId === null && x.actorId === srv.accounts[who].id)).map((x) => x.id);
      expect(rows.map((x) => x.id), who).toEqual(expected);
      expect((await api(srv.url, s[who], 'GET', `/audit?venueId=${vu}`)).status, who).toBe(403);
      // a filter on another user does not widen the scope
      const other = (await api(srv.url, s[who], 'GET', `/audit?userId=${srv.accounts.admin.id}`)).body.rows as any[];
      expect(other.every((x) => x.venueId === vt), who).toBe(true);
    }
  });

  it('filters by action (exact or prefix), user, venue and time', async () => {
    const q = async (query: string) => {
      const r = await api(srv.url, s.admin, 'GET', `/audit?limit=500&${query}`);
      expect(r.status, query).toBe(200);
      return r.body.rows as any[];
    };
    const all = await q('');
    const exact = await q('action=station.revoked');
    expect(exact.length).toBe(all.filter((r) => r.action === 'station.revoked').length);
    expect(exact.length).toBeGreaterThanOrEqual(2);
    const prefix = await q('action=user.');
    expect(prefix.map((r) => r.id)).toEqual(all.filter((r) => r.action.startsWith('user.')).map((r) => r.id));
    expect(prefix.length).toBeGreaterThanOrEqual(2);
    const byUser = await q(`userId=${srv.accounts.petugas_ti.id}`);
    expect(byUser.length).toBeGreaterThan(0);
    expect(byUser.map((r) => r.id)).toEqual(all.filter((r) => r.actorId === srv.accounts.petugas_ti.id).map((r) => r.id));
    const byVenue = await q(`venueId=${srv.other[0].venueId}`);
    expect(byVenue.length).toBeGreaterThan(0);
    expect(byVenue.map((r) => r.id)).toEqual(all.filter((r) => r.venueId === srv.other[0].venueId).map((r) => r.id));

    // a time window around one action holds that action
    const from = Date.now();
    await new Promise((r) => setTimeout(r, 5));
    expect((await api(srv.url, s.admin, 'PATCH', `/users/${createdUserId}`, { jabatan: 'Pengawas Senior' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 5));
    const to = Date.now();
    const window = await q(`from=${from}&to=${to}`);
    expect(window.map((r) => r.action)).toEqual(['user.updated']);
    expect(await q(`to=${from - 1}&action=user.updated`)).toEqual([]);
    expect((await q(`from=${from}`)).map((r) => r.action)).toContain('user.updated');

    expect((await api(srv.url, s.admin, 'GET', '/audit?action=DROP%20TABLE')).status).toBe(400);
    expect((await api(srv.url, s.admin, 'GET', '/audit?limit=501')).status).toBe(400);
    expect((await api(srv.url, s.admin, 'GET', '/audit?sort=id')).status).toBe(400);
  });

  it('pages backwards with before, newest first, without gaps or repeats', async () => {
    const all = ((await api(srv.url, s.admin, 'GET', '/audit?limit=500')).body.rows as any[]).map((r) => r.id);
    expect(all.length).toBeGreaterThan(7);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    const seen: number[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const r = await api(srv.url, s.admin, 'GET', `/audit?limit=3${before ? `&before=${before}` : ''}`);
      const ids = (r.body.rows as any[]).map((x) => x.id);
      expect(ids.length).toBeLessThanOrEqual(3);
      if (before) expect(ids.every((id) => id < before!)).toBe(true);
      seen.push(...ids);
      before = r.body.nextBefore;
      if (before !== null) expect(before).toBe(ids[ids.length - 1]);
      pages++;
    } while (before !== null && pages < 100);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 3));
  });

  it('lists the distinct actions for the filter', async () => {
    const r = await api(srv.url, s.pengawas, 'GET', '/audit/actions');
    expect(r.body.actions).toEqual(expect.arrayContaining(['auth.login', 'station.revoked', 'user.created']));
    expect(r.body.actions).toEqual([...new Set(r.body.actions as string[])].sort());
  });
});

/**
 * A copy of the server's database as it is now (SQLite's online backup: a consistent snapshot,
 * triggers and sequence included), for a test that tampers with the file: the server's own file
 * and the other tests are left alone. `dropTriggers`: the attacker has removed the append-only
 * triggers first.
 */
function tamperable(name: string, opts: { dropTriggers?: boolean } = {}) {
  const copy = join(srv.dir, `${name}-${Date.now()}.sqlite`);
  return srv.db.$client.backup(copy).then(() => {
    const evil = new Database(copy);
    onTestFinished(() => void evil.close());
    if (opts.dropTriggers) evil.exec('drop trigger audit_log_no_update; drop trigger audit_log_no_delete;');
    const row = (id: number) => evil.prepare('select * from audit_log where id = ?').get(id) as Record<string, unknown>;
    const reinsert = (r: Record<string, unknown>) => {
      const cols = Object.keys(r);
      evil.prepare(`insert into audit_log (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`).run(...cols.map((c) => r[c]));
    };
    const lastId = () => (evil.prepare('select max(id) as n from audit_log').get() as { n: number }).n;
    return { file: copy, evil, row, reinsert, lastId };
  });
}

describe('tamper evidence', () => {
  it('the CLI confirms an intact chain (exit 0) and refuses bad usage (exit 2)', async () => {
    const ok = await verify('--db', file);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain(`audit trail intact: ${count()} rows`);
    expect(count()).toBeGreaterThan(10);
    expect((await verify('--db', join(srv.dir, 'missing.sqlite'))).code).toBe(2);
    expect((await verify('--nonsense')).code).toBe(2);
  });

  it('the triggers refuse UPDATE and DELETE through SQL, from any connection', async () => {
    const other = new Database(file);
    try {
      for (const conn of [srv.db.$client, other]) {
        expect(() => conn.prepare(`update audit_log set action = 'auth.login' where id = 2`).run()).toThrow(/append-only/);
        expect(() => conn.prepare('delete from audit_log where id = 2').run()).toThrow(/append-only/);
        expect(() => conn.prepare('delete from audit_log').run()).toThrow(/append-only/);
      }
    } finally {
      other.close();
    }
    expect((await verify('--db', file)).code).toBe(0);
  });

  describe('an attacker with the file drops the triggers', () => {
    it('a changed row: exit 1 naming that row', async () => {
      const { file, evil, row } = await tamperable('changed', { dropTriggers: true });
      const id = 5;
      const original = row(id);
      evil.prepare('update audit_log set actor_name = ? where id = ?').run('Orang Lain', id);
      const r = await verify('--db', file);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`AUDIT TRAIL BROKEN at row ${id}:`);
      expect(r.err).toMatch(/changed/);
      evil.prepare('update audit_log set actor_name = ? where id = ?').run(original.actor_name, id);
      expect((await verify('--db', file)).code).toBe(0); // the check is about content, not about the triggers
    });

    it('a changed row whose hash was recomputed: exit 1 naming the next row', async () => {
      const { file, evil, row } = await tamperable('rehashed', { dropTriggers: true });
      const id = 6;
      const original = row(id);
      const changed = { ...original, action: 'auth.logout' } as any;
      const hash = auditHash(changed.prev_hash, {
        id: changed.id, at: changed.at, actorId: changed.actor_id, actorNip: changed.actor_nip, actorName: changed.actor_name, actorRole: changed.actor_role,
        ip: changed.ip, venueId: changed.venue_id, action: changed.action, targetType: changed.target_type, targetId: changed.target_id,
        beforeJson: changed.before_json, afterJson: changed.after_json
      });
      evil.prepare('update audit_log set action = ?, hash = ? where id = ?').run('auth.logout', hash, id);
      const r = await verify('--db', file);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`AUDIT TRAIL BROKEN at row ${id + 1}:`);
      evil.prepare('update audit_log set action = ?, hash = ? where id = ?').run(original.action, original.hash, id);
      expect((await verify('--db', file)).code).toBe(0);
    });

    it('a deleted middle row: exit 1 naming the row after it', async () => {
      const { file, evil, row, reinsert } = await tamperable('deleted-middle', { dropTriggers: true });
      const id = 7;
      const original = row(id);
      evil.prepare('delete from audit_log where id = ?').run(id);
      const r = await verify('--db', file);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`AUDIT TRAIL BROKEN at row ${id + 1}:`);
      reinsert(original);
      expect((await verify('--db', file)).code).toBe(0);
    });

    it('a deleted last row: exit 1', async () => {
      const { file, evil, lastId } = await tamperable('deleted-last', { dropTriggers: true });
      const last = lastId();
      evil.prepare('delete from audit_log where id = ?').run(last);
      const r = await verify('--db', file);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`AUDIT TRAIL BROKEN at row ${last}:`);
    });

    it('a deleted last row stays detectable after the server appends another row', async () => {
      // a server of its own, whose file the attacker changes under it: the newest row is deleted,
      // the server keeps working and records the next action; the deletion must not be papered over by it
      const own = await startTestServer({ heartbeatMs: 1000 });
      onTestFinished(() => own.dispose());
      const admin = await own.login('admin');
      const evil = new Database(own.config.dbFile);
      onTestFinished(() => void evil.close());
      evil.exec('drop trigger audit_log_no_update; drop trigger audit_log_no_delete;');
      const lastOwn = () => (evil.prepare('select max(id) as n from audit_log').get() as { n: number }).n;
      evil.prepare('delete from audit_log where id = ?').run(lastOwn());
      const deleted = (evil.prepare(`select seq from sqlite_sequence where name = 'audit_log'`).get() as { seq: number }).seq;
      expect(lastOwn()).toBe(deleted - 1);
      expect((await api(own.url, admin, 'GET', '/auth/me')).status).toBe(200);
      const bad = await fetch(`${own.url}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nip: own.accounts.pengawas.nip, password: 'salah-lagi-123' })
      });
      expect(bad.status).toBe(401); // recorded as auth.login_failed
      expect(lastOwn()).toBeGreaterThanOrEqual(deleted);
      const r = await verify('--db', own.config.dbFile);
      expect(r.code, `CLI said: ${r.out.trim()}`).toBe(1);
      expect(r.err).toMatch(/AUDIT TRAIL BROKEN at row \d+/);
    });
  });
});
