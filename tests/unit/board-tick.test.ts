/**
 * The coordinator board's aggregate (server/live/board.ts) without a server: its facts from the
 * hub's memory and the store, the versions and the per-scope deltas, and the cost of a tick at
 * 200 venues × 50 stations (a national board), which must stay well under 20 ms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/client.ts';
import { VenueBoard, type BoardSource } from '../../server/live/board.ts';
import type { RoomLive } from '../../server/live/live-state.ts';
import type { BoardDelta } from '../../protocol/board.ts';
import type { StationView } from '../../protocol/index.ts';
import { createLogger } from '../../server/log.ts';

const VENUES = 200;
const PER_ROOM = 50;
/** noon in Jakarta on a fixed day: every venue's today is around it */
const NOW = Date.UTC(2026, 11, 7, 5, 0, 0);

let db: Db;
let hub: BoardSource & { rooms: Map<number, RoomLive> };

function view(id: number, over: Partial<StationView> = {}): StationView {
  return {
    id, code: `PC${id}`, row: 1, col: 1, spare: false, state: 'online', stateSince: NOW, lastSeenAt: NOW, rtt: 20, jit: 1, kbps: null,
    compliance: 'pass', complianceFails: [], enrolled: true, participant: null, attention: [], pinLockedUntil: null, pending: [], integrity: [],
    ...over
  } as StationView;
}

beforeAll(() => {
  db = openDb(':memory:');
  const c = db.$client;
  const venue = c.prepare("insert into venues (code, name, kind, region, time_zone) values (?, ?, 'upt', ?, ?)");
  const room = c.prepare('insert into rooms (venue_id, code, name, rows, cols) values (?, ?, ?, 5, 10)');
  const session = c.prepare('insert into sessions (room_id, code, name, state, scheduled_at, duration_min) values (?, ?, ?, ?, ?, 180)');
  const participant = c.prepare('insert into participants (session_id, nip, name) values (?, ?, ?)');
  const present = c.prepare("insert into attendance (participant_id, session_id, status, recorded_at) values (?, ?, 'present', ?)");
  hub = { rooms: new Map(), cfg: { maxLatencyMs: 300 } };
  c.transaction(() => {
    for (let v = 1; v <= VENUES; v++) {
      const zone = v % 3 === 0 ? 'Asia/Makassar' : v % 3 === 1 ? 'Asia/Jakarta' : 'Asia/Jayapura';
      const venueId = Number(venue.run(`V${v}`, `Venue ${v}`, `Kanreg ${v % 10}`, zone).lastInsertRowid);
      const roomId = Number(room.run(venueId, 'R1', `Ruang ${v}`).lastInsertRowid);
      // a session running now, and one finalised earlier the same day
      const running = Number(session.run(roomId, `S${v}a`, 'Sesi 1', 'running', NOW - 3600_000).lastInsertRowid);
      const earlier = Number(session.run(roomId, `S${v}b`, 'Sesi 0', 'finalised', NOW - 4 * 3600_000).lastInsertRowid);
      for (let p = 0; p < PER_ROOM; p++) {
        const pid = Number(participant.run(running, `19900101${String(v * 100 + p).padStart(10, '0')}`, `P ${p}`).lastInsertRowid);
        if (p < 45) present.run(pid, running, NOW);
        const done = Number(participant.run(earlier, `19800101${String(v * 100 + p).padStart(10, '0')}`, `Q ${p}`).lastInsertRowid);
        if (p < 48) present.run(done, earlier, NOW - 4 * 3600_000);
      }
      const stations = Array.from({ length: PER_ROOM }, (_, i) => ({
        view: view(v * 1000 + i, { participant: { participantId: i + 1, nip: `n${i}`, name: null, loggedIn: true, finished: false, endedAt: null } as StationView['participant'] })
      }));
      const live = {
        info: { id: roomId, venueId, name: `Ruang ${v}`, code: 'R1', rows: 5, cols: 10, venueName: `Venue ${v}`, timeZone: zone },
        // the running session's summary, as the hub keeps it: the board counts it from here, not from the store
        session: { id: running }, summary: { id: running, state: 'running', counts: { participants: PER_ROOM, present: 45 }, incidents: 0 }, stations
      } as unknown as RoomLive;
      for (const st of stations) (st as { room?: RoomLive }).room = live;
      hub.rooms.set(roomId, live);
    }
  })();
});
afterAll(() => db?.$client.close());

function makeBoard() {
  const sent: { socketId: string; delta: BoardDelta }[] = [];
  const sockets = new Set<string>();
  const emitter = {
    boardDeltas(deltaFor: (id: string) => BoardDelta | null) {
      for (const id of sockets) {
        const d = deltaFor(id);
        if (d) sent.push({ socketId: id, delta: d });
      }
    }
  };
  const board = new VenueBoard(db, hub, emitter, createLogger('silent'));
  return { board, sent, sockets };
}

const stationOf = (venue: number, i: number) => [...hub.rooms.values()][venue - 1].stations[i].view;

