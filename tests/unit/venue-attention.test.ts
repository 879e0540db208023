import { describe, expect, it } from 'vitest';
import {
  ATTENTION_PARTS,
  ATTENTION_THRESHOLDS,
  ATTENTION_WEIGHTS,
  BOARD_STATE_KEYS,
  LATE_FINALISATION_GRACE_MIN,
  type BoardSession,
  type BoardSnapshot,
  type VenueBoardFacts,
  type VenueBoardRow
} from '../../protocol/board.ts';
import { LAMPIRAN_II } from '../../protocol/limits.ts';
import { SESSION_STATES } from '../../protocol/session.ts';
import {
  applyDelta,
  attentionOf,
  boardRowOf,
  diffRows,
  finalisationDueAt,
  isFinalisationLate,
  levelOf,
  rankVenues
} from '../../server/domain/venue-attention.ts';

const MIN = 60_000;
const start = Date.UTC(2026, 4, 12, 1, 0); // 08:00 WIB
const now = start + 30 * MIN;

function session(over: Partial<BoardSession> = {}): BoardSession {
  return {
    id: 1, code: 'S-1', name: 'Sesi 1', state: 'running', scheduledAt: start, durationMin: 180, activityId: 1,
    roomId: 1, roomName: 'Ruang 1', agency: 'Pemkot Medan', finalisedLate: false, ...over
  };
}

function facts(over: Partial<VenueBoardFacts> = {}): VenueBoardFacts {
  return {
    venueId: 1, code: 'MDN', name: 'UPT BKN Medan', kind: 'upt', region: 'Kanreg VI', timeZone: 'Asia/Jakarta',
    sessions: [session()],
    stations: { total: 40, online: 40, degraded: 0, offline: 0, missing: 0 },
    participants: { roster: 38, present: 36, working: 30, finished: 4 },
    openIncidents: 0, postponed: 0, checklistPending: 0, lampiran2Failures: 0, latencyBreaches: 0,
    ...over
  };
}

function row(over: Partial<VenueBoardFacts> = {}, at = now): VenueBoardRow {
  return boardRowOf(facts(over), at);
}

describe('the board contract (protocol/board.ts)', () => {
  it('every part has a weight, the most for a missing station; the state keys are the session states then late', () => {
    expect(Object.keys(ATTENTION_WEIGHTS).sort()).toEqual([...ATTENTION_PARTS].sort());
    expect(Math.max(...Object.values(ATTENTION_WEIGHTS))).toBe(ATTENTION_WEIGHTS.missing_stations);
    for (const w of Object.values(ATTENTION_WEIGHTS)) expect(w).toBeGreaterThan(0);
    expect(BOARD_STATE_KEYS).toEqual([...SESSION_STATES, 'late_finalisation']);
    expect(LAMPIRAN_II.maxLatencyMs).toBe(300);
  });
});

describe('attentionOf: the parts and their points', () => {
  it('a healthy venue scores 0, ok, with no parts', () => {
    expect(attentionOf(facts(), now)).toEqual({ score: 0, level: 'ok', parts: [] });
  });

  it('each part is its count × its weight, listed in ATTENTION_PARTS order, summed into the score', () => {
    const a = attentionOf(
      facts({
        sessions: [session(), session({ id: 2, state: 'finished', scheduledAt: start - 5 * 60 * MIN }), session({ id: 3, state: 'postponed' })],
        stations: { total: 40, online: 36, degraded: 1, offline: 3, missing: 2 },
        openIncidents: 3,
        postponed: 1,
        lampiran2Failures: 2,
        latencyBreaches: 4
      }),
      now
    );
    expect(a.parts).toEqual([
      { kind: 'missing_stations', count: 2, points: 20 },
      { kind: 'late_finalisation', count: 1, points: 5 },
      { kind: 'open_incidents', count: 3, points: 9 },
      { kind: 'postponements', count: 1, points: 4 },
      { kind: 'lampiran2_failures', count: 2, points: 4 },
      { kind: 'latency_breaches', count: 4, points: 4 }
    ]);
    expect(a.score).toBe(20 + 5 + 9 + 4 + 4 + 4);
    expect(a.level).toBe('critical');
  });

  it('one missing station (a participant who cannot work) is critical on its own', () => {
    const a = attentionOf(facts({ stations: { total: 40, online: 39, degraded: 0, offline: 1, missing: 1 } }), now);
    expect(a).toEqual({ score: 10, level: 'critical', parts: [{ kind: 'missing_stations', count: 1, points: 10 }] });
  });

  it('offline stations outside a running test (missing 0) add nothing; the checklist is not a part', () => {
    const a = attentionOf(facts({ stations: { total: 40, online: 30, degraded: 0, offline: 10, missing: 0 }, checklistPending: 2 }), now);
    expect(a).toEqual({ score: 0, level: 'ok', parts: [] });
  });

  it('lesser parts alone are a warning', () => {
    expect(attentionOf(facts({ latencyBreaches: 1 }), now)).toEqual({ score: 1, level: 'warning', parts: [{ kind: 'latency_breaches', count: 1, points: 1 }] });
    expect(attentionOf(facts({ postponed: 1 }), now).level).toBe('warning');
    expect(attentionOf(facts({ openIncidents: 3 }), now)).toMatchObject({ score: 9, level: 'warning' });
    expect(attentionOf(facts({ openIncidents: 4 }), now)).toMatchObject({ score: 12, level: 'critical' });
  });
});

