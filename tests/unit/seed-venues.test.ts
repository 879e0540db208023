/**
 * The many-venue seed (demo/seed.ts seedDemoVenues) that `npm run demo -- --venues` and
 * `npm run bench -- --coordinator` use: the default demo's two venues first, exactly the stations
 * asked for, venues in all three zones and of every kind, and today's sessions in varied states,
 * each on its venue's own today (what the coordinator board shows).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/client.ts';
import { seedDemoVenues, DEMO_FIXED_STATIONS } from '../../demo/seed.ts';
import { VENUE_KINDS, VENUE_TIME_ZONES } from '../../protocol/activity.ts';
import { venueDay } from '../../server/domain/activity-rules.ts';

let db: Db | null = null;
afterEach(() => db?.$client.close());

describe('seedDemoVenues', () => {
  it('seeds the venues and stations asked for, the demo venues first, spread over zones, kinds and session states', () => {
    db = openDb(':memory:');
    // late in the evening in Jakarta: still today in WIB, already tomorrow in WIT
    const now = Date.UTC(2026, 4, 12, 15, 30);
    const seeded = seedDemoVenues(db, { venues: 40, stations: 1000, now });
    expect(seeded).toHaveLength(1000);
    expect(new Set(seeded.map((s) => s.stationId)).size).toBe(1000);
    const venues = db.$client.prepare('select id, code, kind, time_zone as tz, region from venues order by id').all() as { id: number; code: string; kind: string; tz: string; region: string }[];
    expect(venues).toHaveLength(40);
    expect(venues.slice(0, 2).map((v) => v.code)).toEqual(['KANREG1-YK', 'KANREG4-MKS']);
    expect(seeded.filter((s) => s.venueId <= venues[1].id)).toHaveLength(DEMO_FIXED_STATIONS);
    expect(new Set(venues.map((v) => v.tz))).toEqual(new Set(VENUE_TIME_ZONES));
    expect(new Set(venues.map((v) => v.kind))).toEqual(new Set(VENUE_KINDS));
    expect(new Set(venues.map((v) => v.region)).size).toBeGreaterThanOrEqual(12);
    // every venue has PCs
    for (const v of venues) expect(seeded.some((s) => s.venueId === v.id)).toBe(true);

    const sessions = db.$client.prepare(`select s.state, s.scheduled_at as at, v.time_zone as tz from sessions s
      join rooms r on r.id = s.room_id join venues v on v.id = r.venue_id`).all() as { state: string; at: number; tz: string }[];
    const states = new Set(sessions.map((s) => s.state));
    for (const st of ['running', 'preparation', 'open', 'scheduled', 'finished', 'postponed']) expect(states).toContain(st);
    // a finished session started earlier on its venue's today
    for (const s of sessions.filter((x) => x.state === 'finished')) {
      const [from] = venueDay(now, s.tz);
      expect(s.at).toBeGreaterThanOrEqual(from);
      expect(s.at).toBeLessThan(now);
    }
    // participants sit at PCs in running sessions only
    const seatedOutside = db.$client.prepare(`select count(*) as n from participants p join sessions s on s.id = p.session_id
      where p.station_id is not null and s.state <> 'running'`).get() as { n: number };
    expect(seatedOutside.n).toBe(0);
  });

  it('refuses fewer stations than the venues need', () => {
    db = openDb(':memory:');
    expect(() => seedDemoVenues(db!, { venues: 10, stations: DEMO_FIXED_STATIONS + 7 })).toThrow(/--venues 10/);
  });
});
