/**
 * Station enrollment: one-time codes exchanged for a station token (stored only as its sha-256),
 * what a station token opens and what it does not, revocation and re-enrollment, and the audit
 * rows they leave. Each test gets its own server: the enroll endpoint is rate limited per address.
 */
import { existsSync, readFileSync } from 'node:fs';
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../db/queries/stations.ts';
import {
  api, call, connected, stationSocket, startTestServer, validFacts,
  type Session, type StationClient, type TestServer
} from '../helpers/server.ts';

let srv: TestServer;
let ti: Session;
const sockets: { close(): void }[] = [];
const track = <T extends { close(): void }>(s: T) => (sockets.push(s), s);

beforeEach(async () => {
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 50 }, undefined, { otherVenue: true });
  ti = await srv.login('petugas_ti');
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await srv.dispose();
});

const roomId = () => srv.seeded[0].roomId;

async function codeFor(stationId: number, session: Session = ti, ttlMin?: number) {
  const r = await api(srv.url, session, 'POST', `/rooms/${roomId()}/enrollment-codes`, { stationIds: [stationId], ...(ttlMin ? { ttlMin } : {}) });
  expect(r.status).toBe(201);
  expect(r.body.codes).toHaveLength(1);
  return r.body.codes[0] as { stationId: number; stationCode: string; code: string; expiresAt: number };
}

const enroll = (code: string, hostname = 'pc-uji') => api(srv.url, null, 'POST', '/enroll', { code, hostname });

async function hello(st: StationClient, stream = 'stream-enr1') {
  await connected(st);
  return call(st, 'station:hello', { v: 1, t: Date.now(), agentVersion: 'test', stream, facts: validFacts });
}

const probe = (headers: Record<string, string>) => fetch(`${srv.url}/api/probe?bytes=2048`, { headers });

