/**
 * The hot write path: heartbeat samples, per-minute roll-ups, connectivity transitions, raised
 * alerts and changed station facts, written together in one transaction per flush (the batch writer calls this about once a
 * second). Prepared statements are reused: at 10,000 stations this is ~5,000 rows a second.
 */
import type { Transition } from '../../protocol/index.ts';
import type { Db } from '../client.ts';

export type SampleRow = { stationId: number; at: number; rtt: number | null; jit: number | null };
export type MinuteRow = { stationId: number; minute: number; n: number; rttAvg: number | null; rttMax: number | null; overLimit: number };
export type TransitionRow = { stationId: number } & Transition;
export type AlertRow = { stationId: number; kind: string; at: number };
export type FactsRow = { stationId: number; factsJson: string; agentVersion: string; at: number };
export type WriteBatch = { samples: SampleRow[]; minutes: MinuteRow[]; transitions: TransitionRow[]; alerts: AlertRow[]; facts: FactsRow[] };

export function telemetryWriter(db: Db) {
  const c = db.$client;
  const insSample = c.prepare('insert into telemetry_samples (station_id, at, rtt_ms, jitter_ms) values (?, ?, ?, ?)');
  // A minute may arrive in two parts (a flush straddles it, or a restart): merge, don't overwrite.
  const upMinute = c.prepare(`insert into telemetry_minutes (station_id, minute, n, rtt_avg, rtt_max, over_limit)
    values (?, ?, ?, ?, ?, ?)
    on conflict (station_id, minute) do update set
      rtt_avg = case when excluded.rtt_avg is null then rtt_avg when rtt_avg is null then excluded.rtt_avg
                else (rtt_avg * n + excluded.rtt_avg * excluded.n) / (n + excluded.n) end,
      rtt_max = max(coalesce(rtt_max, excluded.rtt_max), coalesce(excluded.rtt_max, rtt_max)),
      n = n + excluded.n,
      over_limit = over_limit + excluded.over_limit`);
  const insTransition = c.prepare('insert into station_transitions (station_id, at, from_state, to_state, reason, value) values (?, ?, ?, ?, ?, ?)');
  const insAlert = c.prepare('insert into station_alerts (station_id, kind, raised_at) values (?, ?, ?)');
  const upFacts = c.prepare('update stations set facts_json = ?, facts_at = ?, agent_version = ? where id = ?');
  const write = c.transaction((b: WriteBatch) => {
    for (const f of b.facts) upFacts.run(f.factsJson, f.at, f.agentVersion, f.stationId);
    for (const s of b.samples) insSample.run(s.stationId, s.at, s.rtt, s.jit);
    for (const m of b.minutes) upMinute.run(m.stationId, m.minute, m.n, m.rttAvg, m.rttMax, m.overLimit);
    for (const t of b.transitions) insTransition.run(t.stationId, t.at, t.from, t.to, t.reason, t.value);
    for (const a of b.alerts) insAlert.run(a.stationId, a.kind, a.at);
  });
  return (batch: WriteBatch) => write(batch);
}

/**
 * Retention: raw samples are kept `sampleMs`, minute roll-ups `minuteMs`. Samples are appended in
 * time order, so the cut-off is found by walking rowids from the oldest — exactly the rows that go.
 */
export function pruneTelemetry(db: Db, now: number, sampleMs: number, minuteMs: number) {
  const c = db.$client;
  const cut = c.prepare('select rowid as r from telemetry_samples where at >= ? order by rowid limit 1').get(now - sampleMs) as { r: number } | undefined;
  const samples = cut
    ? c.prepare('delete from telemetry_samples where rowid < ?').run(cut.r).changes
    : c.prepare('delete from telemetry_samples where at < ?').run(now - sampleMs).changes;
  const minutes = c.prepare('delete from telemetry_minutes where minute < ?').run(Math.floor((now - minuteMs) / 60000)).changes;
  return { samples, minutes };
}

export function latencySeries(db: Db, stationId: number, sinceMinute: number, recentSince: number) {
  const c = db.$client;
  const minutes = c
    .prepare('select minute * 60000 as t, rtt_avg as avg, rtt_max as max, n from telemetry_minutes where station_id = ? and minute >= ? and rtt_avg is not null order by minute')
    .all(stationId, sinceMinute) as { t: number; avg: number; max: number; n: number }[];
  const recent = c
    .prepare('select at as t, rtt_ms as rtt from telemetry_samples where station_id = ? and at >= ? and rtt_ms is not null order by at')
    .all(stationId, recentSince) as { t: number; rtt: number }[];
  return { minutes, recent };
}

export function stationTransitions(db: Db, stationId: number, limit = 200): Transition[] {
  return (db.$client
    .prepare('select at, from_state as "from", to_state as "to", reason, value from station_transitions where station_id = ? order by id desc limit ?')
    .all(stationId, limit) as Transition[]).reverse();
}

/** The newest transition of every station: the state each one was last known to be in. */
export function latestTransitions(db: Db) {
  return db.$client
    .prepare(`select t.station_id as stationId, t.at, t.to_state as state from station_transitions t
      join (select station_id, max(id) as id from station_transitions group by station_id) m on m.id = t.id`)
    .all() as { stationId: number; at: number; state: string }[];
}
