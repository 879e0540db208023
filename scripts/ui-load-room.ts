/**
 * A room of N seats under live load without N agent processes: for looking at and profiling the
 * dashboard while working on it. One process: the real server (real hub, store worker, fan-out,
 * the built dashboard) on a throwaway database, with the stations driven through the hub's own
 * entry points (`hello`, `heartbeat`, `events`) — what the station socket handlers call — instead
 * of sockets. The load the dashboard sees matches `npm run demo -- --stations N --room-size N`:
 * a heartbeat per station every 2 s with 15–150 ms and ~2 % single spikes, participants logging
 * in and progressing, a few PCs failing Lampiran II, one unenrolled spare; plus, with
 * --spike-every S, a room-wide latency spike (every link +400–900 ms for --spike-ms) every S
 * seconds: every station turns degraded and raises a marker, then recovers.
 *
 *   npx tsx scripts/ui-load-room.ts [--seats 500] [--port 3100] [--spike-every 0] [--spike-ms 6000] [--seconds 900]
 *
 * Prints the room URL and the pengawas account; exits by itself after --seconds (bounded) or on
 * Ctrl-C. Everything is on 127.0.0.1. The final figures in docs/performance.md come from the demo
 * itself (scripts/ui-fps.ts), not from this.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../db/client.ts';
import { seedVenue } from '../demo/seed.ts';
import { roleAccounts, seedAccounts } from '../demo/seed-accounts.ts';
import { INSTRUMENTS, type ParticipantEvent, type ParticipantEventInput } from '../protocol/index.ts';
import { startServer } from '../server/app.ts';

const { values: o } = parseArgs({
  options: {
    seats: { type: 'string', default: '500' },
    port: { type: 'string', default: '3100' },
    'spike-every': { type: 'string', default: '0' },
    'spike-ms': { type: 'string', default: '6000' },
    seconds: { type: 'string', default: '900' },
    'web-build': { type: 'string', default: 'build' },
    /** nothing changes after the first 30 s (same latency every heartbeat, no progress): the cost of the page itself */
    static: { type: 'boolean', default: false },
    /** a second, small and healthy room next to the big one (for the room list) */
    'second-room': { type: 'boolean', default: false }
  }
});
const seats = Number(o.seats);
const cols = Math.min(20, seats);
const HB = 2000;

const dir = mkdtempSync(join(tmpdir(), 'cact-ui-load-'));
const dbFile = join(dir, 'load.sqlite');
const db = openDb(dbFile);
const seeded = seedVenue(db, {
  code: 'LOAD', name: 'Venue beban', region: 'Kanreg Uji', instansi: ['Instansi A'],
  rooms: [
    { code: 'R1', name: 'Ruang CAT 1', rows: Math.ceil(seats / cols), cols, seats, spares: 2, session: 'running' },
    ...(o['second-room'] ? [{ code: 'R2', name: 'Ruang CAT 2', rows: 4, cols: 6, session: 'running' as const }] : [])
  ]
});
const accounts = await seedAccounts(db, roleAccounts({ venueId: seeded[0].venueId, region: 'Kanreg Uji', instansi: 'Instansi A' }), {
  cost: { memoryCost: 1024, timeCost: 1 }, demo: true
});
// the last spare was never set up: no token (idle, not a fault)
const idle = seeded.filter((s) => s.roomId === seeded[0].roomId).at(-1)!;
db.$client.prepare('update stations set token_hash = null where id = ?').run(idle.stationId);
db.$client.close();

const server = await startServer({
  port: Number(o.port), host: '127.0.0.1', dbFile, webBuildDir: o['web-build'], heartbeatMs: HB, logLevel: 'warn', stallMs: 3 * 60_000,
  demoAccounts: Object.values(accounts).map(({ nip, password }) => ({ nip, password }))
});
const hub = server.hub;

let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const facts = {
  cpuModel: 'Intel Core i5', cpuGhz: 2.4, cpuCores: 4, memoryGb: 8, diskGb: 256, screenWidth: 1920, screenHeight: 1080,
  webcam: true, browserName: 'Chrome', browserVersion: '131', os: 'Windows 11', networkType: 'wired' as const, networkMbps: 1000
};

