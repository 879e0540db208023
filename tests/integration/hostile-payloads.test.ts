/**
 * Hostile payloads at every edge, against a real server in a CHILD process (tests/helpers/server-proc.ts):
 * an input that makes the server throw outside its handlers ends that process, and this test then
 * reports which payload did it (with the child's last output) instead of taking vitest down with
 * it; the server is started again on the same database and the burst goes on.
 *
 * Edges: every /station event (before and after hello, with and without an ack callback, unknown
 * event names, raw socket.io packets), every /dashboard event of DashboardClientEvents (signed-in
 * proctor), and the HTTP API with a session cookie and CSRF token (malformed JSON, wrong types,
 * huge strings, deep nesting, __proto__/constructor keys, objects whose toString/valueOf are not
 * functions, arrays for objects, NaN-like strings, malformed URLs such as /%ff, /api/%, PATCH /%).
 *
 * After every burst: the process did not exit, GET /api/health answers 200 { ok: true }, and a
 * valid heartbeat of a greeted control station gets { ok: true }. For every answer: an error ack
 * (or HTTP error body) is under 4 KB as JSON, and nothing carries a stack frame, an internal path
 * (/work/, node_modules) or an exception name (TypeError, …).
 *
 * Random payloads come from a seeded PRNG: the seed is printed; `HOSTILE_SEED=<n> npx vitest run
 * tests/integration/hostile-payloads.test.ts` replays a run. The crafted cases are the same every run.
 * The child runs without NODE_ENV (as `npm start` does), the least forgiving setting for express.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { mulberry32, type Rng } from '../../agent/sim/rng.ts';
import { roleAccounts, seedAccounts } from '../../demo/seed-accounts.ts';
import { seedVenue, type SeededStation } from '../../demo/seed.ts';
import type { Role } from '../../protocol/index.ts';
import { ROUTES } from '../../protocol/routes.ts';
import { TEST_ARGON2, validFacts } from '../helpers/server.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) >>> 0 : (Date.now() ^ (process.pid << 10)) >>> 0;
const ACK_MS = 1500;
/** the dashboard build, when there is one (`npm test` builds it first): SvelteKit then sees every non-API request too */
const WEB_BUILD = existsSync(join(ROOT, 'build/handler.js')) ? join(ROOT, 'build') : null;
const ERROR_ACK_MAX = 4096;
/** random payloads per event and phase (on top of the crafted ones) */
const RANDOM_PER_EVENT = 24;

// ------------------------------------------------------------------ seeded randomness

const pick = <T,>(rng: Rng, a: readonly T[]): T => a[Math.floor(rng() * a.length)];
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

// ------------------------------------------------------------------ hostile values

/** an own, enumerable property whatever its name (a literal `__proto__:` would set the prototype) */
function own(o: Record<string, unknown>, k: string, v: unknown) {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}
const obj = (...kv: [string, unknown][]) => kv.reduce((o, [k, v]) => own(o, k, v), {} as Record<string, unknown>);
const nest = (depth: number, leaf: unknown = 1, key: string | null = null): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = key === null ? [v] : { [key]: v };
  return v;
};
const KB60 = 60_000;
const bytes = (n: number, fill = 0xab) => Buffer.alloc(n, fill);

const KEYS = ['v', 't', 'clk', 'stream', 'events', 'seq', 'at', 'type', 'nip', 'name', 'pin', 'id', 'result', 'message', 'kbps', 'bytes', 'ms',
  'facts', 'agentVersion', 'rttMs', 'jitterMs', 'roomId', 'stationId', 'instrument', 'percent', '__proto__', 'constructor', 'prototype',
  'toString', 'valueOf', 'hasOwnProperty', 'length', 'then', '0', '-1', ''];
const STRINGS = ['', ' ', 'NaN', '-NaN', 'Infinity', '-Infinity', '1e999', '-0', '0x1F', '0b11', '1_000', ' 1 ', '\uff11\uff12', 'null', 'undefined',
  'true', '[]', '{}', '\u0000', '\ud800', '\u202e', '\u{1F642}', '%ff', '%', '../..', '<script>', "' OR 1=1 --", '${7*7}', '{{7*7}}',
  'station:hello', '199001012020011001', '0'.repeat(18), '9'.repeat(400)];
const NUMBERS = [0, -0, -1, 1, 0.5, 2 ** 31, 2 ** 48 + 1, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 5e-324,
  946684800000, 4102444800001, NaN, Infinity];

function randomValue(rng: Rng, depth: number): unknown {
  const r = rng();
  if (depth <= 0 || r < 0.45) {
    const p = rng();
    if (p < 0.35) return pick(rng, NUMBERS);
    if (p < 0.7) return pick(rng, STRINGS);
    if (p < 0.8) return rng() < 0.5;
    if (p < 0.9) return null;
    return Math.round((rng() - 0.5) * 10 ** int(rng, 0, 15));
  }
  if (r < 0.6) return Array.from({ length: int(rng, 0, 6) }, () => randomValue(rng, depth - 1));
  if (r < 0.92) {
    const o: Record<string, unknown> = {};
    for (let i = int(rng, 0, 6); i > 0; i--) own(o, rng() < 0.8 ? pick(rng, KEYS) : Math.floor(rng() * 1e9).toString(36), randomValue(rng, depth - 1));
    return o;
  }
  const s = rng();
  if (s < 0.3) return { toString: randomValue(rng, 0) };
  if (s < 0.6) return { valueOf: pick(rng, [{}, 1, 'x', null]) };
  if (s < 0.8) return nest(int(rng, 50, 400), pick(rng, [1, 'x', null]), rng() < 0.5 ? null : 'a');
  return bytes(int(rng, 1, 512), int(rng, 0, 255));
}

/** A valid payload with one field replaced, removed, or one field added. */
function mutate(rng: Rng, valid: Record<string, unknown>): unknown {
  const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
  const keys = Object.keys(copy);
  let target: Record<string, unknown> = copy;
  // sometimes one level down (facts, events[0])
  const inner = keys.filter((k) => copy[k] && typeof copy[k] === 'object');
  if (inner.length && rng() < 0.35) {
    const k = pick(rng, inner);
    const v = copy[k] as Record<string, unknown> | Record<string, unknown>[];
    target = Array.isArray(v) ? v[0] : v;
  }
  const tk = Object.keys(target);
  const op = rng();
  if (op < 0.6 && tk.length) own(target, pick(rng, tk), randomValue(rng, 3));
  else if (op < 0.8 && tk.length) delete target[pick(rng, tk)];
  else own(target, pick(rng, KEYS), randomValue(rng, 2));
  return copy;
}

