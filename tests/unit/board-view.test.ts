/**
 * The coordinator board on the client, the pure parts (web/src/lib/board/board-filter.ts and
 * board-sync.ts): the filters read from and written to the URL, which venues a filter keeps,
 * "hide healthy" never hiding a venue that just got worse, the top bar's counts, and keeping the
 * snapshot current from deltas — a gap or a reconnect joins again (a fake channel, no server).
 */
import { describe, expect, it } from 'vitest';
import {
  ATTENTION_THRESHOLDS,
  BOARD_STATE_KEYS,
  type AttentionLevel,
  type BoardDelta,
  type BoardSession,
  type BoardSnapshot,
  type VenueBoardRow
} from '../../protocol/board.ts';
import {
  NO_VIEW_FILTER,
  WORSENED_GRACE_MS,
  countBoard,
  criticalRose,
  filterFromParams,
  filterOptions,
  filterToQuery,
  filterVenues,
  isFiltered,
  matchesFilter,
  trackWorsened,
  type BoardViewFilter
} from '../../web/src/lib/board/board-filter.ts';
import { BoardSync, type BoardChannel } from '../../web/src/lib/board/board-sync.ts';

const MIN = 60_000;
const start = Date.UTC(2026, 4, 12, 1, 0);
const now = start + 30 * MIN;

function session(over: Partial<BoardSession> = {}): BoardSession {
  return {
    id: 1, code: 'S-1', name: 'Sesi 1', state: 'running', scheduledAt: start, durationMin: 180, activityId: 1,
    roomId: 1, roomName: 'Ruang 1', agency: 'Pemkot Medan', finalisedLate: false, ...over
  };
}

const SCORE: Record<AttentionLevel, number> = { critical: ATTENTION_THRESHOLDS.critical, warning: ATTENTION_THRESHOLDS.warning, ok: 0 };

function row(venueId: number, level: AttentionLevel = 'ok', over: Partial<VenueBoardRow> = {}): VenueBoardRow {
  return {
    venueId, code: `V${venueId}`, name: `Lokasi ${venueId}`, kind: 'upt', region: 'Kanreg VI', timeZone: 'Asia/Jakarta',
    sessions: [session({ id: venueId * 10 })],
    stations: { total: 40, online: 40, degraded: 0, offline: 0, missing: 0 },
    participants: { roster: 38, present: 36, working: 30, finished: 4 },
    openIncidents: 0, postponed: 0, checklistPending: 0, lampiran2Failures: 0, latencyBreaches: 0,
    attention: { score: SCORE[level], level, parts: [] },
    ...over
  };
}

const f = (over: Partial<BoardViewFilter> = {}): BoardViewFilter => ({ ...NO_VIEW_FILTER, ...over });
const none = new Map<number, number>();

describe('board filters in the URL', () => {
  it('reads every filter, and unknown or malformed values are "all"', () => {
    expect(filterFromParams(new URLSearchParams(''))).toEqual(NO_VIEW_FILTER);
    expect(filterFromParams(new URLSearchParams('region=Kanreg+VI&agency=Pemkot%20Medan&venueKind=upt&state=late_finalisation&hideHealthy=1&level=critical'))).toEqual({
      region: 'Kanreg VI', agency: 'Pemkot Medan', venueKind: 'upt', state: 'late_finalisation', hideHealthy: true, level: 'critical'
    });
    expect(filterFromParams(new URLSearchParams('venueKind=castle&state=asleep&hideHealthy=yes&level=red&region=%20'))).toEqual(NO_VIEW_FILTER);
    expect(filterFromParams(new URLSearchParams('hideHealthy=true')).hideHealthy).toBe(true);
  });

  it('writes them back so that reading gives the same filter, keeping other parameters', () => {
    const all = f({ region: 'Kanreg VI', agency: 'Pemkot Medan & Co', venueKind: 'kanreg', state: 'running', hideHealthy: true, level: 'warning' });
    const q = filterToQuery(all, new URLSearchParams('tv=1&region=old'));
    expect(q.startsWith('?')).toBe(true);
    const back = new URLSearchParams(q.slice(1));
    expect(filterFromParams(back)).toEqual(all);
    expect(back.get('tv')).toBe('1');
    expect(back.getAll('region')).toEqual(['Kanreg VI']);
    expect(filterToQuery(NO_VIEW_FILTER)).toBe('');
    expect(filterToQuery(NO_VIEW_FILTER, new URLSearchParams('state=running&hideHealthy=1'))).toBe('');
    expect(isFiltered(NO_VIEW_FILTER)).toBe(false);
    expect(isFiltered(f({ hideHealthy: true }))).toBe(true);
  });
});

