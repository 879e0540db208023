/**
 * `npm run bench:login`: what signing in costs with the production argon2id settings
 * (19 MiB, 2 passes), on loopback. Sequential logins give the latency one proctor sees;
 * a burst of N different users signing in at once (a shift starting at a large venue) gives the
 * time until the last is in, and how long the event loop was held meanwhile (argon2 runs on
 * libuv's thread pool, so heartbeats keep flowing). Prints one JSON line.
 *   npx tsx tests/bench/login-bench.ts [--users 40] [--rounds 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDb } from '../../db/client.ts';
import { insertUser } from '../../db/queries/users.ts';
import { demoNip, seedVenue } from '../../demo/seed.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { startServer } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';

const { values: a } = parseArgs({ options: { users: { type: 'string', default: '40' }, rounds: { type: 'string', default: '20' } } });
const USERS = Number(a.users);
const ROUNDS = Number(a.rounds);
const cost = loadConfig().argon2;

const dir = mkdtempSync(join(tmpdir(), 'cact-login-bench-'));
const dbFile = join(dir, 'bench.sqlite');
const db = openDb(dbFile);
const [first] = seedVenue(db, { code: 'B', name: 'Venue Bench', rooms: [{ code: 'R1', name: 'Ruang 1', rows: 1, cols: 1 }] });
const users = [];
for (let i = 0; i < USERS; i++) {
  const u = { nip: demoNip(50_000 + i), password: `bench-password-${i}` };
  insertUser(db, { nip: u.nip, name: `Pengawas ${i}`, roles: ['pengawas'], scopes: [{ kind: 'venue', venueId: first.venueId }], passwordHash: await hashPassword(u.password, cost) }, Date.now());
  users.push(u);
}
db.$client.close();
// every login here comes from 127.0.0.1: lift the per-address limit so it measures argon2, not the limiter
const server = await startServer({ port: 0, dbFile, logLevel: 'silent', webBuildDir: null, loginPerAddress: 100_000 });
const login = async (u: { nip: string; password: string }) => {
  const t0 = performance.now();
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(u) });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`login ${u.nip}: HTTP ${res.status}`);
  return performance.now() - t0;
};
const pct = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const round = (x: number) => Math.round(x * 10) / 10;

const seq: number[] = [];
for (let i = 0; i < ROUNDS; i++) seq.push(await login(users[i % users.length]));

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
const t0 = performance.now();
const burst = await Promise.all(users.map(login));
const burstMs = performance.now() - t0;
loop.disable();

console.log(JSON.stringify({
  argon2: cost,
  sequential_logins: ROUNDS,
  sequential_p50_ms: round(pct(seq, 50)),
  sequential_p99_ms: round(pct(seq, 99)),
  burst_users: USERS,
  burst_all_in_ms: round(burstMs),
  burst_p50_ms: round(pct(burst, 50)),
  burst_max_ms: round(Math.max(...burst)),
  event_loop_delay_p99_ms: round(loop.percentile(99) / 1e6),
  event_loop_delay_max_ms: round(loop.max / 1e6)
}));
await server.close();
rmSync(dir, { recursive: true, force: true });
