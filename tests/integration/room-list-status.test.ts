/**
 * The room list at a glance: GET /api/rooms gives each room its session's stage and its
 * stations online / degraded / offline / idle / needing attention from the hub's memory, to those
 * who watch rooms; the list's refresh (x-cact-background) never keeps an idle session alive.
 * Every test has a venue of its own (tests/helpers/per-test.ts) with its two PCs up.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import type { RoomListResponse } from '../../protocol/index.ts';
import { MemoryQueue } from '../../agent/event-queue.ts';
import { StationAgent } from '../../agent/station-agent.ts';
import { api, until, validFacts, type Session } from '../helpers/server.ts';
import { venuePerTest } from '../helpers/per-test.ts';

const venues = venuePerTest({ heartbeatMs: 500 }, [{ code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'running' }]);

/** A venue of the test's own: two PCs up (agents), three never came up, the spare never set up (no token). */
async function setup() {
  const v = await venues.venue();
  const { srv, seeded } = v;
  const pengawas = await v.login('pengawas');
  const agents: StationAgent[] = [];
  onTestFinished(() => Promise.all(agents.map((a) => a.stop())).then(() => undefined));
  for (const s of seeded.slice(0, 2)) {
    const agent = new StationAgent({ serverUrl: srv.url, token: s.token, agentVersion: 'test', queue: new MemoryQueue(), facts: async () => validFacts, heartbeatMs: 500 });
    agents.push(agent);
    await agent.start();
  }
  const spare = seeded.at(-1)!;
  srv.db.$client.prepare('update stations set token_hash = null where id = ?').run(spare.stationId);
  srv.hub.setToken(spare.stationId, null);
  await until(() => seeded.slice(0, 2).every((s) => srv.hub.stations.get(s.stationId)?.view.state === 'online'), 5000);
  const rooms = async (session: Session, headers: Record<string, string> = {}) => {
    const res = await fetch(`${srv.url}/api/rooms`, { headers: { cookie: session.cookie, ...headers } });
    expect(res.status).toBe(200);
    return (await res.json()) as RoomListResponse;
  };
  return { v, srv, seeded, pengawas, agents, rooms };
}

describe('GET /api/rooms', () => {
  it('gives a proctor each room\'s stage and stations, the idle spare apart', async () => {
    const { pengawas, rooms } = await setup();
    const body = await rooms(pengawas);
    const room = body.venues[0].rooms[0];
    expect(room.status?.session).toMatchObject({ state: 'running', participants: 5 });
    expect(room.status?.stations).toMatchObject({ total: 6, online: 2, degraded: 0, offline: 3, idle: 1 });
    expect(typeof body.at).toBe('number');
  });

  it('counts a station that went down, with its marker, as needing attention', async () => {
    const { srv, seeded, pengawas, agents, rooms } = await setup();
    await agents[0].stop();
    await until(() => (srv.hub.stations.get(seeded[0].stationId)?.view.attention.length ?? 0) > 0, 8000);
    const room = (await rooms(pengawas)).venues[0].rooms[0];
    expect(room.status?.stations).toMatchObject({ online: 1, offline: 4, attention: 1 });
  });

  it('gives no live status to an agency operator (no room.view)', async () => {
    const { v, rooms } = await setup();
    const op = await v.login('operator_instansi');
    const room = (await rooms(op)).venues[0].rooms[0];
    expect(room.status ?? null).toBeNull();
  });

  it('a background refresh is answered but is not the user\'s activity', async () => {
    const { v, srv, rooms } = await setup();
    const s = await v.login('instruktur');
    const old = Date.now() - 5 * 60_000;
    srv.db.$client.prepare('update auth_sessions set last_seen_at = ?').run(old);
    await rooms(s, { 'x-cact-background': '1' });
    const seen = () => (srv.db.$client.prepare('select max(last_seen_at) as t from auth_sessions where revoked_at is null').get() as { t: number }).t;
    expect(seen()).toBe(old);
    expect((await api(srv.url, s, 'GET', '/rooms')).status).toBe(200);
    expect(seen()).toBeGreaterThan(old);
  });
});
