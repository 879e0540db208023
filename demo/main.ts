/**
 * `npm run demo`: the wiring that turns the product into a demo (nothing in server/, db/ or web/
 * imports this folder). The product on the embedded SQLite default, with a seeded venue (two rooms,
 * 40 stations, one session running in each room) and simulated station agents that behave like a
 * real room. Options: --stations N (thousands work), --room-size N, --port P, --db FILE,
 * --host H, --heartbeat MS, --time-scale N, --no-faults, --no-build, --web-build DIR,
 * --spike-every S (a room-wide latency spike of --spike-ms every S seconds; off by default).
 * --venues V (with --stations N, at least 48 + V − 2): the coordinator board at scale — the two
 * venues above, then V − 2 more over twelve regional offices in WIB, WITA and WIT, of every kind,
 * one to three rooms each with today's sessions in varied states (demo/seed.ts seedDemoVenues);
 * the demo koordinator is then a national one (scope: all venues), so /board shows every venue.
 * Over 2,500 stations the simulated PCs run in child processes of 2,500 each (agent/sim/cli.ts:
 * one socket per PC, and a process may hold about 20,000), without the session PIN step or spikes:
 *   npm run demo -- --venues 200 --stations 10000
 * The demo database is rebuilt at every start: station tokens are only known when they are made.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../db/client.ts';
import { sessionPinList } from '../db/queries/pins.ts';
import { appendAudit } from '../db/queries/audit.ts';
import { clearStationToken, insertCode } from '../db/queries/enrollment.ts';
import { hashToken } from '../db/queries/stations.ts';
import { activePin } from '../server/domain/pin-rules.ts';
import { formatEnrollmentCode, newEnrollmentCode } from '../server/domain/enrollment-code.ts';
import { loadConfig } from '../server/config.ts';
import { startServer } from '../server/app.ts';
import { installLastResort } from '../server/log.ts';
import { startSimulation } from '../agent/sim/simulator.ts';
import { participantCsv, seedDemo, seedDemoVenues, DEMO_AGENCIES, DEMO_MAKASSAR_AGENCY, DEMO_REGION } from './seed.ts';
import { seedDemoActivities } from './seed-activities.ts';
import { documentSeededPostponements, seedDemoDocuments } from './seed-documents.ts';
import { currentSession } from '../db/queries/sessions.ts';
import { roleAccounts, seedAccounts } from './seed-accounts.ts';

const { values: a } = parseArgs({
  options: {
    stations: { type: 'string' },
    venues: { type: 'string' },
    'room-size': { type: 'string' },
    port: { type: 'string', default: '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string', default: 'data/demo.sqlite' },
    heartbeat: { type: 'string', default: '2000' },
    'time-scale': { type: 'string', default: '30' },
    'no-faults': { type: 'boolean', default: false },
    'spike-every': { type: 'string', default: '0' },
    'spike-ms': { type: 'string', default: '6000' },
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

// The dashboard is a SvelteKit build: make it when missing or older than its sources. Its output
// (bundler timings, empty chunks …) is for developers: shown only when the build fails.
if (!a['no-build'] && (!existsSync('build/handler.js') || statSync('build/handler.js').mtimeMs < newestMtime('web/src'))) {
  const started = Date.now();
  process.stdout.write('  Menyiapkan dasbor (sekali, sekitar satu menit) / building the dashboard (once, about a minute)… ');
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (built.status !== 0) {
    console.log('gagal / failed\n');
    process.stdout.write(built.stdout ?? '');
    process.stderr.write(built.stderr ?? '');
    process.exit(built.status ?? 1);
  }
  console.log(`selesai / done (${Math.round((Date.now() - started) / 1000)} s)`);
}

for (const suffix of ['', '-wal', '-shm']) rmSync(a.db + suffix, { force: true });
const db = openDb(a.db);
const venueCount = a.venues === undefined ? null : Number(a.venues);
if (venueCount !== null && !(Number.isInteger(venueCount) && venueCount >= 2)) {
  console.error('--venues must be a whole number of at least 2');
  process.exit(2);
}
const roomSize = a['room-size'] ? Number(a['room-size']) : undefined;
const seeded = venueCount === null
  ? seedDemo(db, { stations: Number(a.stations ?? '40'), roomSize })
  // 50 PCs a venue unless --stations says otherwise
  : seedDemoVenues(db, { venues: venueCount, stations: Number(a.stations ?? String(venueCount * 50)), roomSize });
// Demo accounts, one per role, clearly marked as demo (the login page lists them in demo mode only).
// With --venues the koordinator is a national one, so the board shows every venue (Pasal 16).
const accountList = roleAccounts({ venueId: seeded[0].venueId, region: DEMO_REGION, instansi: DEMO_AGENCIES[0] }).map((x) =>
  venueCount !== null && x.role === 'koordinator' ? { ...x, name: 'Koordinator Nasional (demo)', scopes: [{ kind: 'all' as const }] } : x);
const accounts = await seedAccounts(db, accountList, { cost: loadConfig().argon2, demo: true });
// Activities at both venues (WIB and WITA), holding today's sessions and the coming week's; the
// demo team is assigned to Kanreg I's.
seedDemoActivities(db, {
  koordinator: accounts.koordinator.id, pengawas: accounts.pengawas.id, instruktur: accounts.instruktur.id,
  petugasTi: accounts.petugas_ti.id, operator: accounts.operator_instansi.id
}, { yogya: DEMO_AGENCIES[0], makassar: DEMO_MAKASSAR_AGENCY });
// A finalised session of yesterday with the documents it left, and a postponed one with its
// berita acara: issued through the document service, verifiable at /verify like any other.
const seededDocs = await seedDemoDocuments(db, {
  pengawas: { id: accounts.pengawas.id, nip: accounts.pengawas.nip, name: 'Pengawas Ruang (demo)' },
  baseUrl: `http://${a.host === '0.0.0.0' ? '127.0.0.1' : a.host}:${a.port}`,
  agencies: { yogya: DEMO_AGENCIES[0], makassar: DEMO_MAKASSAR_AGENCY }
});
// The many venues' postponed sessions, each with its Berita Acara Penundaan (as a proctor leaves them).
if (venueCount !== null) {
  await documentSeededPostponements(db, {
    by: { id: accounts.pengawas.id, nip: accounts.pengawas.nip, name: 'Pengawas Ruang (demo)' },
    baseUrl: `http://${a.host === '0.0.0.0' ? '127.0.0.1' : a.host}:${a.port}`
  });
}
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
// what the demo tells the user to try: the rooms the demo proctor sees, and the state their sessions start in
const roomList = db.$client
  .prepare('select id, code, name from rooms where venue_id = ? order by id').all(seeded[0].venueId) as { id: number; code: string; name: string }[];
const roomsNow = roomList.map((r) => ({ ...r, state: currentSession(db, r.id)?.state ?? null }));
const importFiles = unrostered.map((roomId) => {
  const file = join(dirname(a.db), `peserta-ruang-${roomId}.csv`);
  writeFileSync(file, participantCsv(seeded.filter((s) => s.roomId === roomId && s.participant).map((s) => s.participant!), DEMO_AGENCIES[0]));
  return { roomId, file };
});
// the rooms whose session is under way: without the PIN step only their participants log in
const runningRooms = new Set((db.$client.prepare("select room_id as roomId from sessions where state = 'running'").all() as { roomId: number }[]).map((r) => r.roomId));
db.$client.close();

const heartbeatMs = Number(a.heartbeat);
// The login page lists the demo accounts: the server learns them (and that it runs a demo) here.
const demoAccounts = Object.values(accounts).map(({ nip, password }) => ({ nip, password }));
const server = await startServer({ port: Number(a.port), host: a.host, dbFile: a.db, webBuildDir: a['web-build'], heartbeatMs, logLevel: 'warn', stallMs: 3 * 60_000, demoAccounts }).catch(
  (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE') throw err;
    console.error(`\n  Port ${a.port} sudah dipakai / is already in use: npm run demo -- --port ${Number(a.port) + 1}\n`);
    process.exit(1);
  }
);
installLastResort(server.log);
const simulated = seeded.filter((s) => s !== forRealAgent);
/** stations per simulator process when the many-venue demo splits them (one socket each) */
const PER_PROCESS = 2500;
const sim = venueCount !== null && simulated.length > PER_PROCESS ? simulateInProcesses() : await startSimulation({
  serverUrl: server.url,
  stations: simulated.map((s) => ({ token: s.token, code: s.code, participant: s.participant, roomId: s.roomId })),
  // The simulated participants read the session PIN off the room's projector: the PIN in force
  // for the room's current session, if any (Pasal 14(1)i). One of them mistypes it once. Typed
  // before the proctor starts the test it is answered not_started and they try again a few seconds
  // later; someone the desk has not registered is refused (unregistered) and comes back later.
  // They log in once "Mulai tes" is pressed.
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
  spikes: Number(a['spike-every']) > 0 ? { everyMs: Number(a['spike-every']) * 1000, lengthMs: Number(a['spike-ms']) } : undefined,
  seed: 42
});