describe('enrolling a station', () => {
  it('a code from petugas_ti is exchanged for a token that connects for its own station', async () => {
    const seat = srv.seeded[1];
    const c = await codeFor(seat.stationId);
    expect(c.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(c.stationCode).toBe(seat.code);
    expect(c.expiresAt).toBeGreaterThan(Date.now() + 23 * 3600_000); // default: a day

    // the agent may type it in lower case and without the dash
    const r = await enroll(c.code.replace('-', '').toLowerCase());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, stationId: seat.stationId, stationCode: seat.code, roomId: seat.roomId, roomName: 'Ruang CAT 1', venueName: 'Venue Uji' });
    expect(r.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const st = track(stationSocket(srv.url, r.body.token));
    const h = await hello(st);
    expect(h).toMatchObject({ ok: true, stationId: seat.stationId, code: seat.code, roomId: seat.roomId });
    expect(await call(st, 'station:heartbeat', { v: 1, t: Date.now(), rttMs: 12, jitterMs: 1 })).toEqual({ ok: true });
    expect((await probe({ authorization: `Bearer ${r.body.token}` })).status).toBe(200);

    const list = await api(srv.url, ti, 'GET', `/rooms/${roomId()}/stations`);
    const row = list.body.stations.find((s: any) => s.id === seat.stationId);
    expect(row).toMatchObject({ enrolled: true, fingerprint: hashToken(r.body.token).slice(0, 8), online: true, pendingCodeExpiresAt: null });
  });

  it('a code works once: the second use is 410 GONE', async () => {
    const c = await codeFor(srv.seeded[2].stationId);
    expect((await enroll(c.code)).status).toBe(200);
    const again = await enroll(c.code);
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ ok: false, code: 'GONE' });
    expect(typeof again.body.pesan).toBe('string');
    expect(again.body.token).toBeUndefined();
  });

  it('an expired code is 410 GONE; an unknown one 404; a malformed one 400', async () => {
    const c = await codeFor(srv.seeded[2].stationId, ti, 5);
    srv.db.$client.prepare('update enrollment_codes set expires_at = ? where code_hash = ?').run(Date.now() - 1000, hashToken(c.code.replace('-', '')));
    const r = await enroll(c.code);
    expect(r.status).toBe(410);
    expect(r.body.code).toBe('GONE');
    expect((await enroll('ABCD-EFGH')).status).toBe(404);
    expect((await enroll('ABCD-EFG1')).status).toBe(400); // 1 is not in the alphabet
    expect((await enroll('')).status).toBe(400);
    // the refusal of a known code is recorded
    const admin = await srv.login('admin');
    const rows = (await api(srv.url, admin, 'GET', '/audit?action=station.enroll_refused')).body.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorRole: 'anonymous', targetId: String(srv.seeded[2].stationId), after: { expired: true, used: false } });
  });

  it('a newer code for the same seat replaces the unused older one', async () => {
    const seat = srv.seeded[3];
    const first = await codeFor(seat.stationId);
    const second = await codeFor(seat.stationId);
    expect((await enroll(first.code)).status).toBe(410);
    expect((await enroll(second.code)).status).toBe(200);
  });

  it('codes are made only for seats of that room; without a list, for every seat that has no token', async () => {
    const other = srv.other[0];
    const wrongRoom = await api(srv.url, ti, 'POST', `/rooms/${roomId()}/enrollment-codes`, { stationIds: [other.stationId] });
    expect(wrongRoom.status).toBe(404);
    const admin = await srv.login('admin');
    // every seat has a seeded token: nothing to do
    expect((await api(srv.url, ti, 'POST', `/rooms/${roomId()}/enrollment-codes`, {})).body.codes).toEqual([]);
    expect((await api(srv.url, admin, 'POST', `/stations/${srv.seeded[4].stationId}/revoke`)).status).toBe(200);
    const r = await api(srv.url, ti, 'POST', `/rooms/${roomId()}/enrollment-codes`, {});
    expect(r.body.codes.map((c: any) => c.stationId)).toEqual([srv.seeded[4].stationId]);
  });

  it('refuses the 21st enrollment attempt from one address within 10 minutes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await enroll('ABCD-EFGH')).status);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses[20]).toBe(429);
    // even a good code waits now
    const c = await codeFor(srv.seeded[1].stationId);
    const r = await enroll(c.code);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the stations list', () => {
  it('shows which computer enrolled each seat, its token fingerprint and a pending code', async () => {
    const [a, b] = srv.seeded;
    const c = await codeFor(a.stationId);
    const r = await enroll(c.code, 'LAB1-PC07');
    await codeFor(b.stationId); // not used: pending
    const list = await api(srv.url, ti, 'GET', `/rooms/${roomId()}/stations`);
    expect(list.status).toBe(200);
    const rowA = list.body.stations.find((s: { id: number }) => s.id === a.stationId);
    const rowB = list.body.stations.find((s: { id: number }) => s.id === b.stationId);
    expect(rowA).toMatchObject({ enrolled: true, hostname: 'LAB1-PC07', fingerprint: hashToken(r.body.token).slice(0, 8), pendingCodeExpiresAt: null });
    expect(rowB.pendingCodeExpiresAt).toBeGreaterThan(Date.now());
    // revoked: no token, so no computer is named for the seat
    expect((await api(srv.url, ti, 'POST', `/stations/${a.stationId}/revoke`)).status).toBe(200);
    const after = await api(srv.url, ti, 'GET', `/rooms/${roomId()}/stations`);
    expect(after.body.stations.find((s: { id: number }) => s.id === a.stationId)).toMatchObject({ enrolled: false, hostname: null, fingerprint: null });
  });
});

