/**
 * Tests that set up what they need. Mostly without a server each: one server per test file, and one
 * venue of its own for every test in it (venuePerTest). The venues are copies (same rooms, stations, participants and
 * sessions as seeded, one account per role scoped to each), seeded before the server starts, so a
 * test starts from the seeded state whatever ran before it and in whatever order — it can run
 * alone (`-t`), shuffled, or after a test that failed half-way. A server costs about a second (its
 * store worker loads in a thread of its own); a venue costs a few milliseconds.
 *
 * What stays shared is the server itself: its audit trail (read it filtered by this venue's
 * sessions or ids), its clock (a test that fakes Date puts it back: afterEach(vi.useRealTimers)),
 * and its configuration (a test that needs another one restarts the server and puts it back, or
 * starts its own with startTestServer).
 */
import { afterAll, afterEach, beforeAll, onTestFinished } from 'vitest';
import type { SessionSummary, SessionTopic, StationPatch } from '../../protocol/index.ts';
import type { ConfigInput } from '../../server/config.ts';
import type { SeedRoom, SeededStation } from '../../demo/seed.ts';
import {
  api, call, connected, dashboardSocket, helloStation, roomSessionId, startTestServer,
  type DashboardClient, type Session, type StationClient, type TestServer, type TestVenue
} from './server.ts';

/**
 * A server of its own for each test that asks for one (`fresh(cfg)`), for tests of what is
 * server-wide (login counters and lockouts, every session of a user, the audit trail): disposed,
 * with the sockets handed to `track`, after each test. `current()` is the running test's server.
 */
export function serverPerTest() {
  let current: TestServer | undefined;
  const sockets: { close(): void }[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await current?.dispose();
    current = undefined;
  });
  return {
    fresh: async (cfg: ConfigInput = {}) => (current = await startTestServer(cfg)),
    track: <T extends { close(): void }>(s: T): T => (sockets.push(s), s),
    current: (): TestServer => {
      if (!current) throw new Error('serverPerTest: no server started in this test (fresh)');
      return current;
    }
  };
}

type Task = { type: string; tasks?: Task[] };
const countTests = (t: Task): number => (t.type === 'test' ? 1 : (t.tasks ?? []).reduce((n, c) => n + countTests(c), 0));

export type VenuePerTest = {
  /** the file's server (after beforeAll) */
  readonly srv: TestServer;
  /** a venue no other test has touched: call it in the test (once; twice counts as two tests) */
  venue(): Promise<TestVenue>;
};

/**
 * Registers beforeAll/afterAll: a server with `cfg` and one copy of `rooms` per test in this file
 * (plus `spare` more, for tests that need two venues).
 */
export function venuePerTest(cfg: ConfigInput, rooms: SeedRoom[], opts: { otherVenue?: boolean; spare?: number } = {}): VenuePerTest {
  let srv: TestServer | null = null;
  let next = 0;
  beforeAll(async ({}, file) => {
    srv = await startTestServer(cfg, rooms, { otherVenue: opts.otherVenue, venues: countTests(file as Task) + (opts.spare ?? 0) });
  });
  afterAll(async () => {
    await srv?.dispose();
  });
  const server = () => {
    if (!srv) throw new Error('venuePerTest: the server starts in beforeAll');
    return srv;
  };
  return {
    get srv() {
      return server();
    },
    async venue() {
      const v = server().venues[next++];
      if (!v) throw new Error(`venuePerTest: more venues asked for than the ${server().venues.length} seeded (raise spare)`);
      return v;
    }
  };
}

/** Close these sockets when the running test ends, passed or failed. */
export function closeAfterTest<T extends { close(): unknown }>(...sockets: T[]): T[] {
  onTestFinished(() => {
    for (const s of sockets) s.close();
  });
  return sockets;
}

export type RoomWatch = {
  dash: DashboardClient;
  /** every station patch pushed to the room (room:changes) */
  patches: StationPatch[];
  /** every room:session push, in order */
  pushes: { session: SessionSummary | null; changed: SessionTopic[] }[];
  /** the session summaries pushed (room:session with a session) */
  summaries: SessionSummary[];
  /** the room:join answer (its snapshot) */
  joined: any;
};

/** A dashboard signed in as `session`, joined to `roomId`, recording what is pushed; closed at the end of the test. */
export async function watchRoom(srv: TestServer, session: Session, roomId: number): Promise<RoomWatch> {
  const dash = dashboardSocket(srv.url, session);
  closeAfterTest(dash);
  await connected(dash);
  const patches: StationPatch[] = [];
  const pushes: RoomWatch['pushes'] = [];
  const summaries: SessionSummary[] = [];
  dash.on('room:changes', (m) => patches.push(...m.patches));
  dash.on('room:session', (m) => {
    pushes.push(m);
    if (m.session) summaries.push(m.session);
  });
  const joined = await call(dash, 'room:join', { roomId });
  if (!joined?.ok) throw new Error(`room:join ${roomId}: ${JSON.stringify(joined)}`);
  return { dash, patches, pushes, summaries, joined };
}

/** Station agents (hello sent) for these seeded stations of the venue; closed at the end of the test. */
export async function helloStations(v: TestVenue, indexes: number[], streamPrefix = 'stream-t'): Promise<StationClient[]> {
  const out: StationClient[] = [];
  for (const i of indexes) {
    const { st } = await helloStation(v.srv.url, v.seeded[i].token, `${streamPrefix}-${v.seeded[i].stationId}`);
    closeAfterTest(st);
    out[i] = st;
  }
  return out;
}

/** The current session id of each of the venue's rooms (null where a room has none). */
export async function roomSessions(v: TestVenue, who: Session): Promise<(number | null)[]> {
  const out: (number | null)[] = [];
  for (const roomId of v.roomIds) out.push(await roomSessionId(v.srv.url, who, roomId).catch(() => null));
  return out;
}

/** The venue's proctor signed in, room `index` (in the order given) and that room's current session. */
export async function proctorRoom(v: TestVenue, index = 0) {
  const pengawas = await v.login('pengawas');
  const roomId = v.roomIds[index];
  const sessionId = await roomSessionId(v.srv.url, pengawas, roomId);
  return { srv: v.srv, seeded: v.seeded, pengawas, roomId, sessionId };
}

/** The participant id of the person seeded at each of these stations, in the session's attendance list. */
export async function participantIdsAt(v: TestVenue, who: Session, sessionId: number, stations: SeededStation[]): Promise<number[]> {
  const r = await api(v.srv.url, who, 'GET', `/sessions/${sessionId}/attendance`);
  if (r.status !== 200) throw new Error(`attendance of session ${sessionId}: ${r.status} ${JSON.stringify(r.body)}`);
  const rows = r.body.rows as { participantId: number; nip: string }[];
  return stations.map((s) => rows.find((x) => x.nip === s.participant!.nip)!.participantId);
}
