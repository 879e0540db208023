/**
 * `npm run demo`: the product on the embedded SQLite default, with a seeded venue (two rooms,
 * 40 stations, one session running in each room) and simulated station agents that behave like a
 * real room. Options: --stations N (thousands work), --room-size N, --port P, --db FILE,
 * --host H, --heartbeat MS, --time-scale N, --no-faults, --no-build, --web-build DIR.
 * The demo database is rebuilt at every start: station tokens are only known when they are made.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../db/client.ts';
import { participantCsv, seedDemo, DEMO_AGENCIES, DEMO_REGION } from '../db/seed.ts';
import { sessionPinList } from '../db/queries/pins.ts';
import { activePin } from './domain/pin-rules.ts';
import { demoPassword, roleAccounts, seedAccounts } from '../db/seed-accounts.ts';
import { appendAudit } from '../db/queries/audit.ts';
import { clearStationToken, insertCode } from '../db/queries/enrollment.ts';
import { hashToken } from '../db/queries/stations.ts';
import { formatEnrollmentCode, newEnrollmentCode } from './domain/enrollment-code.ts';
import { loadConfig } from './config.ts';
import { startSimulation } from '../agent/sim/simulator.ts';
import { startServer } from './app.ts';
import { installLastResort } from './log.ts';

const { values: a } = parseArgs({
  options: {
    stations: { type: 'string', default: '40' },
    'room-size': { type: 'string' },
    port: { type: 'string', default: '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string', default: 'data/demo.sqlite' },
    heartbeat: { type: 'string', default: '2000' },
    'time-scale': { type: 'string', default: '30' },
    'no-faults': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    /** serve the dashboard from this build directory inside the project (a copy, so a rebuild cannot pull files from under it) */
    'web-build': { type: 'string', default: 'build' }
  }
});

function newestMtime(dir: string): number {
  let m = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    m = Math.max(m, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return m;
}

// The dashboard is a SvelteKit build: make it when missing or older than its sources.
if (!a['no-build'] && (!existsSync('build/handler.js') || statSync('build/handler.js').mtimeMs < newestMtime('web/src'))) {
  console.log('Building the dashboard (vite build)…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}

for (const suffix of ['', '-wal', '-shm']) rmSync(a.db + suffix, { force: true });
const db = openDb(a.db);
const seeded = seedDemo(db, { stations: Number(a.stations), roomSize: a['room-size'] ? Number(a['room-size']) : undefined });
// Demo accounts, one per role, clearly marked as demo (the login page lists them in demo mode only).
const accounts = await seedAccounts(db, roleAccounts({ venueId: seeded[0].venueId, region: DEMO_REGION, instansi: DEMO_AGENCIES[0] }), { cost: loadConfig().argon2, demo: true });
// One spare PC is left unenrolled for a real agent: it gets a one-time code, as an IT officer would make.
const forRealAgent = seeded.filter((s) => !s.participant).at(-1);
let enrollCode: string | null = null;
if (forRealAgent) {
  const now = Date.now();
  const code = newEnrollmentCode();
  clearStationToken(db, forRealAgent.stationId, now);
  insertCode(db, { roomId: forRealAgent.roomId, stationId: forRealAgent.stationId, codeHash: hashToken(code), createdBy: accounts.petugas_ti.id, createdAt: now, expiresAt: now + 24 * 3600_000 });
  appendAudit(db, { kind: 'system' }, {
    action: 'station.enrollment_codes_created', venueId: forRealAgent.venueId, targetType: 'room', targetId: forRealAgent.roomId,
    after: { stations: [forRealAgent.code], expiresAt: now + 24 * 3600_000, via: 'demo seed' }
  });
  enrollCode = formatEnrollmentCode(code);
}
// A room seeded without its roster gets the import file the agency would send (CSV, ';' as Excel
// writes it in Indonesian locales), next to the database.
const unrostered = [...new Set(seeded.map((s) => s.roomId))].filter((roomId) =>
  !db.$client.prepare('select 1 from participants p join sessions s on s.id = p.session_id where s.room_id = ?').get(roomId) &&
  seeded.some((s) => s.roomId === roomId && s.participant));
const importFiles = unrostered.map((roomId) => {
  const file = join(dirname(a.db), `peserta-ruang-${roomId}.csv`);
  writeFileSync(file, participantCsv(seeded.filter((s) => s.roomId === roomId && s.participant).map((s) => s.participant!), DEMO_AGENCIES[0]));
  return { roomId, file };
});
db.$client.close();

const heartbeatMs = Number(a.heartbeat);
const server = await startServer({ port: Number(a.port), host: a.host, dbFile: a.db, webBuildDir: a['web-build'], heartbeatMs, logLevel: 'warn', stallMs: 3 * 60_000, demo: true });
installLastResort(server.log);
const simulated = seeded.filter((s) => s !== forRealAgent);
const sim = await startSimulation({
  serverUrl: server.url,
  stations: simulated.map((s) => ({ token: s.token, code: s.code, participant: s.participant, roomId: s.roomId })),
  // The simulated participants read the session PIN off the room's projector: the PIN in force
  // for the room's current session, if any (Pasal 14(1)i). One of them mistypes it once. Typed
  // before the proctor starts the test it is answered not_started and they try again a few seconds
  // later; someone the desk has not registered is refused (unregistered) and comes back later.
  // They log in once "Mulai tes" is pressed (issue 10).
  pin: (st) => {
    const session = st.roomId === undefined ? null : server.hub.rooms.get(st.roomId)?.session;
    if (!session || !['open', 'running'].includes(session.state)) return null;
    // someone the desk marked absent is not in the room: nobody types the PIN at their PC
    const room = server.hub.rooms.get(st.roomId!);
    if (st.participant && room?.roster.get(st.participant.nip)?.attendance === 'absent') return null;
    return activePin(sessionPinList(server.db, session.id), Date.now())?.pin ?? null;
  },
  // in the room still to run, so the walk-through shows a refused attempt on the dashboard
  wrongPinFirst: simulated.filter((s) => s.participant && s.roomId === importFiles[0]?.roomId).slice(2, 3).map((s) => s.code),
  heartbeatMs,
  timeScale: Number(a['time-scale']),
  faults: !a['no-faults'],
  seed: 42
});

const rooms = [...new Set(seeded.map((s) => s.roomId))];
// Measure every station's bandwidth once, as a proctor does during the pre-check (Lampiran I.B, B.4).
setTimeout(() => rooms.forEach((r) => server.hub.requestRoomProbes(r, 50)), 3000).unref();
console.log(`
  Pengawasan CACT BKN — demo
  Dashboard : ${server.url}/
  Ruang     : ${rooms.slice(0, 4).map((r) => `${server.url}/rooms/${r}`).join('  ')}${rooms.length > 4 ? ` … (${rooms.length} rooms)` : ''}
  Stations  : ${simulated.length} simulated agents, heartbeat ${heartbeatMs} ms, database ${a.db}
  Akun demo / demo accounts (also listed on the login page):
${(Object.keys(accounts) as (keyof typeof accounts)[]).map((r) => `    ${r.padEnd(18)} NIP ${accounts[r].nip}  kata sandi ${demoPassword(r)}`).join('\n')}${importFiles.map((f) => `
  Import    : ${f.file} — the participants of ${server.url}/rooms/${f.roomId}, whose session is still to run`).join('')}${forRealAgent ? `
  Real agent: PC ${forRealAgent.code} is not enrolled; enroll it with its one-time code —
              npm run agent -- --server ${server.url} --enroll ${enrollCode}` : ''}
  Ctrl+C to stop.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await sim.stop();
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