describe('levels: thresholds at their edges', () => {
  it('0 is ok, the warning threshold is a warning, one below critical is a warning, the critical threshold is critical', () => {
    expect(levelOf(0)).toBe('ok');
    expect(levelOf(ATTENTION_THRESHOLDS.warning - 1)).toBe('ok');
    expect(levelOf(ATTENTION_THRESHOLDS.warning)).toBe('warning');
    expect(levelOf(ATTENTION_THRESHOLDS.critical - 1)).toBe('warning');
    expect(levelOf(ATTENTION_THRESHOLDS.critical)).toBe('critical');
  });
  it('the same edges through the score: 9 latency breaches warn, 10 are critical', () => {
    expect(attentionOf(facts({ latencyBreaches: 9 }), now).level).toBe('warning');
    expect(attentionOf(facts({ latencyBreaches: 10 }), now).level).toBe('critical');
  });
});

describe('late finalisation: scheduled end + duration + the grace', () => {
  const s = session({ state: 'finished' });
  const due = start + (180 + LATE_FINALISATION_GRACE_MIN) * MIN;

  it('is due at the scheduled end plus the grace', () => {
    expect(LATE_FINALISATION_GRACE_MIN).toBe(60);
    expect(finalisationDueAt(s)).toBe(due);
  });

  it('exactly at the grace it is on time; one millisecond later it is late', () => {
    expect(isFinalisationLate(s, due - 1)).toBe(false);
    expect(isFinalisationLate(s, due)).toBe(false);
    expect(isFinalisationLate(s, due + 1)).toBe(true);
    expect(attentionOf(facts({ sessions: [s] }), due).parts).toEqual([]);
    expect(attentionOf(facts({ sessions: [s] }), due + 1).parts).toEqual([{ kind: 'late_finalisation', count: 1, points: 5 }]);
  });

  it('counts every state that still owes a finalisation, not finalised, postponed or cancelled ones', () => {
    const late = due + 1;
    for (const state of ['scheduled', 'preparation', 'open', 'running', 'finished'] as const) {
      expect(isFinalisationLate({ ...s, state }, late), state).toBe(true);
    }
    for (const state of ['finalised', 'postponed', 'cancelled'] as const) {
      expect(isFinalisationLate({ ...s, state }, late), state).toBe(false);
    }
  });

  it('is judged from the times and now, not from the session flag; boardRowOf sets the flags', () => {
    const stale = facts({ sessions: [{ ...s, finalisedLate: true }] });
    expect(attentionOf(stale, due).parts).toEqual([]);
    const r = boardRowOf(facts({ sessions: [s] }), due + 1);
    expect(r.sessions[0].finalisedLate).toBe(true);
    expect(r.attention.parts).toEqual([{ kind: 'late_finalisation', count: 1, points: 5 }]);
    expect(boardRowOf(facts({ sessions: [s] }), due).sessions[0].finalisedLate).toBe(false);
  });

  it('a longer session is due later', () => {
    expect(finalisationDueAt(session({ durationMin: 240 }))).toBe(start + 300 * MIN);
  });
});

describe('rankVenues: critical first, then score, then name (stable)', () => {
  const ok = (id: number, name: string) => row({ venueId: id, name });
  const a = row({ venueId: 1, name: 'UPT BKN Medan', latencyBreaches: 3 }); // warning 3
  const b = row({ venueId: 2, name: 'Kanreg I Yogyakarta', stations: { total: 40, online: 39, degraded: 0, offline: 1, missing: 1 } }); // critical 10
  const c = row({ venueId: 3, name: 'Kantor Pusat', openIncidents: 5 }); // critical 15
  const d = row({ venueId: 4, name: 'bkd Aceh', postponed: 1, latencyBreaches: 1 }); // warning 5
  const e = ok(5, 'Zona Barat');
  const f = ok(6, 'aula Timur');

  it('orders by level, then by score, then by name regardless of case', () => {
    expect(rankVenues([e, a, f, d, b, c]).map((r) => r.venueId)).toEqual([3, 2, 4, 1, 6, 5]);
  });

  it('gives the same order whatever the input order, and does not change its input', () => {
    const input = [a, b, c, d, e, f];
    const want = rankVenues(input).map((r) => r.venueId);
    expect(input.map((r) => r.venueId)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const perm of [[f, e, d, c, b, a], [c, a, e, b, f, d], [d, f, b, e, a, c]]) {
      expect(rankVenues(perm).map((r) => r.venueId)).toEqual(want);
    }
  });

  it('venues with the same level, score and name keep a fixed order (by id)', () => {
    const x = ok(9, 'Sama');
    const y = ok(7, 'Sama');
    expect(rankVenues([x, y]).map((r) => r.venueId)).toEqual([7, 9]);
    expect(rankVenues([y, x]).map((r) => r.venueId)).toEqual([7, 9]);
  });
});