/** The same fixed list every run: top-level payloads that are wrong in every way we could think of. */
function craftedTopLevel(valid: () => Record<string, unknown>): [string, unknown][] {
  return [
    ['null', null], ['undefined', undefined], ['0', 0], ['-1', -1], ['1e308', 1e308], ['NaN', NaN], ['true', true],
    ['"NaN"', 'NaN'], ['"Infinity"', 'Infinity'], ['empty string', ''], ['50 KB string', 'x'.repeat(50_000)],
    ['[]', []], ['[valid]', [valid()]], ['10,000 zeros', new Array(10_000).fill(0)],
    ['{}', {}], ['{v:1}', { v: 1 }], ['{v:"1"}', { v: '1' }], ['{v:null}', { v: null }], ['{v:[]}', { v: [] }], ['{v:[1]}', { v: [1] }],
    ['{v:2}', { ...valid(), v: 2 }], ['{v:1e308}', { ...valid(), v: 1e308 }],
    ['{toString:1}', { toString: 1 }], ['{valueOf:{}}', { valueOf: {} }], ['{v:1,valueOf:{},toString:{}}', { v: 1, valueOf: {}, toString: {} }],
    ['__proto__ pollution', obj(['__proto__', { polluted: 1, v: 1 }], ['v', 1])],
    ['constructor.prototype', { v: 1, constructor: { prototype: { polluted: 1 } } }],
    ['valid + __proto__ key', own(valid(), '__proto__', { isAdmin: true })],
    ['valid + constructor key', own(valid(), 'constructor', { name: 'x' })],
    ['valid + 30 KB extra', { ...valid(), extra: 'x'.repeat(30_000) }],
    // (deeper ones go as raw packets: socket.io-client's own hasBinary() recursion overflows first)
    ['deep array 2,000', nest(2_000)], ['deep object 1,000', nest(1_000, 1, 'v')], ['deep under v', { ...valid(), v: nest(1000) }],
    ['5,000 keys', Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))],
    ['valid + 2,000 keys', { ...valid(), ...Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])) }],
    ['60 KB Buffer', bytes(KB60)], ['60 KB ArrayBuffer', new ArrayBuffer(KB60)], ['60 KB Uint8Array', new Uint8Array(KB60)],
    ['Float64Array', new Float64Array(1000)],
    ['valid + 60 KB Buffer field', { ...valid(), blob: bytes(KB60) }],
    ['v: Buffer', { ...valid(), v: bytes(8) }],
    ['nested Buffers', { v: 1, a: { b: [bytes(1000), { c: bytes(1000) }], d: [[bytes(500)]] } }],
    ['50 small Buffers', { v: 1, parts: Array.from({ length: 50 }, (_, i) => bytes(200, i)) }],
    // last: values that throw when coerced to a string (a crash here ends the burst for this mode)
    ['{v:{toString:1}}', { v: { toString: 1 } }],
    ['{v:{valueOf:{}}}', { v: { valueOf: {} } }],
    ['{v:{toString:1,valueOf:1}}', { v: { toString: 1, valueOf: 1 } }],
    ['valid, v:{toString:{}}', { ...valid(), v: { toString: {} } }]
  ];
}

/** Each field of the valid payload replaced by each of these. */
const FIELD_VALUES: [string, () => unknown][] = [
  ['{toString:1}', () => ({ toString: 1 })], ['{valueOf:{}}', () => ({ valueOf: {} })], ['[]', () => []], ['null', () => null],
  ['"NaN"', () => 'NaN'], ['"1e999"', () => '1e999'], ['-1', () => -1], ['2^53', () => 2 ** 53], ['20 KB string', () => 'y'.repeat(20_000)],
  ['deep 300', () => nest(300)], ['Buffer', () => bytes(64)], ['__proto__ object', () => obj(['__proto__', { x: 1 }])]
];

function fieldCases(valid: () => Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const k of Object.keys(valid())) {
    for (const [name, make] of FIELD_VALUES) out.push([`${k}=${name}`, { ...valid(), [k]: make() }]);
  }
  return out;
}

/** Payloads whose `v` is an object go last: a server that coerces them may die, which ends the burst. */
const coercive = (p: unknown) => !!p && typeof p === 'object' && !ArrayBuffer.isView(p) && Object.prototype.hasOwnProperty.call(p, 'v') &&
  typeof (p as { v: unknown }).v === 'object' && (p as { v: unknown }).v !== null;
function ordered(list: [string, unknown][]) {
  return [...list.filter(([, p]) => !coercive(p)), ...list.filter(([, p]) => coercive(p))];
}

// ------------------------------------------------------------------ what an answer must not contain