describe('VenueBoard', () => {
  it('aggregates each venue from memory and the store', () => {
    const { board } = makeBoard();
    const snap = board.join('s1', () => true, NOW);
    expect(snap.venues).toHaveLength(VENUES);
    const v1 = snap.venues.find((r) => r.code === 'V1')!;
    expect(v1.sessions.map((s) => s.state)).toEqual(['finalised', 'running']);
    // the finalised session's roster from the store, the running one's from its summary
    expect(v1.participants).toEqual({ roster: 2 * PER_ROOM, present: 45 + 48, working: PER_ROOM, finished: 0 });
    expect(v1.stations).toEqual({ total: PER_ROOM, online: PER_ROOM, degraded: 0, offline: 0, missing: 0 });
    expect(v1.attention.level).toBe('ok');
  });

  it('recomputes nothing while no board is joined', () => {
    const { board, sent } = makeBoard();
    board.tick(NOW);
    expect(board.version).toBe(0);
    expect(board.at).toBe(0);
    expect(sent).toEqual([]);
  });

  it('pushes one delta per joined board per version, cut to its scope, versions one by one', () => {
    const { board, sent, sockets } = makeBoard();
    const v1 = [...hub.rooms.values()][0].info.venueId;
    const v2 = [...hub.rooms.values()][1].info.venueId;
    const all = board.join('national', () => true, NOW);
    const only2 = board.join('region', (id) => id === v2, NOW);
    sockets.add('national').add('region');
    expect(only2.venues.map((r) => r.venueId)).toEqual([v2]);
    board.tick(NOW);
    expect(sent).toEqual([]); // nothing changed: no version

    // a PC of venue 1 with its participant goes offline, one of venue 1 slows over 300 ms
    stationOf(1, 0).state = 'offline';
    // over the limit by the room's rule (degraded), not one slow reply
    stationOf(1, 1).rtt = 450;
    stationOf(1, 1).state = 'degraded';
    // one slow reply of a PC still online is not a breach (every PC has one now and then)
    stationOf(1, 2).rtt = 900;
    try {
      board.tick(NOW + 1000);
      expect(board.version).toBe(all.version + 1);
      expect(sent.map((s) => s.socketId).sort()).toEqual(['national', 'region']);
      const national = sent.find((s) => s.socketId === 'national')!.delta;
      const region = sent.find((s) => s.socketId === 'region')!.delta;
      expect(national.version).toBe(all.version + 1);
      expect(region).toEqual({ version: all.version + 1, at: NOW + 1000, changed: [], removed: [] });
      expect(national.changed.map((r) => r.venueId)).toEqual([v1]);
      const row = national.changed[0];
      expect(row.stations).toMatchObject({ offline: 1, missing: 1 });
      expect(row.latencyBreaches).toBe(1);
      expect(row.attention.level).toBe('critical');
      expect(row.attention.score).toBe(11);
    } finally {
      stationOf(1, 0).state = 'online';
      stationOf(1, 1).rtt = 20;
      stationOf(1, 1).state = 'online';
      stationOf(1, 2).rtt = 20;
    }
    board.leave('region');
    sent.length = 0;
    board.tick(NOW + 2000);
    expect(sent.map((s) => s.socketId)).toEqual(['national']);
    expect(sent[0].delta.version).toBe(all.version + 2);
  });

  // Its time is the benchmark's (npm run bench -- --coordinator reports board_tick_*): here, that
  // at this size every tick pushes exactly the venue that changed, to the boards that see it.
  it(`over ${VENUES} venues × ${PER_ROOM} stations, each tick carries exactly the venue that changed, to whoever sees it`, () => {
    const { board, sockets, sent } = makeBoard();
    const start = board.join('national', () => true, NOW);
    board.join('region', (id) => id % 10 === 0, NOW);
    sockets.add('national').add('region');
    expect(start.venues).toHaveLength(VENUES);
    for (let i = 0; i < 30; i++) {
      // something changes every tick, as on a live day: a PC drops, another comes back
      const venue = 1 + (i % VENUES);
      const st = stationOf(venue, i % PER_ROOM);
      st.state = st.state === 'offline' ? 'online' : 'offline';
      sent.length = 0;
      board.tick(NOW + i * 1000);
      const national = sent.find((x) => x.socketId === 'national')!.delta;
      expect(national.version).toBe(start.version + i + 1);
      expect(national.changed).toHaveLength(1);
      const row = national.changed[0];
      expect(row.stations.offline).toBe(st.state === 'offline' ? 1 : 0);
      const region = sent.find((x) => x.socketId === 'region')!.delta;
      expect(region.changed.map((r) => r.venueId)).toEqual(region.changed.length ? [row.venueId] : []);
      expect(region.changed.length === 1).toBe(row.venueId % 10 === 0);
    }
    for (let i = 0; i < 30; i++) stationOf(1 + (i % VENUES), i % PER_ROOM).state = 'online';
    console.log(`board tick, ${VENUES} venues × ${PER_ROOM} stations: last ${board.lastTickMs.toFixed(2)} ms (timed by the benchmark)`);
  });
});