describe('a room behind one NAT address', () => {
  it('enrolls more PCs than the guessing limit from one address: successes give their try back', async () => {
    // every seat of venue T and U, re-enrolled from 127.0.0.1, several times over: 24 > 20
    const admin = await srv.login('admin');
    const seats = [...srv.seeded, ...srv.other];
    let ok = 0;
    for (let round = 0; round < 3; round++) {
      for (const s of seats) {
        const r = await api(srv.url, admin, 'POST', `/rooms/${s.roomId}/enrollment-codes`, { stationIds: [s.stationId] });
        const e = await enroll(r.body.codes[0].code);
        expect(e.status).toBe(200);
        ok++;
      }
    }
    expect(ok).toBe(24);
    // wrong codes are still limited: 20 tries, then 429
    const answers: number[] = [];
    for (let i = 0; i < 21; i++) answers.push((await enroll('ZZZZ-ZZZZ')).status);
    expect(answers.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(answers[20]).toBe(429);
  });
});

describe('what a station token opens, and what a session cookie does not', () => {
  it('a station token is no dashboard credential: refused on /dashboard and as Bearer on the API', async () => {
    const [a] = srv.seeded;
    const dash = track(io(`${srv.url}/dashboard`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: a.token } }));
    await expect(connected(dash)).rejects.toThrow(/UNAUTHORIZED/);
    const withHeader = track(io(`${srv.url}/dashboard`, {
      transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { authorization: `Bearer ${a.token}` }
    }));
    await expect(connected(withHeader)).rejects.toThrow(/UNAUTHORIZED/);
    for (const path of ['/api/rooms', `/api/rooms/${a.roomId}/participants`, `/api/rooms/${a.roomId}/stations`, '/api/auth/me', '/api/audit']) {
      const r = await fetch(`${srv.url}${path}`, { headers: { authorization: `Bearer ${a.token}` } });
      expect(r.status, path).toBe(401);
    }
    // nor as the session cookie
    const asCookie = await fetch(`${srv.url}/api/rooms`, { headers: { cookie: `cact_session=${a.token}` } });
    expect(asCookie.status).toBe(401);
  });

  it('a session cookie is no station credential: refused on /station and on /api/probe', async () => {
    const s = await srv.login('petugas_ti');
    const st = track(io(`${srv.url}/station`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: s.cookie } }));
    await expect(connected(st)).rejects.toThrow(/UNAUTHORIZED/);
    const cookieToken = s.cookie.split('=')[1];
    await expect(connected(track(stationSocket(srv.url, cookieToken)))).rejects.toThrow(/UNAUTHORIZED/);
    const r = await probe({ cookie: s.cookie });
    expect(r.status).toBe(401);
    expect(((await r.json()) as any).code).toBe('UNAUTHORIZED');
    // the station's own token gets the bytes
    const ok = await probe({ authorization: `Bearer ${srv.seeded[0].token}` });
    expect(ok.status).toBe(200);
    expect((await ok.arrayBuffer()).byteLength).toBe(2048);
  });
});

describe('revocation and re-enrollment', () => {
  it('revoking a connected station disconnects it within 1 s; its token no longer connects or probes', async () => {
    const seat = srv.seeded[0];
    const st = track(stationSocket(srv.url, seat.token));
    expect((await hello(st)).ok).toBe(true);
    const gone = new Promise<number>((ok) => st.once('disconnect', () => ok(Date.now())));
    const t0 = Date.now();
    const r = await api(srv.url, ti, 'POST', `/stations/${seat.stationId}/revoke`);
    expect(r.status).toBe(200);
    const at = await Promise.race([gone, new Promise<number>((_, ko) => setTimeout(() => ko(new Error('still connected after 1 s')), 1000))]);
    expect(at - t0).toBeLessThan(1000);
    await expect(connected(track(stationSocket(srv.url, seat.token)))).rejects.toThrow(/UNAUTHORIZED/);
    expect((await probe({ authorization: `Bearer ${seat.token}` })).status).toBe(401);
    const row = (await api(srv.url, ti, 'GET', `/rooms/${roomId()}/stations`)).body.stations.find((s: any) => s.id === seat.stationId);
    expect(row).toMatchObject({ enrolled: false, fingerprint: null });
    expect(row.tokenRevokedAt).toBeGreaterThanOrEqual(t0);
    // the other stations keep working
    const other = track(stationSocket(srv.url, srv.seeded[1].token));
    expect((await hello(other)).ok).toBe(true);
  });

  it('revoking a seat also voids its outstanding code', async () => {
    const seat = srv.seeded[3];
    const c = await codeFor(seat.stationId);
    expect((await api(srv.url, ti, 'POST', `/stations/${seat.stationId}/revoke`)).status).toBe(200);
    expect((await enroll(c.code)).status).toBe(410);
  });

  it('re-enrollment replaces the token: the old one is cut off and refused, the new one works', async () => {
    const seat = srv.seeded[2];
    const old = track(stationSocket(srv.url, seat.token));
    expect((await hello(old)).ok).toBe(true);
    const oldGone = new Promise<void>((ok) => old.once('disconnect', () => ok()));
    const c = await codeFor(seat.stationId);
    const r = await enroll(c.code, 'pc-pengganti');
    expect(r.status).toBe(200);
    await oldGone;
    await expect(connected(track(stationSocket(srv.url, seat.token)))).rejects.toThrow(/UNAUTHORIZED/);
    expect((await probe({ authorization: `Bearer ${seat.token}` })).status).toBe(401);
    const fresh = track(stationSocket(srv.url, r.body.token));
    expect(await hello(fresh)).toMatchObject({ ok: true, stationId: seat.stationId });
  });

  it('after revocation, a new code brings the seat back', async () => {
    const seat = srv.seeded[4];
    expect((await api(srv.url, ti, 'POST', `/stations/${seat.stationId}/revoke`)).status).toBe(200);
    const c = await codeFor(seat.stationId);
    const r = await enroll(c.code);
    expect(r.status).toBe(200);
    expect(await hello(track(stationSocket(srv.url, r.body.token)))).toMatchObject({ ok: true, stationId: seat.stationId });
  });
});

