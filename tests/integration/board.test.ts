/**
 * The coordinator board (Perban BKN 4/2024 Pasal 16) over a real server: `board:join` answers the
 * venues of the caller's scope, ranked, with the version; `board:delta` follows, one version at a
 * time, cut to the scope. Three venues T, T2, T3 in three regions, each with a koordinator scoped
 * to its region (tests/helpers/server.ts `venues: 3`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDelta, type BoardDelta, type BoardSnapshot } from '../../protocol/board.ts';
import {
  call, connected, dashboardSocket, helloStation, keepAlive, startTestServer, until, type DashboardClient, type StationClient, type TestServer
} from '../helpers/server.ts';

let srv: TestServer;
const closers: { close(): unknown }[] = [];

beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 500 }, undefined, { venues: 3 });
});
afterAll(async () => {
  for (const c of closers) c.close();
  await srv?.dispose();
});

/** A signed-in dashboard of `venue`'s account of `role`, connected. */
async function board(venue: number, role: 'koordinator' | 'admin' | 'pengawas' | 'operator_instansi') {
  const d: DashboardClient = dashboardSocket(srv.url, await srv.venues[venue].login(role));
  closers.push(d);
  await connected(d);
  return d;
}

/** Join, then record every delta applied to the snapshot (applyDelta: a gap would fail the test). */
async function joined(d: DashboardClient) {
  const deltas: BoardDelta[] = [];
  d.on('board:delta', (delta) => deltas.push(delta));
  const ack = await call<{ ok: true; snapshot: BoardSnapshot }>(d, 'board:join', {});
  expect(ack.ok).toBe(true);
  return { first: ack.snapshot, deltas };
}

const venueIdOf = (k: number) => srv.venues[k].seeded[0].venueId;

describe('board:join', () => {
  it('gives a koordinator exactly the venues of its region, and the admin every venue, ranked', async () => {
    for (const k of [0, 1, 2]) {
      const { first } = await joined(await board(k, 'koordinator'));
      expect(first.venues.map((v) => v.venueId)).toEqual([venueIdOf(k)]);
      expect(first.version).toBeGreaterThanOrEqual(0);
    }
    const { first } = await joined(await board(0, 'admin'));
    expect(first.venues.map((v) => v.venueId).sort((a, b) => a - b)).toEqual([0, 1, 2].map(venueIdOf).sort((a, b) => a - b));
    const t = first.venues.find((v) => v.venueId === venueIdOf(0))!;
    // the running session of R1 today, its roster, its six PCs (the spare among them)
    expect(t.sessions.map((s) => s.state)).toEqual(['running']);
    expect(t.participants.roster).toBe(5);
    expect(t.stations.total).toBe(6);
    expect(t.attention.parts.map((p) => p.kind)).toContain('missing_stations');
  });

  it('refuses a proctor and an agency operator (FORBIDDEN): the board is the coordinator\'s', async () => {
    for (const role of ['pengawas', 'operator_instansi'] as const) {
      const ack = await call(await board(0, role), 'board:join', {});
      expect(ack, role).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
  });
});

describe('board:delta', () => {
  it('a station going offline raises its venue\'s attention, pushed as the next version, to the boards that see it only', async () => {
    const t = srv.venues[0].seeded;
    // two seated PCs of T up and kept alive
    const up: { st: StationClient; stop: () => void }[] = [];
    for (const s of t.slice(0, 2)) {
      const { st } = await helloStation(srv.url, s.token, `board-stream-${s.stationId}`);
      closers.push(st);
      up.push({ st, stop: keepAlive(st, 200) });
    }
    await until(() => t.slice(0, 2).every((s) => srv.hub.stations.get(s.stationId)?.view.state === 'online'), 5000);

    const kT = await joined(await board(0, 'koordinator'));
    const kT2 = await joined(await board(1, 'koordinator'));
    const missingAt = (snap: BoardSnapshot) => snap.venues.find((v) => v.venueId === venueIdOf(0))?.stations.missing ?? -1;
    // the board may still be catching up with the two PCs coming up: wait for them on it
    let viewT = kT.first;
    await until(() => {
      for (const d of kT.deltas.splice(0)) {
        const r = applyDelta(viewT, d);
        expect(r.ok).toBe(true);
        if (r.ok) viewT = r.snapshot;
      }
      return viewT.venues[0].stations.online === 2;
    }, 8000);
    const before = missingAt(viewT);
    const scoreBefore = viewT.venues[0].attention.score;

    // T's first PC goes down: its participant cannot work
    up[0].stop();
    up[0].st.close();
    const sentAt = Date.now();
    await until(() => {
      for (const d of kT.deltas.splice(0)) {
        // every delta is exactly the next version (applyDelta would ask for a snapshot otherwise)
        expect(d.version).toBe(viewT.version + 1);
        const r = applyDelta(viewT, d);
        expect(r.ok && r.applied).toBe(true);
        if (r.ok) viewT = r.snapshot;
        // never a venue outside the koordinator's region
        expect(d.changed.every((v) => v.venueId === venueIdOf(0))).toBe(true);
      }
      return missingAt(viewT) === before + 1;
    }, 10_000);
    // offline after three silent heartbeats (1.5 s), pushed with the next tick (≤ 1 s)
    expect(Date.now() - sentAt).toBeLessThan(8000);
    expect(viewT.venues[0].attention.score).toBeGreaterThan(scoreBefore);
    expect(viewT.venues[0].attention.level).toBe('critical');

    // T2's koordinator got the same versions, one by one (empty of T's changes), and nothing of T
    await until(() => (kT2.deltas.at(-1)?.version ?? -1) >= viewT.version, 5000);
    let viewT2 = kT2.first;
    for (const d of kT2.deltas) {
      expect(d.version).toBe(viewT2.version + 1);
      expect(d.changed.map((v) => v.venueId).filter((id) => id !== venueIdOf(1))).toEqual([]);
      const r = applyDelta(viewT2, d);
      if (r.ok) viewT2 = r.snapshot;
    }
    expect(viewT2.venues.map((v) => v.venueId)).toEqual([venueIdOf(1)]);
    up[1].stop();
  });

  it('a board that joins again starts from a fresh snapshot at the current version; after board:leave no delta arrives', async () => {
    const d = await board(0, 'koordinator');
    const a = await joined(d);
    const b = await call<{ ok: true; snapshot: BoardSnapshot }>(d, 'board:join', {});
    expect(b.snapshot.version).toBeGreaterThanOrEqual(a.first.version);
    expect(b.snapshot.venues.map((v) => v.venueId)).toEqual([venueIdOf(0)]);
    expect(await call(d, 'board:leave', {})).toEqual({ ok: true });
    const got: BoardDelta[] = [];
    d.on('board:delta', (x) => got.push(x));
    // a change of T while this socket has left: its own delta never comes
    const s = srv.venues[0].seeded[2];
    const { st } = await helloStation(srv.url, s.token, `board-left-${s.stationId}`);
    closers.push(st);
    await until(() => srv.hub.stations.get(s.stationId)?.view.state === 'online', 5000);
    await new Promise((r) => setTimeout(r, 2500));
    expect(got).toEqual([]);
    st.close();
  });
});
