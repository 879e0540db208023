/**
 * What a dashboard was shown survives a `kill -9` of the server that showed it.
 * Offline markers used to wait up to a second in the batch writer's memory while the dashboard
 * already showed them; a crash then lost them. The server runs in a child process here so that it
 * can be killed for real, the instant the dashboard has seen the markers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { seedVenue } from '../../demo/seed.ts';
import { roleAccounts, seedAccounts } from '../../demo/seed-accounts.ts';
import type { StationPatch } from '../../protocol/index.ts';
import { call, connected, dashboardSocket, helloStation, loginAs, TEST_ARGON2, until } from '../helpers/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'cact-crash-'));
const dbFile = join(dir, 'crash.sqlite');
let child: ChildProcess | null = null;
afterAll(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function startChild(): Promise<{ url: string; pid: number }> {
  child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/server-proc.ts', '--db', dbFile, '--heartbeat', '300'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((ok, ko) => {
    child!.once('error', ko);
    // a server that dies while starting says so at once, instead of the test waiting out its timeout
    child!.once('exit', (code, signal) => ko(new Error(`the server exited while starting: code ${code} signal ${signal}`)));
    child!.on('message', (m: { type: string; url: string; pid: number }) => m.type === 'ready' && ok(m));
  });
}

describe('a kill -9 right after markers are shown', () => {
  it('keeps every transition and marker a dashboard was shown', async () => {
    const db = openDb(dbFile);
    const seeded = seedVenue(db, { code: 'T', name: 'Venue Uji', region: 'Kanreg Uji', rooms: [{ code: 'R1', name: 'Ruang 1', rows: 2, cols: 4, session: 'running' }], instansi: ['Instansi A'] });
    const accounts = await seedAccounts(db, roleAccounts({ venueId: seeded[0].venueId, region: 'Kanreg Uji', instansi: 'Instansi A' }), { cost: TEST_ARGON2, demo: false });
    db.$client.close();

    const { url } = await startChild();
    const dash = dashboardSocket(url, await loginAs(url, accounts.pengawas.nip, accounts.pengawas.password));
    await connected(dash);
    const shown = new Map<number, StationPatch['attention']>();
    dash.on('room:changes', (m) => {
      for (const p of m.patches) if (p.attention) shown.set(p.id, p.attention);
    });
    expect((await call(dash, 'room:join', { roomId: seeded[0].roomId })).ok).toBe(true);

    const cut = seeded.slice(0, 6);
    const stations = await Promise.all(cut.map((s, i) => helloStation(url, s.token, `stream-crash${i}`)));
    for (const { st } of stations) await call(st, 'station:heartbeat', { v: 1, t: Date.now(), rttMs: 3, jitterMs: 0 });
    // all cut at once: each goes offline after 3 silent heartbeat intervals
    for (const { st } of stations) st.close();
    await until(() => cut.every((s) => shown.get(s.stationId)?.some((a) => a.kind === 'offline')), 8000, 1);
    child!.kill('SIGKILL'); // the moment the dashboard has them all
    await new Promise((r) => child!.once('exit', r));
    dash.close();

    const after = openDb(dbFile, { migrate: false });
    try {
      for (const s of cut) {
        const marker = after.$client.prepare("select count(*) as n from station_alerts where station_id = ? and kind = 'offline'").get(s.stationId) as { n: number };
        const transition = after.$client.prepare("select count(*) as n from station_transitions where station_id = ? and to_state = 'offline'").get(s.stationId) as { n: number };
        expect({ station: s.code, marker: marker.n, transition: transition.n }).toEqual({ station: s.code, marker: 1, transition: 1 });
      }
      expect(after.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      after.$client.close();
    }
  }, 30_000);
});