describe('diffRows: what a delta carries', () => {
  const rows = [row({ venueId: 1, name: 'A' }), row({ venueId: 2, name: 'B' }), row({ venueId: 3, name: 'C' })];

  it('equal rows (even as copies) give nothing', () => {
    expect(diffRows(rows, rows)).toEqual({ changed: [], removed: [] });
    expect(diffRows(rows, structuredClone(rows))).toEqual({ changed: [], removed: [] });
    expect(diffRows([], [])).toEqual({ changed: [], removed: [] });
  });

  it('a row differing in any field, however deep, is changed; new rows are changed; gone ones removed', () => {
    const deeper = structuredClone(rows[0]);
    deeper.sessions[0].roomName = 'Ruang 2';
    const counted = structuredClone(rows[1]);
    counted.participants.finished = 5;
    const fresh = row({ venueId: 4, name: 'D' });
    const d = diffRows(rows, [deeper, counted, fresh]);
    expect(d.changed.map((r) => r.venueId)).toEqual([1, 2, 4]);
    expect(d.removed).toEqual([3]);
  });

  it('a field going to null or a session added is a change', () => {
    const noRegion = { ...structuredClone(rows[2]), region: null };
    expect(diffRows(rows, [rows[0], rows[1], noRegion]).changed.map((r) => r.venueId)).toEqual([3]);
    const more = structuredClone(rows[0]);
    more.sessions.push(session({ id: 2 }));
    expect(diffRows(rows, [more, rows[1], rows[2]]).changed.map((r) => r.venueId)).toEqual([1]);
  });
});

describe('applyDelta: versions in order, nothing twice, nothing missed', () => {
  const a = row({ venueId: 1, name: 'A' });
  const b = row({ venueId: 2, name: 'B' });
  const c = row({ venueId: 3, name: 'C' });
  const snap: BoardSnapshot = { version: 5, at: 1000, venues: rankVenues([a, b, c]) };

  it('applies the next version: changed rows replaced or added, removed ones dropped, ranked again', () => {
    const bCritical = row({ venueId: 2, name: 'B', openIncidents: 4 });
    const d = row({ venueId: 4, name: 'D', postponed: 1 });
    const res = applyDelta(snap, { version: 6, at: 2000, changed: [bCritical, d], removed: [3] });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.applied).toBe(true);
    expect(res.snapshot.version).toBe(6);
    expect(res.snapshot.at).toBe(2000);
    expect(res.snapshot.venues.map((r) => r.venueId)).toEqual([2, 4, 1]);
    expect(res.snapshot.venues[0]).toBe(bCritical);
    // the old snapshot is untouched
    expect(snap.venues.map((r) => r.venueId)).toEqual([1, 2, 3]);
    expect(snap.version).toBe(5);
  });

  it('a skipped version asks for a snapshot', () => {
    expect(applyDelta(snap, { version: 7, at: 2000, changed: [], removed: [1] })).toEqual({ ok: false, need: 'snapshot' });
  });

  it('a replayed (or older) version is ignored: the same snapshot back, not applied', () => {
    for (const version of [5, 4, 1]) {
      const res = applyDelta(snap, { version, at: 2000, changed: [], removed: [1, 2, 3] });
      expect(res).toEqual({ ok: true, applied: false, snapshot: snap });
      if (res.ok) expect(res.snapshot).toBe(snap);
    }
  });

  it('a run of deltas from diffRows rebuilds the server board exactly; the replay of one is a no-op', () => {
    const boards: VenueBoardRow[][] = [
      [a, b, c],
      [a, row({ venueId: 2, name: 'B', latencyBreaches: 2 }), c],
      [row({ venueId: 1, name: 'A', openIncidents: 1 }), row({ venueId: 2, name: 'B', latencyBreaches: 2 })],
      [row({ venueId: 1, name: 'A', openIncidents: 1 }), row({ venueId: 5, name: 'E', stations: { total: 10, online: 9, degraded: 0, offline: 1, missing: 1 } })]
    ];
    let client: BoardSnapshot = { version: 1, at: 0, venues: rankVenues(boards[0]) };
    for (let i = 1; i < boards.length; i++) {
      const delta = { version: i + 1, at: i * 1000, ...diffRows(boards[i - 1], boards[i]) };
      const res = applyDelta(client, delta);
      if (!res.ok) throw new Error('gap');
      expect(res.applied).toBe(true);
      client = res.snapshot;
      expect(client.venues).toEqual(rankVenues(boards[i]));
      const again = applyDelta(client, delta);
      expect(again).toEqual({ ok: true, applied: false, snapshot: client });
    }
    expect(client.venues.map((r) => r.venueId)).toEqual([5, 1]);
  });
});