const LEAKS: [string, RegExp][] = [
  ['a stack frame', /(?:^|\\n|\n|<br>)(?:\s|&nbsp;)*at \S/],
  ['a stack frame', /\bat \S+ \((?:\/|file:|node:)/],
  ['a stack frame', /\bat (?:\/|file:\/\/|node:)\S*:\d+/],
  ['an internal path', /\/work\/|node_modules|\/home\/|\/tmp\//],
  ['an exception name', /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|URIError)\b/]
];
function leakIn(text: string): string | null {
  for (const [what, re] of LEAKS) {
    const m = re.exec(text);
    if (m) return `${what}: …${text.slice(Math.max(0, m.index - 40), m.index + 80).replace(/\s+/g, ' ')}…`;
  }
  return null;
}
const safeJson = (v: unknown) => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

class Findings {
  static sends = 0;
  static answers = 0;
  readonly list: string[] = [];
  set sends(n: number) {
    Findings.sends += n - this.sent;
    this.sent = n;
  }
  get sends() {
    return this.sent;
  }
  private sent = 0;
  add(label: string, what: string) {
    if (this.list.length < 400) this.list.push(`${label}: ${what}`);
  }
  /** an ack (or HTTP JSON body): error answers small, nothing internal anywhere */
  inspect(label: string, value: unknown, opts: { sizeRule?: boolean } = {}) {
    Findings.answers++;
    const text = safeJson(value);
    const isError = !!value && typeof value === 'object' && (value as { ok?: unknown }).ok === false;
    if (isError && (opts.sizeRule ?? true) && text.length >= ERROR_ACK_MAX) this.add(label, `error answer of ${text.length} bytes (limit ${ERROR_ACK_MAX}): ${text.slice(0, 120)}…`);
    const leak = leakIn(text);
    if (leak) this.add(label, `answer contains ${leak}`);
  }
  report() {
    // one line per distinct problem, counted
    const counts = new Map<string, number>();
    for (const l of this.list) counts.set(l, (counts.get(l) ?? 0) + 1);
    return [...counts].map(([l, n]) => (n > 1 ? `${l} (×${n})` : l)).slice(0, 40).join('\n');
  }
}

// ------------------------------------------------------------------ the server child

type Death = { code: number | null; signal: string | null; during: string; tail: string };

class ServerChild {
  child: ChildProcess | null = null;
  url = '';
  out = '';
  /** lines the child wrote (its log, at level warn) since the test began */
  outLines = 0;
  deaths: Death[] = [];
  /** what was last sent: a death is attributed to it */
  during = 'start-up';
  private stopping = false;
  constructor(private readonly dbFile: string) {}

  get alive() {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start() {
    const env = { ...process.env };
    delete env.NODE_ENV; // as `npm start` runs it
    const child = spawn(process.execPath, [
      '--import', 'tsx', join(ROOT, 'tests/helpers/server-proc.ts'), '--db', this.dbFile, '--log-level', 'warn',
      '--config', JSON.stringify({ pinCheckGapMs: 0, argon2: TEST_ARGON2, webBuildDir: WEB_BUILD })
    ], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env });
    const keep = (b: Buffer) => {
      const text = b.toString('utf8');
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.outLines++;
      this.out = (this.out + text).slice(-40_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('exit', (code, signal) => {
      if (!this.stopping) this.deaths.push({ code, signal, during: this.during, tail: this.out.slice(-2500) });
      if (this.child === child) this.child = null;
    });
    this.child = child;
    const ready = await new Promise<{ url: string }>((ok, ko) => {
      const t = setTimeout(() => ko(new Error(`server child not ready in 30 s:\n${this.out.slice(-2000)}`)), 30_000);
      child.on('message', (m: { type?: string; url?: string }) => {
        if (m?.type === 'ready') {
          clearTimeout(t);
          ok(m as { url: string });
        }
      });
      child.once('exit', (code) => {
        clearTimeout(t);
        ko(new Error(`server child exited (${code}) during start-up:\n${this.out.slice(-2000)}`));
      });
    });
    this.url = ready.url;
  }

  /** resolves when the child exits (never, while it lives) */
  exited(): Promise<void> {
    const c = this.child;
    if (!c) return Promise.resolve();
    return new Promise((ok) => c.once('exit', () => ok()));
  }

  async stop() {
    this.stopping = true;
    const c = this.child;
    if (!c || !this.alive) return;
    const gone = new Promise<void>((ok) => c.once('exit', () => ok()));
    try { c.send({ cmd: 'stop' }); } catch { /* channel closed */ }
    const t = setTimeout(() => c.kill('SIGKILL'), 8000);
    await gone;
    clearTimeout(t);
  }
}

// ------------------------------------------------------------------ clients

type Reply = { kind: 'ack'; value: unknown } | { kind: 'timeout' } | { kind: 'closed' } | { kind: 'died' };

function connect(url: string, nsp: '/station' | '/dashboard', opts: { token?: string; cookie?: string }): Promise<Socket> {
  return new Promise((ok, ko) => {
    const s = io(url + nsp, {
      transports: ['websocket'], reconnection: false, forceNew: true, timeout: 5000,
      auth: opts.token ? { token: opts.token } : undefined,
      extraHeaders: opts.cookie ? { cookie: opts.cookie } : undefined
    });
    s.once('connect', () => ok(s));
    s.once('connect_error', (e) => ko(e));
  });
}

/** emit and wait for the ack, the socket closing, or the server dying — whichever comes first */
function send(srv: ServerChild, s: Socket, event: string, args: unknown[], ms = ACK_MS): Promise<Reply> {
  return new Promise((ok) => {
    let done = false;
    const finish = (r: Reply) => {
      if (done) return;
      done = true;
      clearTimeout(t);
      s.off('disconnect', onClose);
      ok(r);
    };
    // a closed socket may be the server dying: it is 'closed' only if the server still answers
    const onClose = () => {
      void httpRaw(srv.url, 'GET', '/api/health').then(async (h) => {
        if (!('error' in h) && h.status === 200 && srv.alive) return finish({ kind: 'closed' });
        await Promise.race([srv.exited(), new Promise((r) => setTimeout(r, 2000))]);
        finish(srv.alive ? { kind: 'closed' } : { kind: 'died' });
      });
    };
    const t = setTimeout(() => finish({ kind: 'timeout' }), ms);
    s.once('disconnect', onClose);
    void srv.exited().then(() => finish({ kind: 'died' }));
    if (!s.connected) return onClose();
    s.emit(event, ...args, (...res: unknown[]) => finish({ kind: 'ack', value: res[0] }));
  });
}

/**
 * One hostile call on `s`. With an ack: the answer is awaited (`ackMs`) and must come, unless the
 * call may go unanswered (odd argument counts). Without: a known call right behind it (`ping`)
 * must be answered with an { ok } — socket.io runs a socket's handlers in order, so that answer
 * proves the payload before it did no harm. Every answer is inspected; what is wrong goes into `f`.
 */
async function probe(
  f: Findings, s: Socket, tag: string, event: string, args: unknown[], withAck: boolean, ping: [string, unknown],
  opts: { ackMs?: number; mayGoUnanswered?: boolean } = {}
): Promise<Reply> {
  srv.during = tag;
  f.sends++;
  let r: Reply;
  if (withAck) r = await send(srv, s, event, args, opts.ackMs ?? ACK_MS);
  else {
    s.emit(event, ...args);
    r = await send(srv, s, ping[0], [ping[1]]);
  }
  if (r.kind === 'ack') {
    f.inspect(tag, r.value);
    if (!withAck && typeof (r.value as { ok?: unknown })?.ok !== 'boolean') f.add(tag, `the call behind it was answered ${safeJson(r.value).slice(0, 100)}`);
  }
  if (r.kind === 'timeout' && withAck && !opts.mayGoUnanswered) f.add(tag, 'no answer within 1.5 s (the connection stayed open)');
  if (r.kind === 'timeout' && !withAck) f.add(tag, 'the call behind it got no answer');
  return r;
}

function httpRaw(url: string, method: string, path: string, opts: { headers?: Record<string, string>; body?: string | Buffer } = {}):
  Promise<{ status: number; type: string; text: string } | { error: string }> {
  const u = new URL(url);
  return new Promise((ok) => {
    let req: http.ClientRequest;
    try {
      req = http.request({ host: u.hostname, port: u.port, method, path, agent: false, headers: opts.headers, timeout: 5000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => ok({ error: e.message }));
      });
    } catch (e) {
      return ok({ error: `client refused to send: ${(e as Error).message}` });
    }
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => ok({ error: e.message }));
    req.end(opts.body);
  });
}

async function login(url: string, nip: string, password: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nip, password }) });
  const body = (await res.json()) as { ok: boolean; csrfToken: string };
  if (!body.ok) throw new Error(`login ${nip}: ${res.status}`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: body.csrfToken };
}