type Sim = { id: number; stream: string; seq: number; base: number; nip: string | null; phase: number; percent: number; nextAt: number; calm: boolean };
const t0 = Date.now();
const sims: Sim[] = [];
for (const [i, s] of seeded.entries()) {
  if (s === idle) continue;
  const st = hub.stations.get(s.stationId)!;
  const stream = `load-${s.stationId}`;
  // ~3 % of PCs fail a Lampiran II item (no webcam, a small screen), as in the demo's profiles
  const calm = s.roomId !== seeded[0].roomId; // the second room: every PC fine, no spikes
  const f = calm ? facts : i % 37 === 5 ? { ...facts, webcam: false } : i % 53 === 11 ? { ...facts, screenWidth: 1280, screenHeight: 720 } : facts;
  hub.hello(st, { v: 1, t: Date.now(), agentVersion: 'ui-load', stream, facts: f }, Date.now());
  sims.push({ id: s.stationId, stream, seq: 0, base: 15 + rnd() * 75, nip: s.participant?.nip ?? null, phase: -1, percent: 0, nextAt: t0 + 1000 + rnd() * 20_000, calm });
}

const spikeEvery = Number(o['spike-every']) * 1000;
const spikeMs = Number(o['spike-ms']);
const inSpike = (now: number) => spikeEvery > 0 && (now - t0) % spikeEvery > spikeEvery - spikeMs;

// Heartbeats: each station every HB ms, spread evenly (a tick every 50 ms serves its share).
let turn = 0;
const beat = setInterval(() => {
  const now = Date.now();
  const n = Math.ceil(sims.length / (HB / 50));
  const spike = inSpike(now);
  for (let k = 0; k < n; k++) {
    const sim = sims[turn++ % sims.length];
    const st = hub.stations.get(sim.id)!;
    const still = o.static && now - t0 > 30_000;
    const rtt = still || sim.calm ? Math.round(sim.base) : spike ? 400 + rnd() * 500 : rnd() < 0.02 ? 320 + rnd() * 580 : sim.base + rnd() * 60;
    hub.heartbeat(st, { v: 1, t: now, rttMs: Math.round(rtt), jitterMs: Math.round(rnd() * 20) }, now);
  }
}, 50);

// Participants: log in over the first 20 s, then an instrument and progress every ~5 s each.
const events = setInterval(() => {
  const now = Date.now();
  for (const sim of sims) {
    if (!sim.nip || now < sim.nextAt || (o.static && now - t0 > 30_000)) continue;
    const st = hub.stations.get(sim.id)!;
    let ev: ParticipantEventInput;
    if (sim.phase < 0) {
      ev = { type: 'login', nip: sim.nip };
      sim.phase = 0;
    } else if (sim.phase >= INSTRUMENTS.length) {
      continue;
    } else if (sim.percent === 0) {
      ev = { type: 'instrument', instrument: INSTRUMENTS[sim.phase] };
      sim.percent = 1;
    } else {
      sim.percent = Math.min(100, sim.percent + 4 + Math.round(rnd() * 8));
      ev = { type: 'progress', instrument: INSTRUMENTS[sim.phase], percent: sim.percent };
      if (sim.percent >= 100) {
        sim.phase++;
        sim.percent = 0;
      }
    }
    sim.nextAt = now + 3000 + rnd() * 4000;
    void hub.events(st, sim.stream, [{ ...ev, seq: ++sim.seq, at: now } as ParticipantEvent], now);
  }
}, 250);

console.log(JSON.stringify({
  url: `${server.url}/rooms/${seeded[0].roomId}`,
  origin: server.url,
  login: `${accounts.pengawas.nip}:${accounts.pengawas.password}`,
  stations: sims.length,
  spikeEvery: spikeEvery / 1000
}));

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  clearInterval(beat);
  clearInterval(events);
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
setTimeout(stop, Number(o.seconds) * 1000).unref();
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