describe('which venues a filter keeps', () => {
  const a = row(1, 'critical', { region: 'Kanreg I', kind: 'kanreg', sessions: [session({ id: 11, state: 'running', agency: 'Kemenkeu' })] });
  const b = row(2, 'warning', { region: 'Kanreg VI', kind: 'upt', sessions: [session({ id: 21, state: 'finished', agency: 'Pemkot Medan', finalisedLate: true })] });
  const c = row(3, 'ok', { region: null, kind: 'instansi', sessions: [] });
  const rows = [a, b, c];
  const ids = (flt: BoardViewFilter, worsened = none, at = now) => filterVenues(rows, flt, worsened, at).map((r) => r.venueId);

  it('no filter keeps all, in the order given', () => {
    expect(ids(NO_VIEW_FILTER)).toEqual([1, 2, 3]);
  });
  it('region, venue kind, agency (any of the day\'s sessions), state, late finalisation, level', () => {
    expect(ids(f({ region: 'Kanreg VI' }))).toEqual([2]);
    expect(ids(f({ venueKind: 'instansi' }))).toEqual([3]);
    expect(ids(f({ agency: 'Kemenkeu' }))).toEqual([1]);
    expect(ids(f({ state: 'running' }))).toEqual([1]);
    expect(ids(f({ state: 'finished' }))).toEqual([2]);
    expect(ids(f({ state: 'late_finalisation' }))).toEqual([2]);
    expect(ids(f({ state: 'postponed' }))).toEqual([]);
    expect(ids(f({ level: 'ok' }))).toEqual([3]);
    expect(ids(f({ level: 'critical', region: 'Kanreg VI' }))).toEqual([]);
  });
  it('hide healthy leaves out ok venues', () => {
    expect(ids(f({ hideHealthy: true }))).toEqual([1, 2]);
  });
  it('hide healthy keeps an ok venue that got worse in the last minute, and lets it go after', () => {
    const worsened = new Map([[3, now - 10_000]]);
    expect(ids(f({ hideHealthy: true }), worsened)).toEqual([1, 2, 3]);
    expect(matchesFilter(c, f({ hideHealthy: true }), worsened, now - 10_000 + WORSENED_GRACE_MS - 1)).toBe(true);
    expect(matchesFilter(c, f({ hideHealthy: true }), worsened, now - 10_000 + WORSENED_GRACE_MS)).toBe(false);
    // the grace is hide-healthy's only: the other filters still apply
    expect(ids(f({ hideHealthy: true, region: 'Kanreg I' }), worsened)).toEqual([1]);
  });
  it('the choices offered: regions and agencies found, sorted; the kinds present in their order', () => {
    expect(filterOptions(rows)).toEqual({ regions: ['Kanreg I', 'Kanreg VI'], agencies: ['Kemenkeu', 'Pemkot Medan'], kinds: ['kanreg', 'upt', 'instansi'] });
  });
});

describe('following levels: what just got worse', () => {
  it('the first board flags nothing; ok → warning, warning → critical and ok → critical are stamped', () => {
    const first = trackWorsened(new Map(), [row(1, 'ok'), row(2, 'warning'), row(3, 'critical')], none, now);
    expect(first.worsenedAt.size).toBe(0);
    expect([...first.levels]).toEqual([[1, 'ok'], [2, 'warning'], [3, 'critical']]);
    const later = now + 5000;
    const second = trackWorsened(first.levels, [row(1, 'critical'), row(2, 'critical'), row(3, 'critical'), row(4, 'critical')], first.worsenedAt, later);
    expect([...second.worsenedAt]).toEqual([[1, later], [2, later]]);
  });
  it('getting better keeps the stamp until the grace ends; a venue gone from the board is dropped', () => {
    const levels = new Map<number, AttentionLevel>([[1, 'warning'], [2, 'warning']]);
    const stamped = new Map([[1, now], [2, now]]);
    const better = trackWorsened(levels, [row(1, 'ok')], stamped, now + 30_000);
    expect([...better.worsenedAt]).toEqual([[1, now]]);
    expect(trackWorsened(better.levels, [row(1, 'ok')], better.worsenedAt, now + WORSENED_GRACE_MS).worsenedAt.size).toBe(0);
  });
  it('a venue that got worse and recovered within the minute stays on a hide-healthy board', () => {
    const t0 = trackWorsened(new Map(), [row(1, 'ok')], none, now);
    const t1 = trackWorsened(t0.levels, [row(1, 'warning')], t0.worsenedAt, now + 1000);
    const t2 = trackWorsened(t1.levels, [row(1, 'ok')], t1.worsenedAt, now + 2000);
    expect(filterVenues([row(1, 'ok')], f({ hideHealthy: true }), t2.worsenedAt, now + 2000).map((r) => r.venueId)).toEqual([1]);
    expect(filterVenues([row(1, 'ok')], f({ hideHealthy: true }), t2.worsenedAt, now + 1000 + WORSENED_GRACE_MS).map((r) => r.venueId)).toEqual([]);
  });
  it('the tone rule: only a rise in critical venues, never the first board', () => {
    expect(criticalRose(null, 3)).toBe(false);
    expect(criticalRose(1, 2)).toBe(true);
    expect(criticalRose(2, 2)).toBe(false);
    expect(criticalRose(2, 1)).toBe(false);
  });
});

