/** A real server on loopback with a real SQLite file in a throwaway directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../../server/app.ts';
import type { ConfigInput } from '../../server/config.ts';
import { openDb } from '../../db/client.ts';
import { seedVenue, type SeedRoom, type SeededStation } from '../../demo/seed.ts';
import { roleAccounts, seedAccounts } from '../../demo/seed-accounts.ts';
import { CHECKLIST_COUNTS, CHECKLIST_KEYS } from '../../protocol/session.ts';
import type {
  DashboardClientEvents, DashboardServerEvents, Role, StationClientEvents, StationServerEvents
} from '../../protocol/index.ts';

export type TestAccount = { id: number; nip: string; password: string };
/** A venue seeded with the test's rooms, and one account per role scoped to it (koordinator: its region). */
export type TestVenue = {
  srv: TestServer;
  /** its stations, room by room in the order the rooms were given */
  seeded: SeededStation[];
  /** its room ids, in the order the rooms were given */
  roomIds: number[];
  accounts: Record<Role, TestAccount>;
  /** sign in over HTTP as this venue's account of `role` */
  login(role: Role): Promise<Session>;
};
export type TestServer = RunningServer & {
  seeded: SeededStation[];
  /** one account per role, scoped to the test venue (koordinator: its region; admin: national) */
  accounts: Record<Role, TestAccount>;
  /** a second venue in another region, when asked for with `otherVenue` */
  other: SeededStation[];
  /**
   * venues[0] is the test venue above (code T); with `venues: n`, venues[1..n-1] are copies of it
   * (codes T2, T3 …, regions 'Kanreg Uji 2' …), each with its own accounts: see venuePerTest.
   */
  venues: TestVenue[];
  dir: string;
  /** sign in over HTTP; returns the Cookie header value and the CSRF token */
  login(role: Role): Promise<Session>;
  /** close the server and start it again on the same database file (url, hub, db … are replaced) */
  restart(cfg?: ConfigInput): Promise<void>;
  dispose(): Promise<void>;
};
export type Session = { cookie: string; csrf: string };

/** Cheap argon2 for tests: a suite signs in hundreds of times. Production keeps the OWASP default. */
export const TEST_ARGON2 = { memoryCost: 1024, timeCost: 1 };

export async function startTestServer(
  cfg: ConfigInput = {},
  rooms: SeedRoom[] = [{ code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'running' }],
  opts: { otherVenue?: boolean; venues?: number } = {}
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cact-test-'));
  const dbFile = join(dir, 'test.sqlite');
  const db = openDb(dbFile);
  const seeded = seedVenue(db, { code: 'T', name: 'Venue Uji', region: 'Kanreg Uji', rooms, instansi: ['Instansi A', 'Instansi B'] });
  const other = opts.otherVenue
    ? seedVenue(db, { code: 'U', name: 'Venue Lain', region: 'Kanreg Lain', rooms: [{ code: 'L1', name: 'Ruang Lain', rows: 1, cols: 2, session: 'running' }], instansi: ['Instansi A'] })
    : [];
  const accounts = await seedAccounts(db, roleAccounts({ venueId: seeded[0].venueId, region: 'Kanreg Uji', instansi: 'Instansi A' }), { cost: TEST_ARGON2, demo: false });
  const copies: { seeded: SeededStation[]; accounts: Record<Role, TestAccount> }[] = [{ seeded, accounts }];
  for (let k = 2; k <= (opts.venues ?? 1); k++) {
    // same rooms, names and participants; its own code, region and accounts (NIPs 9000 + 10k …)
    const region = `Kanreg Uji ${k}`;
    const more = seedVenue(db, { code: `T${k}`, name: 'Venue Uji', region, rooms, instansi: ['Instansi A', 'Instansi B'] });
    copies.push({ seeded: more, accounts: await seedAccounts(db, roleAccounts({ venueId: more[0].venueId, region, instansi: 'Instansi A' }), { cost: TEST_ARGON2, demo: false, nipBase: 9000 + 10 * k }) });
  }
  db.$client.close();
  const server = await startServer({ port: 0, dbFile, logLevel: 'silent', webBuildDir: null, argon2: TEST_ARGON2, pinCheckGapMs: 0, ...cfg });
  const sessions = new Map<Role, Session>();
  let running = true;
  const self: TestServer = Object.assign(server, {
    seeded, other, accounts, dir, venues: [] as TestVenue[],
    async login(role: Role) {
      const a = accounts[role];
      const s = await loginAs(server.url, a.nip, a.password);
      sessions.set(role, s);
      return s;
    },
    async restart(again: ConfigInput = {}) {
      await self.close();
      running = false;
      const next = await startServer({ port: 0, dbFile, logLevel: 'silent', webBuildDir: null, argon2: TEST_ARGON2, pinCheckGapMs: 0, ...cfg, ...again });
      // the object the test holds stays the same; what it points at is the new process state
      const { url, port, config, db, hub, io, http, stats, log, close } = next;
      Object.assign(self, { url, port, config, db, hub, io, http, stats, log, close });
      running = true;
    },
    async dispose() {
      if (running) await self.close();
      running = false;
      rmSync(dir, { recursive: true, force: true });
    }
  });
  self.venues = copies.map((c) => ({
    srv: self, seeded: c.seeded, accounts: c.accounts,
    roomIds: [...new Set(c.seeded.map((st) => st.roomId))],
    login: (role: Role) => loginAs(self.url, c.accounts[role].nip, c.accounts[role].password)
  }));
  return self;
}

