/** Batched telemetry writes, per-minute roll-ups and retention, on a real SQLite file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/client.ts';
import { seedVenue } from '../../demo/seed.ts';
import { BatchWriter } from '../../server/live/batch-writer.ts';
import { createStoreWriter } from '../../server/live/store-writer.ts';
import { createLogger } from '../../server/log.ts';

let dir: string;
let db: Db;
afterEach(() => {
  db?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

function setup() {
  dir = mkdtempSync(join(tmpdir(), 'cact-tel-'));
  db = openDb(join(dir, 't.sqlite'));
  const [s] = seedVenue(db, { code: 'V', name: 'V', rooms: [{ code: 'R', name: 'R', rows: 1, cols: 1 }] });
  // the inline writer: the same store ops as the worker, on this connection (the worker is covered by every server test)
  const w = new BatchWriter(createStoreWriter(db, ':memory:', createLogger('silent')), { maxLatencyMs: 300, sampleRetentionMs: 3600_000, minuteRetentionMs: 24 * 3600_000 }, createLogger('silent'));
  return { w, id: s.stationId };
}
const minutes = () => db.$client.prepare('select minute, n, rtt_avg as avg, rtt_max as max, over_limit as over from telemetry_minutes order by minute').all();
const sampleCount = () => (db.$client.prepare('select count(*) as n from telemetry_samples').get() as { n: number }).n;

describe('telemetry store', () => {
  it('rolls samples up per minute as they arrive and writes a minute when it is over', async () => {
    const { w, id } = setup();
    const m0 = 29_000_000 * 60_000; // a minute boundary
    w.sample(id, m0 + 1000, 100, 5);
    w.sample(id, m0 + 3000, 400, 5);
    w.sample(id, m0 + 5000, null, null);
    await w.flush(m0 + 6000);
    expect(sampleCount()).toBe(3);
    expect(minutes()).toEqual([]); // the minute is still open
    w.sample(id, m0 + 61_000, 50, 1);
    await w.flush(m0 + 62_000);
    expect(minutes()).toEqual([{ minute: m0 / 60000, n: 2, avg: 250, max: 400, over: 1 }]); // n counts samples with an RTT
  });

  it('merges a minute written in two parts (a detail view closed it early)', async () => {
    const { w, id } = setup();
    const m0 = 29_000_000 * 60_000;
    w.sample(id, m0 + 1000, 100, 1);
    await w.flush(m0 + 2000, true);
    w.sample(id, m0 + 3000, 300, 1);
    await w.flush(m0 + 61_000);
    expect(minutes()).toEqual([{ minute: m0 / 60000, n: 2, avg: 200, max: 300, over: 0 }]);
  });

  it('drops raw samples and minutes past their retention', async () => {
    const { w, id } = setup();
    const now = 29_000_000 * 60_000;
    w.sample(id, now - 2 * 3600_000, 10, 1); // older than 1 h
    w.sample(id, now - 10 * 60_000, 20, 1);
    await w.flush(now - 9 * 60_000, true);
    db.$client.prepare('insert into telemetry_minutes (station_id, minute, n, rtt_avg, rtt_max, over_limit) values (?, ?, 1, 1, 1, 0)').run(id, (now - 48 * 3600_000) / 60000);
    // the first flush already applied retention: the two-hour-old sample is gone
    expect(sampleCount()).toBe(1);
    w.sample(id, now, 30, 1);
    await w.flush(now);
    w.prune(now);
    expect((db.$client.prepare('select rtt_ms as r from telemetry_samples order by at').all() as { r: number }[]).map((x) => x.r)).toEqual([20, 30]);
    expect((minutes() as { minute: number }[]).every((m) => m.minute >= (now - 24 * 3600_000) / 60000)).toBe(true);
  });

  it('keeps transitions and alerts for the next write when a write fails', async () => {
    const { w, id } = setup();
    w.transition({ stationId: id, at: 1000, from: null, to: 'online', reason: 'connected', value: null });
    db.$client.exec('alter table station_transitions rename to tmp_transitions');
    await w.flush(2000);
    expect(w.failures).toBe(1);
    db.$client.exec('alter table tmp_transitions rename to station_transitions');
    await w.flush(3000);
    expect(db.$client.prepare('select to_state as s from station_transitions').all()).toEqual([{ s: 'online' }]);
  });
});