describe('the top bar counts', () => {
  it('venues per level, and today\'s sessions per state with the late ones, every key present', () => {
    const counts = countBoard([
      row(1, 'critical', { sessions: [session({ id: 1, state: 'running' }), session({ id: 2, state: 'finished', finalisedLate: true })] }),
      row(2, 'critical', { sessions: [session({ id: 3, state: 'running' })] }),
      row(3, 'ok', { sessions: [session({ id: 4, state: 'postponed' })] }),
      row(4, 'warning', { sessions: [] })
    ]);
    expect(counts.venues).toBe(4);
    expect(counts.levels).toEqual({ critical: 2, warning: 1, ok: 1 });
    expect(Object.keys(counts.states)).toEqual([...BOARD_STATE_KEYS]);
    expect(counts.states.running).toBe(2);
    expect(counts.states.finished).toBe(1);
    expect(counts.states.postponed).toBe(1);
    expect(counts.states.late_finalisation).toBe(1);
    expect(Object.values(counts.states).reduce((a, b) => a + b, 0)).toBe(5);
  });
  it('an empty board counts zeros', () => {
    const counts = countBoard([]);
    expect(counts.levels).toEqual({ critical: 0, warning: 0, ok: 0 });
    for (const k of BOARD_STATE_KEYS) expect(counts.states[k]).toBe(0);
  });
});

/** A channel under the test's control: joins answer with the snapshot set, deltas are pushed by hand. */
function fakeChannel(first: BoardSnapshot) {
  let serverSnapshot = first;
  let connected = true;
  const deltaCbs = new Set<(d: BoardDelta) => void>();
  const connectCbs = new Set<() => void>();
  const log: string[] = [];
  const channel: BoardChannel = {
    join: async () => {
      log.push('join');
      return serverSnapshot;
    },
    leave: () => void log.push('leave'),
    connected: () => connected,
    onDelta(cb) {
      deltaCbs.add(cb);
      return () => void deltaCbs.delete(cb);
    },
    onConnect(cb) {
      connectCbs.add(cb);
      return () => void connectCbs.delete(cb);
    }
  };
  return {
    channel,
    log,
    set: (s: BoardSnapshot) => (serverSnapshot = s),
    push: (d: BoardDelta) => deltaCbs.forEach((cb) => cb(d)),
    reconnect: () => {
      connected = true;
      connectCbs.forEach((cb) => cb());
    },
    listeners: () => deltaCbs.size + connectCbs.size
  };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('keeping the snapshot current (board-sync)', () => {
  it('joins, applies the next deltas ranked, ignores a replay; a gap joins again for a fresh snapshot', async () => {
    const fake = fakeChannel({ version: 5, at: now, venues: [row(1, 'ok'), row(2, 'ok')] });
    const seen: BoardSnapshot[] = [];
    const sync = new BoardSync(fake.channel, { snapshot: (s) => seen.push(s), error: () => undefined });
    sync.start();
    await flush();
    expect(sync.snapshot?.version).toBe(5);

    fake.push({ version: 6, at: now + 1000, changed: [row(2, 'critical')], removed: [] });
    expect(sync.snapshot?.version).toBe(6);
    expect(sync.snapshot?.venues.map((r) => r.venueId)).toEqual([2, 1]);

    fake.push({ version: 6, at: now + 1000, changed: [row(2, 'ok')], removed: [1] });
    expect(sync.snapshot?.venues.map((r) => r.venueId)).toEqual([2, 1]);
    expect(seen).toHaveLength(2);

    fake.set({ version: 9, at: now + 3000, venues: [row(3, 'warning')] });
    fake.push({ version: 8, at: now + 3000, changed: [], removed: [1] });
    await flush();
    expect(fake.log).toEqual(['join', 'join']);
    expect(sync.snapshot?.version).toBe(9);
    expect(sync.snapshot?.venues.map((r) => r.venueId)).toEqual([3]);
    expect(sync.joins).toBe(2);
  });

  it('a reconnect joins again and takes the new snapshot even with a lower version (a restarted server)', async () => {
    const fake = fakeChannel({ version: 40, at: now, venues: [row(1)] });
    const sync = new BoardSync(fake.channel, { snapshot: () => undefined, error: () => undefined });
    sync.start();
    await flush();
    fake.set({ version: 1, at: now + 9000, venues: [row(1), row(2)] });
    fake.reconnect();
    await flush();
    expect(sync.snapshot?.version).toBe(1);
    expect(sync.snapshot?.venues).toHaveLength(2);
  });

  it('a failed join is reported; stop unsubscribes and leaves', async () => {
    const fake = fakeChannel({ version: 1, at: now, venues: [] });
    const errors: unknown[] = [];
    fake.channel.join = () => Promise.reject(new Error('refused'));
    const sync = new BoardSync(fake.channel, { snapshot: () => undefined, error: (e) => errors.push(e) });
    sync.start();
    await flush();
    expect(errors).toHaveLength(1);
    expect(sync.snapshot).toBeNull();
    // a delta before any snapshot is ignored (the snapshot to come covers it)
    fake.push({ version: 2, at: now, changed: [row(1)], removed: [] });
    expect(sync.snapshot).toBeNull();
    sync.stop();
    expect(fake.listeners()).toBe(0);
    expect(fake.log).toEqual(['leave']);
  });
});
