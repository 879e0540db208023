/**
 * Reproduces the telemetry loss the benchmark found (see docs/performance.md, "Findings"):
 * `room:telemetry` is emitted volatile, and socket.io discards a volatile packet when the
 * dashboard's transport is still busy with a packet written earlier in the same tick. So within
 * one RoomHub.flush a dashboard socket receives telemetry only if nothing was written to it before:
 *   A. one dashboard in one room: a room:changes in the same flush (e.g. a kbps patch) → telemetry lost;
 *   B. one dashboard in two rooms, both with telemetry in the same flush → the second room's is lost.
 *   npx tsx tests/bench/repro-volatile-drop.ts      (prints the counts; exits 1 if telemetry was lost)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { openDb } from '../../db/client.ts';
import { seedVenue } from '../../demo/seed.ts';
import { startServer } from '../../server/app.ts';
import { sleep } from './proc.ts';

const FACTS = {
  cpuModel: 'Intel Core i5', cpuGhz: 2.4, cpuCores: 4, memoryGb: 8, diskGb: 256, screenWidth: 1920, screenHeight: 1080,
  webcam: true, browserName: 'chrome', browserVersion: '131', os: 'Windows 11', networkType: 'wired' as const, networkMbps: 1000
};

const dir = mkdtempSync(join(tmpdir(), 'cact-repro-'));
const dbFile = join(dir, 'db.sqlite');
const db = openDb(dbFile);
const seeded = seedVenue(db, { code: 'R', name: 'Repro', rooms: [
  { code: 'A', name: 'A', rows: 1, cols: 1, session: 'running' },
  { code: 'B', name: 'B', rows: 1, cols: 1, session: 'running' }
] });
db.$client.close();
const FLUSH = 250;
const server = await startServer({ port: 0, dbFile, logLevel: 'silent', webBuildDir: null, flushMs: FLUSH });
const connect = (path: string, auth?: object) =>
  new Promise<Socket>((ok, ko) => {
    const s = io(server.url + path, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
    s.once('connect', () => ok(s));
    s.once('connect_error', ko);
  });

try {
  const [a, b] = seeded;
  const stA = await connect('/station', { token: a.token });
  const stB = await connect('/station', { token: b.token });
  for (const st of [stA, stB]) await st.emitWithAck('station:hello', { v: 1, t: Date.now(), agentVersion: 'repro', stream: 'repro-stream-1', facts: FACTS });
  const hb = (st: Socket) => st.emitWithAck('station:heartbeat', { v: 1, t: Date.now(), rttMs: 5, jitterMs: 1 });

  // A: dashboard in room A only; every interval one heartbeat, and in half of them also a kbps patch.
  const dashA = await connect('/dashboard');
  await dashA.emitWithAck('room:join', { roomId: a.roomId });
  let telA = 0;
  dashA.on('room:telemetry', () => telA++);
  const rounds = 12;
  await sleep(FLUSH * 2);
  telA = 0;
  let withPatch = 0;
  for (let i = 0; i < rounds; i++) {
    await hb(stA);
    if (i % 2 === 0) {
      withPatch++;
      await stA.emitWithAck('station:probe-result', { v: 1, id: `p${i}`, kbps: 10_000 + i, bytes: 262144, ms: 200 });
    }
    await sleep(FLUSH * 1.2);
    await sleep(FLUSH - (Date.now() % FLUSH)); // one flush per round
  }
  await sleep(FLUSH * 2);
  console.log(`A) one room: ${rounds} flushes with a heartbeat (${withPatch} of them also with a room:changes): ${telA} room:telemetry received`);
  dashA.close();

  // B: dashboard in both rooms; both stations heartbeat in the same flush interval.
  const dashB = await connect('/dashboard');
  await dashB.emitWithAck('room:join', { roomId: a.roomId });
  await dashB.emitWithAck('room:join', { roomId: b.roomId });
  await sleep(FLUSH * 2);
  const perRoom = new Map<number, number>();
  dashB.on('room:telemetry', (m: { roomId: number }) => perRoom.set(m.roomId, (perRoom.get(m.roomId) ?? 0) + 1));
  for (let i = 0; i < rounds; i++) {
    await Promise.all([hb(stA), hb(stB)]);
    await sleep(FLUSH * 1.2);
  }
  await sleep(FLUSH * 2);
  const ra = perRoom.get(a.roomId) ?? 0;
  const rb = perRoom.get(b.roomId) ?? 0;
  console.log(`B) two rooms: ${rounds} rounds with a heartbeat in each room: room A ${ra}, room B ${rb} room:telemetry received`);
  dashB.close();
  stA.close();
  stB.close();
  const lost = telA < rounds - 1 || ra + rb < 2 * rounds - 2;
  console.log(lost ? 'telemetry was lost' : 'no telemetry lost');
  process.exitCode = lost ? 1 : 0;
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