/**
 * The call sent right behind a payload without ack: a KNOWN event, so that its handler is queued
 * behind the payload's (socket.io runs handlers on the next tick, unknown events are answered at
 * once): an answer proves the payload before it did no harm.
 */
const STATION_PING: [string, unknown] = ['station:heartbeat', null];
const DASHBOARD_PING: [string, unknown] = ['session:activity', {}];

// ------------------------------------------------------------------ the fixture

let srv: ServerChild;
let dir: string;
let seeded: SeededStation[];
let accounts: Record<Role, { id: number; nip: string; password: string }>;
const sessions = new Map<Role, { cookie: string; csrf: string }>();
let control: Socket | null = null;
let roomId = 0;
let sessionId = 0;
const CONTROL_STREAM = 'hostile-control-1';
/**
 * The station the /station edge tests connect as: R1's fifth PC (id 5). Not station 1: the HTTP
 * burst's hostile ids include '0x1' and '1e3', which the API reads as ids 1 and 1000, and its
 * revoke route would take station 1's token away from whichever test runs after it.
 */
const edgeToken = () => seeded[4].token;

beforeAll(async () => {
  console.log(`[hostile-payloads] seed ${SEED} (replay: HOSTILE_SEED=${SEED} npx vitest run tests/integration/hostile-payloads.test.ts)`);
  dir = mkdtempSync(join(tmpdir(), 'cact-hostile-'));
  const dbFile = join(dir, 'hostile.sqlite');
  const db = openDb(dbFile);
  seeded = seedVenue(db, { code: 'T', name: 'Venue Uji', region: 'Kanreg Uji', instansi: ['Instansi A'],
    rooms: [{ code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'running' }] });
  accounts = await seedAccounts(db, roleAccounts({ venueId: seeded[0].venueId, region: 'Kanreg Uji', instansi: 'Instansi A' }), { cost: TEST_ARGON2, demo: false });
  roomId = seeded[0].roomId;
  sessionId = (db.$client.prepare('select id from sessions where room_id = ?').get(roomId) as { id: number }).id;
  db.$client.close();
  srv = new ServerChild(dbFile);
  await srv.start();
  for (const role of ['admin', 'pengawas'] as Role[]) sessions.set(role, await login(srv.url, accounts[role].nip, accounts[role].password));
}, 60_000);