describe('storage and audit', () => {
  it('stores only hashes: neither the token nor the code appears anywhere in the SQLite file', async () => {
    const seat = srv.seeded[1];
    const c = await codeFor(seat.stationId);
    const r = await enroll(c.code);
    expect(r.status).toBe(200);
    const token: string = r.body.token;
    const bare = c.code.replace('-', '');
    srv.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const file = srv.config.dbFile;
    const bytes = Buffer.concat([readFileSync(file), ...(existsSync(`${file}-wal`) ? [readFileSync(`${file}-wal`)] : [])]);
    // the read sees the data: the hashes are there …
    expect(bytes.includes(Buffer.from(hashToken(token)))).toBe(true);
    expect(bytes.includes(Buffer.from(hashToken(bare)))).toBe(true);
    // … the secrets are not
    expect(bytes.includes(Buffer.from(token))).toBe(false);
    expect(bytes.includes(Buffer.from(bare))).toBe(false);
    expect(bytes.includes(Buffer.from(c.code))).toBe(false);
  });

  it('records code creation, enrollment and revocation in the audit trail, without secrets', async () => {
    const seat = srv.seeded[1];
    const oldFingerprint = hashToken(seat.token).slice(0, 8);
    const c = await codeFor(seat.stationId);
    const r = await enroll(c.code, 'pc-audit');
    expect((await api(srv.url, ti, 'POST', `/stations/${seat.stationId}/revoke`)).status).toBe(200);
    const newFingerprint = hashToken(r.body.token).slice(0, 8);

    const admin = await srv.login('admin');
    const rows = (await api(srv.url, admin, 'GET', '/audit?action=station.')).body.rows as any[];
    const byAction = (a: string) => rows.filter((x) => x.action === a);
    const venueId = seat.venueId;
    const tiId = srv.accounts.petugas_ti.id;

    expect(byAction('station.enrollment_codes_created')).toHaveLength(1);
    expect(byAction('station.enrollment_codes_created')[0]).toMatchObject({
      actorId: tiId, actorRole: 'petugas_ti', venueId, venueName: 'Venue Uji', targetType: 'room', targetId: String(seat.roomId),
      after: { stations: [seat.code], expiresAt: c.expiresAt }
    });
    expect(byAction('station.enrolled')).toHaveLength(1);
    expect(byAction('station.enrolled')[0]).toMatchObject({
      actorRole: 'station', actorId: null, venueId, targetType: 'station', targetId: String(seat.stationId),
      before: { fingerprint: oldFingerprint }, after: { code: seat.code, fingerprint: newFingerprint, hostname: 'pc-audit', codeCreatedBy: tiId }
    });
    expect(byAction('station.revoked')).toHaveLength(1);
    expect(byAction('station.revoked')[0]).toMatchObject({
      actorId: tiId, actorRole: 'petugas_ti', venueId, targetType: 'station', targetId: String(seat.stationId),
      before: { code: seat.code, fingerprint: newFingerprint }
    });
    const all = JSON.stringify(rows);
    expect(all).not.toContain(r.body.token);
    expect(all).not.toContain(c.code.replace('-', ''));
    expect(all).not.toContain(hashToken(r.body.token)); // not even the full hash: a fingerprint suffices
  });
});