export type StationClient = Socket<StationServerEvents, StationClientEvents>;
export type DashboardClient = Socket<DashboardServerEvents, DashboardClientEvents>;

export function stationSocket(url: string, token: string): StationClient {
  return io(`${url}/station`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
}

export function dashboardSocket(url: string, session: Session | null): DashboardClient {
  const extraHeaders: Record<string, string> = session ? { cookie: session.cookie } : {};
  return io(`${url}/dashboard`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders });
}

/** POST /api/auth/login; throws unless it succeeds. */
export async function loginAs(url: string, nip: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nip, password }) });
  const body = (await res.json()) as { ok: boolean; csrfToken: string; code?: string };
  if (res.status !== 200 || !body.ok) throw new Error(`login ${nip} failed: ${res.status} ${body.code}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0], csrf: body.csrfToken };
}

/** fetch an /api path as a signed-in user (JSON body, CSRF token on state-changing methods). */
export async function api(url: string, session: Session | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (session && method !== 'GET') headers['x-csrf-token'] = session.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json: any = null;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, body: json, headers: res.headers };
}

/** Send a raw body (an import file: CSV text or XLSX bytes) as a signed-in user, with the CSRF token. */
export async function apiRaw(url: string, session: Session | null, method: string, path: string, data: Buffer | string, contentType: string) {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (session) headers.cookie = session.cookie;
  if (session && method !== 'GET') headers['x-csrf-token'] = session.csrf;
  const res = await fetch(`${url}/api${path}`, { method, headers, body: typeof data === 'string' ? data : new Uint8Array(data) });
  const text = await res.text();
  let json: any = null;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, body: json, headers: res.headers };
}

/** The id of a room's current session (GET /api/rooms/:id/session as `session`); throws when there is none. */
export async function roomSessionId(url: string, session: Session, roomId: number): Promise<number> {
  const r = await api(url, session, 'GET', `/rooms/${roomId}/session`);
  if (r.status !== 200 || !r.body.session) throw new Error(`room ${roomId} has no session: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.session.id as number;
}

/** Connect a station socket and say hello; resolves with the hello ack. */
export async function helloStation(url: string, token: string, stream: string, agentVersion = 'test') {
  const st: StationClient = stationSocket(url, token);
  await connected(st);
  const ack = await call(st, 'station:hello', { v: 1, t: Date.now(), agentVersion, stream, facts: validFacts });
  if (!ack?.ok) throw new Error(`hello failed: ${JSON.stringify(ack)}`);
  return { st, ack };
}