afterAll(async () => {
  console.log(`[hostile-payloads] seed ${SEED}: ${Findings.sends} hostile sends, ${Findings.answers} answers inspected, ` +
    `${srv?.deaths.length ?? 0} server deaths, dashboard build ${WEB_BUILD ? 'served' : 'absent (API only)'}`);
  control?.close();
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The server is up (started again after a death, on the same database; sessions survive). */
async function ensureServer() {
  if (srv.alive) return;
  control?.close();
  control = null;
  await srv.start();
}

async function greetedControl(): Promise<Socket> {
  if (control?.connected) return control;
  control?.close();
  control = await connect(srv.url, '/station', { token: seeded[1].token });
  const r = await send(srv, control, 'station:hello', [{ v: 1, t: Date.now(), agentVersion: 'control', stream: CONTROL_STREAM, facts: validFacts }], 5000);
  if (r.kind !== 'ack' || (r.value as { ok?: boolean })?.ok !== true) throw new Error(`control hello failed: ${safeJson(r)}`);
  return control;
}

/** After a burst: the process lives, /api/health answers, and a valid heartbeat is accepted. */
async function checkAlive(f: Findings, label: string) {
  await new Promise((r) => setTimeout(r, 100));
  if (!srv.alive) {
    f.add(label, 'the server process is gone');
    return;
  }
  const h = await httpRaw(srv.url, 'GET', '/api/health');
  if ('error' in h || h.status !== 200 || !/"ok":true/.test(h.text)) f.add(label, `GET /api/health after the burst: ${safeJson(h).slice(0, 200)}`);
  try {
    const c = await greetedControl();
    const r = await send(srv, c, 'station:heartbeat', [{ v: 1, t: Date.now(), rttMs: 2, jitterMs: 1 }], 3000);
    if (r.kind !== 'ack' || safeJson(r.value) !== '{"ok":true}') f.add(label, `valid heartbeat after the burst: ${safeJson(r).slice(0, 200)}`);
  } catch (e) {
    f.add(label, `control station: ${(e as Error).message}`);
  }
}

/** Deaths during this case become findings (with the child's last output, trimmed to the error). */
function deathsSince(f: Findings, n: number) {
  for (const d of srv.deaths.slice(n)) {
    const err = /(\w*Error[^\n]*)(\n\s+at [^\n]+){0,4}/.exec(d.tail)?.[0] ?? d.tail.slice(-600);
    f.add(d.during, `the server process EXITED (code ${d.code}, signal ${d.signal}): ${err}`);
  }
}

/** The start of a burst: the server up, its deaths so far (those during the burst become findings). */
async function beginBurst() {
  await ensureServer();
  return { f: new Findings(), deaths0: srv.deaths.length };
}

/** The end of a burst: deaths during it, then the checks after it (the process lives, answers, takes a heartbeat). */
async function endBurst(f: Findings, deaths0: number, label: string) {
  if (!srv.alive) await srv.exited();
  deathsSince(f, deaths0);
  await ensureServer();
  await checkAlive(f, `${label}: after the burst`);
  return f;
}

function verdict(f: Findings, what: string) {
  expect(f.list, `${what} — seed ${SEED}\n${f.report()}`).toEqual([]);
}

// ------------------------------------------------------------------ station edge

const STATION_VALID: Record<string, () => Record<string, unknown>> = {
  'station:hello': () => ({ v: 1, t: Date.now(), agentVersion: 'hostile', stream: 'hostile-stream-1', facts: { ...validFacts } }),
  'station:heartbeat': () => ({ v: 1, t: Date.now(), rttMs: 3, jitterMs: 1 }),
  'station:events': () => ({ v: 1, stream: 'hostile-stream-1', events: [{ seq: 1, at: Date.now(), type: 'logout' }] }),
  'station:probe-result': () => ({ v: 1, id: 'p1', kbps: 1000, bytes: 1024, ms: 10 }),
  'station:pin-verify': () => ({ v: 1, pin: 'ABC123' }),
  'station:command-ack': () => ({ v: 1, id: 1, result: 'applied' })
};
const UNKNOWN_STATION_EVENTS = ['station:nonsense', 'room:join', 'station:probe', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
  'error', 'STATION:HELLO', 'station:hello ', '', ' ', 'x'.repeat(5000), '\u0000', 'station:\u{1F642}'];

function stationPayloads(event: string, rng: Rng): [string, unknown[]][] {
  const valid = STATION_VALID[event] ?? (() => ({ v: 1 }));
  const list: [string, unknown][] = [...craftedTopLevel(valid), ...(STATION_VALID[event] ? fieldCases(valid) : [])];
  for (let i = 0; i < RANDOM_PER_EVENT; i++) list.push([`random #${i}`, rng() < 0.5 ? randomValue(rng, 4) : mutate(rng, valid())]);
  const out: [string, unknown[]][] = ordered(list).map(([l, p]) => [l, [p]]);
  // argument-count games go before the coercive tail
  const firstCoercive = out.findIndex(([, a]) => coercive(a[0]));
  const arity: [string, unknown[]][] = [
    ['no payload', []],
    ['60 args', [valid(), ...Array.from({ length: 59 }, (_, i) => (i % 3 ? 'z'.repeat(100) : { v: 1 }))]],
    ['valid + Buffer arg', [valid(), bytes(KB60)]],
    ['two nulls', [null, null]]
  ];
  out.splice(firstCoercive < 0 ? out.length : firstCoercive, 0, ...arity);
  return out;
}

async function stationBurst(event: string, phase: 'before hello' | 'after hello', rng: Rng) {
  const { f, deaths0 } = await beginBurst();
  const payloads = stationPayloads(event, rng);
  let st: Socket | null = null;
  const open = async () => {
    st?.close();
    st = await connect(srv.url, '/station', { token: edgeToken() });
    if (phase === 'after hello') {
      const r = await send(srv, st, 'station:hello', [STATION_VALID['station:hello']()], 5000);
      if (r.kind !== 'ack' || (r.value as { ok?: boolean })?.ok !== true) throw new Error(`hello: ${safeJson(r)}`);
    }
    return st;
  };
  for (const withAck of [true, false]) {
    await ensureServer();
    let s = await open();
    for (const [label, args] of payloads) {
      const tag = `${event} ${phase} ${withAck ? 'with' : 'without'} ack: ${label}`;
      // a normal-shaped call (one payload + ack) must be answered; odd argument counts may be dropped (do not wait long for those)
      const odd = args.length !== 1;
      const r = await probe(f, s, tag, event, args, withAck, STATION_PING, { ackMs: odd ? 200 : ACK_MS, mayGoUnanswered: odd });
      if (r.kind === 'died') break; // the rest of this mode would only hit a dead server; the next mode starts it again
      if (r.kind === 'closed' || !s.connected) {
        if (process.env.HOSTILE_DEBUG) console.log('closed after', tag);
        s = await open(); // a closed connection is an allowed answer to a bad packet
      }
    }
    st = null;
    s.close();
    await ensureServer();
  }
  return endBurst(f, deaths0, `${event} ${phase}`);
}

describe('hostile payloads', () => {
  const rng = mulberry32(SEED);
  for (const event of [...Object.keys(STATION_VALID), 'unknown events']) {
    for (const phase of ['before hello', 'after hello'] as const) {
      it(`/station ${event}, ${phase}, with and without ack`, async () => {
        if (event !== 'unknown events') return verdict(await stationBurst(event, phase, rng), `${event} ${phase}`);
        const f = new Findings();
        for (const name of UNKNOWN_STATION_EVENTS) {
          const sub = await stationBurstUnknown(name, phase, rng);
          f.list.push(...sub.list);
        }
        verdict(f, `unknown events ${phase}`);
      }, 60_000);
    }
  }

  it('/station raw socket.io packets (bad JSON, number and reserved event names, bad binary placeholders)', async () => {
    const { f, deaths0 } = await beginBurst();
    const bin = () => bytes(16);
    const cases: [string, (string | Buffer)[]][] = [
      ['malformed JSON', ['2/station,["station:hello",{']],
      ['number as event name', ['2/station,701[42,{"v":1}]']],
      ['empty event array', ['2/station,702[]']],
      ['event "error"', ['2/station,703["error",{"v":1}]']],
      ['event "__proto__"', ['2/station,704["__proto__",{"v":1}]']],
      ['reserved "disconnect"', ['2/station,705["disconnect","x"]']],
      ['v:{toString:1} (raw)', ['2/station,706["station:heartbeat",{"v":{"toString":1}}]']],
      ['__proto__ in JSON (raw)', ['2/station,707["station:hello",{"__proto__":{"v":1},"v":1}]']],
      ['placeholder, no attachment follows', ['51-/station,708["station:hello",{"_placeholder":true,"num":0}]', '2/station,709["station:heartbeat",{}]']],
      ['placeholder num "__proto__"', ['51-/station,710["station:hello",{"_placeholder":true,"num":"__proto__"}]', bin()]],
      ['placeholder num out of range', ['51-/station,711["station:hello",{"_placeholder":true,"num":5}]', bin()]],
      ['placeholder num -1', ['51-/station,712["station:hello",{"_placeholder":true,"num":-1}]', bin()]],
      ['huge attachment count', ['59999999999-/station,713["x"]', bin()]],
      ['binary frame out of the blue', [bin()]],
      ['ack for an id never sent', ['3/station,12[{"ok":true}]']],
      ['CONNECT again', ['0/station,{"token":1}']],
      ['CONNECT_ERROR from a client', ['4/station,{"message":"x"}']],
      ['unknown packet type', ['9/station,["x"]']],
      ['namespace never joined', ['2/dashboard,714["room:join",{"roomId":1}]']],
      ['bad ack id', ['2/station,99999999999999999999["station:heartbeat",{}]']],
      ['bad namespace chars', ['2/\u0000,["x"]']],
      ['array nested 30,000 deep', [`2/station,715["station:heartbeat",${'['.repeat(30_000)}${']'.repeat(30_000)}]`]],
      ['object nested 10,000 deep', [`2/station,716["station:hello",${'{"v":'.repeat(10_000)}1${'}'.repeat(10_000)}]`]],
      ['20,000 elements', [`2/station,717["station:events",{"v":1,"stream":"hostile-stream-1","events":[${new Array(20_000).fill('{}').join(',')}]}]`]]
    ];
    for (const [label, frames] of cases) {
      const tag = `raw packet: ${label}`;
      await ensureServer();
      srv.during = tag;
      f.sends++;
      const s = await connect(srv.url, '/station', { token: edgeToken() });
      const engine = (s.io as unknown as { engine: { send(d: string | Buffer): void; on(e: string, fn: (p: { type: string; data?: unknown }) => void): void } }).engine;
      engine.on('packet', (p) => {
        if (p.type === 'message' && typeof p.data === 'string' && p.data.startsWith('3/station,')) {
          const json = p.data.replace(/^3\/station,\d*/, '');
          try { f.inspect(tag, JSON.parse(json)); } catch { f.add(tag, `unparseable ack ${p.data.slice(0, 80)}`); }
        }
      });
      for (const fr of frames) engine.send(fr);
      await new Promise((r) => setTimeout(r, 150));
      s.close();
      if (!srv.alive) await srv.exited();
    }
    verdict(await endBurst(f, deaths0, 'raw packets'), 'raw socket.io packets');
  }, 60_000);

  // ---------------------------------------------------------------- dashboard edge

  it('/dashboard: every DashboardClientEvents event and unknown ones, signed in, with and without ack', async () => {
    const { f, deaths0 } = await beginBurst();
    const cookie = sessions.get('pengawas')!.cookie;
    const valid: Record<string, () => Record<string, unknown>> = {
      'room:join': () => ({ roomId }), 'room:leave': () => ({ roomId }), 'station:detail': () => ({ stationId: seeded[2].stationId }),
      'station:ack-attention': () => ({ stationId: seeded[2].stationId }), 'station:probe': () => ({ stationId: seeded[2].stationId }),
      'room:probe-all': () => ({ roomId }), 'session:activity': () => ({})
    };
    const events = [...Object.keys(valid), 'station:hello', 'station:heartbeat', 'room:nonsense', '__proto__', 'constructor', 'error', ''];
    let d = await connect(srv.url, '/dashboard', { cookie });
    for (const event of events) {
      const known = Object.hasOwn(valid, event);
      const mk = known ? valid[event] : () => ({ roomId });
      const list: [string, unknown][] = [...craftedTopLevel(mk), ...(known ? fieldCases(mk) : [])];
      for (let i = 0; i < 12; i++) list.push([`random #${i}`, rng() < 0.5 ? randomValue(rng, 4) : mutate(rng, mk())]);
      for (const withAck of [true, false]) {
        for (const [label, p] of ordered(list)) {
          const tag = `dashboard ${event || '""'} ${withAck ? 'with' : 'without'} ack: ${label}`;
          if (!srv.alive) break;
          if (!d.connected) d = await connect(srv.url, '/dashboard', { cookie });
          const r = await probe(f, d, tag, event, [p], withAck, DASHBOARD_PING);
          if (r.kind === 'died') break;
        }
        if (!srv.alive) {
          await srv.exited();
          await ensureServer();
          d = await connect(srv.url, '/dashboard', { cookie });
        }
      }
    }
    d.close();
    verdict(await endBurst(f, deaths0, 'dashboard'), '/dashboard');
  }, 60_000);

  // ---------------------------------------------------------------- HTTP API

  it('HTTP API: every route with hostile bodies, ids and query strings, signed in with the CSRF token', async () => {
    const { f, deaths0 } = await beginBurst();
    const admin = sessions.get('admin')!;
    const proctor = sessions.get('pengawas')!;
    // [method, path, who, destructive with a real id?]
    const routes: [string, string, 'admin' | 'pengawas' | 'none', boolean?][] = [
      ['GET', '/api/health', 'none'], ['GET', '/api/metrics', 'admin'], ['GET', '/api/probe', 'none'], ['POST', '/api/enroll', 'none'],
      ['POST', '/api/auth/login', 'none'], ['GET', '/api/auth/me', 'pengawas'], ['POST', '/api/auth/logout', 'none'], ['POST', '/api/auth/logout-all', 'none'],
      ['POST', '/api/auth/password', 'pengawas'], ['GET', '/api/auth/demo-accounts', 'none'],
      ['GET', '/api/rooms', 'pengawas'], ['GET', '/api/venues', 'admin'], ['GET', '/api/rooms/:room/participants', 'pengawas'],
      ['GET', '/api/rooms/:room/session', 'pengawas'], ['GET', '/api/rooms/:room/stations', 'admin'], ['POST', '/api/rooms/:room/enrollment-codes', 'admin'],
      ['GET', '/api/users', 'admin'], ['POST', '/api/users', 'admin'], ['PATCH', '/api/users/:user', 'admin'], ['POST', '/api/users/:user/password', 'admin', true],
      ['POST', '/api/users/:user/unlock', 'admin'], ['POST', '/api/stations/:station/revoke', 'admin', true],
      ['GET', '/api/audit', 'admin'], ['GET', '/api/audit/actions', 'admin'],
      ['GET', '/api/sessions/:session', 'pengawas'], ['POST', '/api/sessions/:session/transition', 'pengawas'],
      ['GET', '/api/sessions/:session/checklist', 'pengawas'], ['PUT', '/api/sessions/:session/checklist', 'pengawas'],
      ['GET', '/api/sessions/:session/pin', 'pengawas'], ['POST', '/api/sessions/:session/pin', 'pengawas'], ['POST', '/api/sessions/:session/pin/revoke', 'pengawas'],
      ['GET', '/api/sessions/:session/pin/attempts', 'pengawas'], ['POST', '/api/sessions/:session/stations/:station/pin-unlock', 'pengawas'],
      ['POST', '/api/sessions/:session/participants/import', 'pengawas'], ['GET', '/api/sessions/:session/participants/template.csv', 'pengawas'],
      ['GET', '/api/sessions/:session/attendance', 'pengawas'], ['POST', '/api/sessions/:session/participants/:pid/check-in', 'pengawas'],
      ['POST', '/api/sessions/:session/participants/:pid/absent', 'pengawas'], ['POST', '/api/sessions/:session/participants/:pid/seat', 'pengawas'],
      ['GET', '/api/sessions/:session/visitors', 'pengawas'], ['POST', '/api/sessions/:session/visitors', 'pengawas'],
      ['POST', '/api/sessions/:session/visitors/:vid/out', 'pengawas'], ['GET', '/api/sessions/:session/incidents', 'pengawas'],
      ['POST', '/api/sessions/:session/incidents', 'pengawas'], ['PATCH', '/api/incidents/:incident', 'pengawas'], ['GET', '/api/incidents/:incident/history', 'pengawas'],
      ['GET', '/api/sessions/:session/actions', 'pengawas'], ['POST', '/api/sessions/:session/actions', 'pengawas']
    ];
    // Every route the API serves is covered, also the ones added after this list was written: the
    // routers are scanned as the authorization matrix does (routes registered from the route
    // table, and any registered by hand), and a route missing above is added.
    const norm = (m: string, p: string) => `${m} ${p.replace(/:\w+/g, ':x')}`;
    const listed = new Set(routes.map(([m, p]) => norm(m, p)));
    const httpDir = join(dirname(fileURLToPath(import.meta.url)), '../../server/http');
    for (const file of readdirSync(httpDir).filter((x) => x.endsWith('.ts'))) {
      const src = readFileSync(join(httpDir, file), 'utf8');
      const fromTable = [...src.matchAll(/\broute\(\s*r,\s*ROUTES\.(\w+)\b/g)].map((m) => ROUTES[m[1] as keyof typeof ROUTES]);
      const byHand = [...src.matchAll(/\br\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)].map((m) => ({ method: m[1].toUpperCase(), path: `/api${m[2]}` }));
      for (const { method, path } of [...fromTable, ...byHand]) {
        if (listed.has(norm(method, path))) continue;
        listed.add(norm(method, path));
        routes.push([method, path, /\/(sessions|incidents|participants)\b/.test(path) ? 'pengawas' : 'admin']);
      }
    }
    expect(routes.length).toBeGreaterThan(50);
    const realIds: Record<string, string> = {
      room: String(roomId), session: String(sessionId), station: String(seeded[3].stationId), user: String(accounts.operator_instansi.id),
      pid: '1', vid: '1', incident: '1'
    };
    const badIds = ['abc', '-1', '0', '1.5', '1e3', '0x1', 'NaN', 'Infinity', '__proto__', 'constructor', '%00', '%ff', '%', '%E0%A4%A', '9'.repeat(400), '%2e%2e'];
    const J = (v: unknown) => JSON.stringify(v);
    const bodies: [string, string, string][] = [
      // [label, content-type, body]
      ['malformed JSON {', 'application/json', '{'], ['malformed JSON {"a":', 'application/json', '{"a":'], ['trailing comma', 'application/json', '{"a":1,}'],
      ['NaN literal', 'application/json', '{"a":NaN}'], ['lone surrogate', 'application/json', '{"a":"\\ud800"}'], ['nul byte', 'application/json', '{"a":"\u0000"}'],
      ['empty body', 'application/json', ''], ['"null"', 'application/json', 'null'], ['number', 'application/json', '42'], ['string', 'application/json', '"NaN"'],
      ['array', 'application/json', '[{"a":1}]'], ['true', 'application/json', 'true'],
      ['__proto__', 'application/json', '{"__proto__":{"isAdmin":true,"roles":["admin"]},"constructor":{"prototype":{"polluted":1}}}'],
      ['{v:{toString:1}}', 'application/json', '{"v":{"toString":1},"action":{"toString":1},"nip":{"valueOf":{}},"reason":{"toString":1}}'],
      ['toString everywhere', 'application/json', J(Object.fromEntries(['action', 'nip', 'name', 'password', 'stationId', 'kind', 'participantIds', 'minutes', 'reason', 'note', 'version', 'items', 'roles', 'scopes', 'lifetimeMin', 'code'].map((k) => [k, { toString: 1, valueOf: {} }])))],
      ['arrays for everything', 'application/json', J(Object.fromEntries(['action', 'nip', 'name', 'password', 'stationId', 'kind', 'participantIds', 'minutes', 'reason', 'version', 'roles'].map((k) => [k, [[]]])))],
      ['NaN-like strings', 'application/json', J({ stationId: 'NaN', minutes: 'Infinity', version: '1e999', lifetimeMin: '-0', participantIds: ['NaN'], arrivedAt: '0x10' })],
      ['huge string (60 KB)', 'application/json', J({ reason: 'x'.repeat(60_000) })],
      ['over the limit (100 KB)', 'application/json', J({ reason: 'x'.repeat(100_000) })],
      ['deep nesting 20,000', 'application/json', '['.repeat(20_000) + ']'.repeat(20_000)],
      ['deep object nesting 5,000', 'application/json', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)],
      ['5,000 keys', 'application/json', J(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])))],
      ['form body', 'application/x-www-form-urlencoded', 'a=1&__proto__[x]=1&b[]=2'], ['text body', 'text/plain', '{"a":1}'],
      ['binary body', 'application/octet-stream', 'x'.repeat(1000)], ['json charset utf-7', 'application/json; charset=utf-7', '{"a":1}'],
      ['json with BOM', 'application/json', '\ufeff{"a":1}']
    ];
    const queries = ['?a=%ff', '?bytes=%ff', '?bytes[]=1&bytes[]=2', '?__proto__[x]=1&constructor[prototype][y]=2', `?category=${'c'.repeat(5000)}`,
      '?stationId=NaN&participantId=1e999', '?%=%', '?limit=-1&before=abc&offset=9e99', '?bytes=1e308', '?bytes=9007199254740993'];
    const headersFor = (who: 'admin' | 'pengawas' | 'none', type?: string): Record<string, string> => {
      const s = who === 'admin' ? admin : who === 'pengawas' ? proctor : null;
      const h: Record<string, string> = {};
      if (s) { h.cookie = s.cookie; h['x-csrf-token'] = s.csrf; }
      if (type) h['content-type'] = type;
      return h;
    };
    const check = (tag: string, res: Awaited<ReturnType<typeof httpRaw>>, path: string, resetAllowed = false) => {
      f.sends++;
      if ('error' in res) {
        if (!res.error.startsWith('client refused') && !resetAllowed) f.add(tag, `no HTTP answer: ${res.error}`);
        return;
      }
      if (res.status >= 500) f.add(tag, `HTTP ${res.status} for a bad request: ${res.text.slice(0, 160)}`);
      let value: unknown = res.text;
      if (res.type.includes('json') && res.text !== '') {
        try { value = JSON.parse(res.text); } catch { f.add(tag, `content-type JSON but not JSON: ${res.text.slice(0, 80)}`); }
      }
      f.inspect(tag, value, { sizeRule: !path.includes('/import') });
    };
    const fill = (path: string, ids: Record<string, string>) => path.replace(/:(\w+)/g, (_, k: string) => ids[k] ?? '1');

    for (const [method, path, who, destructive] of routes) {
      if (!srv.alive) break;
      const bodyMethod = method !== 'GET';
      // hostile ids, with a harmless body
      for (const bad of path.includes(':') ? badIds : []) {
        const p = fill(path, Object.fromEntries(Object.keys(realIds).map((k) => [k, bad])));
        const tag = `${method} ${p.slice(0, 80)}`;
        srv.during = tag;
        check(tag, await httpRaw(srv.url, method, p, { headers: headersFor(who, bodyMethod ? 'application/json' : undefined), body: bodyMethod ? '{}' : undefined }), path);
      }
      // logout would end the session the rest of the burst uses: only without a cookie
      const realPath = fill(path, destructive ? Object.fromEntries(Object.keys(realIds).map((k) => [k, '999999'])) : realIds);
      if (bodyMethod) {
        for (const [label, type, body] of bodies) {
          const tag = `${method} ${path} body ${label}`;
          srv.during = tag;
          check(tag, await httpRaw(srv.url, method, realPath, { headers: headersFor(who, type), body }), path);
        }
        // the same without the CSRF token, and with a junk cookie
        srv.during = `${method} ${path} no CSRF`;
        check(`${method} ${path} no CSRF`, await httpRaw(srv.url, method, realPath, { headers: { ...headersFor(who, 'application/json'), 'x-csrf-token': '%ff' }, body: '{"v":{"toString":1}}' }), path);
      }
      for (const q of queries) {
        const tag = `${method} ${path}${q.slice(0, 60)}`;
        srv.during = tag;
        check(tag, await httpRaw(srv.url, method, realPath + q, { headers: headersFor(who, bodyMethod ? 'application/json' : undefined), body: bodyMethod ? '{}' : undefined }), path);
      }
      srv.during = `${method} ${path} junk cookie`;
      check(`${method} ${path} junk cookie`, await httpRaw(srv.url, method, realPath, { headers: { cookie: `cact_session=%ff; cact_session=${'a'.repeat(3000)}`, 'content-type': 'application/json' }, body: bodyMethod ? '{}' : undefined }), path);
    }

    // malformed URLs, every method; the log must not grow with each (a stack per request fills the disk on demand)
    const lines0 = srv.outLines;
    let malformed = 0;
    // (only the undecodable ones count for the log rule: a page router may log each 404 of a valid path, like an access log)
    const undecodable = ['/%ff', '/api/%', '/%', '/api/%ff', '/api/%E0%A4%A', '/api/rooms/%ff/session', '/api/sessions/%/pin', '/api/incidents/%/history',
      '/api/health?%ff=%ff', '/socket.io/%ff', '/socket.io/?EIO=4&transport=polling&sid=%ff', '/socket.io/?EIO=%ff&transport=%ff',
      '/api/rooms/1/stations?x=%zz', '/login%', '/rooms/%ff'];
    const odd = ['/api/..%2f..%2fetc%2fpasswd', '//api//health', '/api/health/%00', '/api/%2e%2e/%2e%2e', `/api/${'%41'.repeat(3000)}`];
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']) {
      for (const u of undecodable) {
        if (!srv.alive) break;
        const tag = `${method} ${u.slice(0, 60)}`;
        srv.during = tag;
        malformed++;
        check(tag, await httpRaw(srv.url, method, u, { headers: headersFor('pengawas', method === 'GET' || method === 'HEAD' ? undefined : 'application/json'), body: method === 'GET' || method === 'HEAD' ? undefined : '{"a":' }), u);
      }
    }
    await new Promise((r) => setTimeout(r, 200));
    const logged = srv.outLines - lines0;
    if (logged > 5) f.add('malformed URLs', `the server wrote ${logged} log lines for ${malformed} requests: …${srv.out.slice(-300).replace(/\s+/g, ' ')}`);
    for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
      for (const u of odd) {
        const tag = `${method} ${u.slice(0, 60)}`;
        srv.during = tag;
        check(tag, await httpRaw(srv.url, method, u, { headers: headersFor('pengawas', method === 'GET' ? undefined : 'application/json'), body: method === 'GET' ? undefined : '{"a":' }), u);
      }
    }
    srv.during = 'FOO /api/health';
    check('FOO /api/health', await httpRaw(srv.url, 'FOO', '/api/health'), '/api/health');
    srv.during = '100 KB header';
    check('100 KB header', await httpRaw(srv.url, 'GET', '/api/health', { headers: { 'x-big': 'h'.repeat(100_000) } }), '/api/health', true);

    verdict(await endBurst(f, deaths0, 'HTTP'), 'HTTP API');
  }, 60_000);

});