/**
 * The many-venue demo's PCs in child processes of PER_PROCESS stations each (agent/sim/cli.ts,
 * faults as asked, no PIN step: its --pin-file holds one PIN and here every room has its own).
 * Without the PIN nothing holds a participant back until the test starts, so only the rooms whose
 * session is running have participants at their PCs; the others' PCs are on, nobody logs in.
 * A child goes when this process goes (its IPC channel closes); stop() asks each to stop.
 */
function simulateInProcesses(): { stop(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'cact-demo-sim-'));
  const kids: ChildProcess[] = [];
  for (let i = 0, k = 0; i < simulated.length; i += PER_PROCESS, k++) {
    const file = join(dir, `stations-${k}.json`);
    writeFileSync(file, JSON.stringify(simulated.slice(i, i + PER_PROCESS).map((s) => ({ token: s.token, code: s.code, participant: runningRooms.has(s.roomId) ? s.participant : null }))));
    kids.push(spawn(process.execPath, [
      '--import', 'tsx', 'agent/sim/cli.ts', '--server', server.url, '--stations-file', file, '--heartbeat', String(heartbeatMs),
      '--time-scale', String(a['time-scale']), '--seed', String(42 + k), '--summary-ms', '60000', ...(a['no-faults'] ? ['--no-faults'] : [])
    ], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
  }
  const killAll = () => { for (const c of kids) if (c.exitCode === null && c.pid) try { process.kill(c.pid, 'SIGKILL'); } catch { /* gone */ } };
  process.on('exit', () => { killAll(); rmSync(dir, { recursive: true, force: true }); });
  return {
    stop: async () => {
      const gone = kids.map((c) => (c.exitCode !== null ? null : new Promise<void>((r) => c.once('exit', () => r()))));
      for (const c of kids) if (c.exitCode === null && c.pid) try { process.kill(c.pid, 'SIGTERM'); } catch { /* gone */ }
      const timer = setTimeout(killAll, 10_000);
      await Promise.all(gone);
      clearTimeout(timer);
    }
  };
}

const rooms = [...new Set(seeded.map((s) => s.roomId))];
// Measure every station's bandwidth once, as a proctor does during the pre-check (Lampiran I.B, B.4).
setTimeout(() => rooms.forEach((r) => server.hub.requestRoomProbes(r, 50)), 3000).unref();
console.log(demoGuide());

/**
 * What a user needs to start: where to open it, how to sign in, what to try — Bahasa Indonesia
 * first, English after the slash, short enough to read at a glance in a terminal.
 */
function demoGuide(): string {
  const ROLE: Record<keyof typeof accounts, string> = {
    admin: 'Admin sistem / system admin',
    koordinator: 'Koordinator / coordinator',
    pengawas: 'Pengawas / proctor',
    instruktur: 'Instruktur / instructor',
    petugas_ti: 'Petugas TI / IT officer',
    operator_instansi: 'Operator instansi / agency operator'
  };
  // the proctor first: the walk-through below is theirs
  const roles = (Object.keys(accounts) as (keyof typeof accounts)[]).sort((x, y) => Number(y === 'pengawas') - Number(x === 'pengawas'));
  const width = Math.max(...roles.map((r) => ROLE[r].length));
  const running = roomsNow.filter((r) => r.state === 'running');
  const toRun = roomsNow.filter((r) => r.state === 'scheduled');
  const named = (list: typeof roomsNow) =>
    list.slice(0, 3).map((r) => `${r.name} (${server.url}/rooms/${r.id})`).join(', ') + (list.length > 3 ? ` … +${list.length - 3}` : '');
  const lines = [
    '',
    '  Pengawasan CACT BKN — demo berjalan / demo running',
    `  Buka / open:  ${server.url}/`,
    '',
    '  Akun demo / demo accounts — NIP, sandi / password (juga di halaman masuk / also on the sign-in page):',
    ...roles.map((r) => `    ${ROLE[r].padEnd(width)}  ${accounts[r].nip}  ${accounts[r].password}`),
    '',
    '  Coba / try, sebagai Pengawas / as the proctor:'
  ];
  if (running.length) {
    lines.push(
      `  • Sesi berjalan / a session running: ${named(running)}`,
      '    klik PC untuk detail, "Perlu perhatian" untuk yang bermasalah / click a PC for details, "Perlu perhatian" for the PCs in trouble'
    );
  }
  if (toRun.length) {
    lines.push(
      `  • Sesi belum dimulai / a session still to run: ${named(toRun)}`,
      '    persiapan → daftar periksa → buka registrasi → impor peserta → daftarkan hadir → PIN → mulai tes',
      '    preparation → checklist → open registration → import → check people in → PIN → start the test'
    );
    for (const f of importFiles) lines.push(`    berkas impor / import file: ${f.file}`);
  }
  if (seededDocs.postponed !== null || seededDocs.finalised !== null) {
    lines.push(`  • Berita acara / official documents: ${server.url}/activities (Kegiatan → Dokumen); periksa keaslian / verify: ${server.url}/verify`);
  }
  if (forRealAgent) {
    lines.push(
      `  • Agen nyata / a real agent at PC ${forRealAgent.code} (belum terdaftar / not enrolled):`,
      `    npm run agent -- --server ${server.url} --enroll ${enrollCode}`
    );
  }
  if (venueCount !== null) {
    lines.push(`  • Sebagai Koordinator / as the coordinator: ${server.url}/board — ${venueCount} lokasi / venues, nasional / national scope`);
  }
  lines.push(
    '',
    `  ${simulated.length} PC disimulasikan / simulated PCs · data: ${a.db} (dibuat ulang setiap mulai / rebuilt at every start)`,
    '  Ctrl+C: berhenti / stop',
    ''
  );
  return lines.join('\n');
}

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