export const connected = (s: Socket) =>
  new Promise<void>((ok, ko) => {
    if (s.connected) return ok();
    s.once('connect', () => ok());
    s.once('connect_error', (e) => ko(e));
  });

/**
 * Emit with an ack and wait for it (untyped on purpose: tests also send malformed payloads). The
 * deadline is for an answer that never comes; an answer ends the wait at once (a batch stored with
 * synchronous = FULL may take seconds on a loaded machine).
 */
export function call<T = any>(s: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
  return (s.timeout(timeoutMs) as any).emitWithAck(event, payload) as Promise<T>;
}

/**
 * Heartbeats on `st` every `everyMs`, as a live agent sends them, until the returned function is
 * called: a station that must stay online while a test works (on a loaded machine, a pause of three
 * heartbeat intervals would otherwise make it offline in the middle).
 */
export function keepAlive(st: Socket, everyMs: number, rttMs = 2): () => void {
  const timer = setInterval(() => {
    if (st.connected) st.emit('station:heartbeat', { v: 1, t: Date.now(), rttMs, jitterMs: 0 }, () => {});
  }, everyMs);
  return () => clearInterval(timer);
}

export async function until<T>(fn: () => T | undefined | null | false, timeoutMs = 5000, stepMs = 25): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** until, for a condition that has to ask (an HTTP call, a query): polls `fn` until it gives a value. */
export async function untilAsync<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 5000, stepMs = 25): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export const validFacts = {
  cpuModel: 'Intel Core i5', cpuGhz: 2.4, cpuCores: 4, memoryGb: 8, diskGb: 256, screenWidth: 1920, screenHeight: 1080,
  webcam: true, browserName: 'Chrome', browserVersion: '131', os: 'Windows 11', networkType: 'wired' as const, networkMbps: 1000
};

export { openDb };

/**
 * A daftar periksa body for PUT /api/sessions/:id/checklist with every row and count present (the
 * schema wants them all). `filled`: every row answered sesuai with a note (so it never contradicts
 * what the stations measured), counts, conclusion layak and both signers — completable as it is.
 */
export function checklistBody(version: number, opts: { filled?: boolean; complete?: boolean } = {}) {
  const filled = opts.filled ?? false;
  return {
    items: Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, filled ? { value: 'sesuai', keterangan: `diperiksa ${k}` } : { value: null, keterangan: '' }])),
    counts: Object.fromEntries(CHECKLIST_COUNTS.map((c) => [c.key, filled ? 1 : null])),
    conclusion: filled ? 'layak' : null,
    recommendation: '',
    signers: filled
      ? { bkn: { name: 'Pengawas BKN', nip: '198503102010121001' }, instansi: { name: 'Panitia Instansi', nip: '198703152012122002' } }
      : { bkn: { name: '', nip: '' }, instansi: { name: '', nip: '' } },
    version,
    complete: opts.complete ?? false
  };
}

/**
 * Walk a scheduled session to `open` the regular way (Pasal 12–14): prepare, a completed daftar
 * periksa that says layak, open. `session` must have session.control and checklist.edit.
 */
export async function openSession(url: string, session: Session, sessionId: number) {
  const step = async (method: string, path: string, body?: unknown) => {
    const r = await api(url, session, method, path, body);
    if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const state = (await step('GET', `/sessions/${sessionId}`)).session.state;
  if (state === 'scheduled') await step('POST', `/sessions/${sessionId}/transition`, { action: 'prepare' });
  const { version } = (await step('GET', `/sessions/${sessionId}/checklist`)).checklist;
  await step('PUT', `/sessions/${sessionId}/checklist`, checklistBody(version, { filled: true, complete: true }));
  return (await step('POST', `/sessions/${sessionId}/transition`, { action: 'open' })).session;
}