// whichever tests ran, in whatever order: the server process never exited during the whole run
afterAll(() => {
  const list = srv?.deaths.map((d) => `during ${d.during}: code ${d.code} signal ${d.signal}`) ?? [];
  expect(list, `seed ${SEED}`).toEqual([]);
});

/** Unknown event names get a few of the nastiest payloads, before and after hello, with and without ack. */
async function stationBurstUnknown(name: string, phase: 'before hello' | 'after hello', rng: Rng) {
  const { f, deaths0 } = await beginBurst();
  const payloads: [string, unknown][] = ordered([
    ['valid heartbeat', { v: 1, t: Date.now(), rttMs: 1, jitterMs: 1 }], ['null', null], ['42', 42], ['60 KB Buffer', bytes(KB60)],
    ['__proto__', obj(['__proto__', { v: 1 }])], ['random', randomValue(rng, 4)], ['{v:{toString:1}}', { v: { toString: 1 } }]
  ]);
  let s = await connect(srv.url, '/station', { token: edgeToken() });
  if (phase === 'after hello') await send(srv, s, 'station:hello', [STATION_VALID['station:hello']()], 5000);
  for (const withAck of [true, false]) {
    for (const [label, p] of payloads) {
      if (!srv.alive) break;
      const tag = `unknown event ${JSON.stringify(name.slice(0, 30))} ${phase} ${withAck ? 'with' : 'without'} ack: ${label}`;
      if (!s.connected) s = await connect(srv.url, '/station', { token: edgeToken() });
      const r = await probe(f, s, tag, name, [p], withAck, STATION_PING);
      if (r.kind === 'died') break;
    }
    if (!srv.alive) {
      await srv.exited();
      await ensureServer();
      s = await connect(srv.url, '/station', { token: edgeToken() });
      if (phase === 'after hello') await send(srv, s, 'station:hello', [STATION_VALID['station:hello']()], 5000);
    }
  }
  s.close();
  return endBurst(f, deaths0, `unknown event ${JSON.stringify(name.slice(0, 30))} ${phase}`);
}
