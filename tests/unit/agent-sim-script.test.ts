import { describe, expect, it } from 'vitest';
import { ParticipantScript } from '../../agent/sim/participant-script.ts';
import { mulberry32 } from '../../agent/sim/rng.ts';
import { simulatedFacts } from '../../agent/sim/profiles.ts';
import { INSTRUMENTS, PROASN_DURATION_MIN, type ParticipantEventInput } from '../../protocol/index.ts';
import { stationFactsSchema } from '../../protocol/schemas/index.ts';

const NIP = '198501012010011001';

/** Drives a script on a virtual clock (no timers) and returns its events. */
function play(script: ParticipantScript, t0: number, untilMs: number): ParticipantEventInput[] {
  const out: ParticipantEventInput[] = [];
  for (let now = t0; now <= t0 + untilMs && script.active; now += 250) {
    const ev = script.step(now);
    if (ev) out.push(ev);
  }
  return out;
}

describe('ParticipantScript', () => {
  it('sends progress every 3–6 real seconds, or as often as progressGapMs asks', () => {
    /** the gaps between progress events over the first `ms` of real time */
    const gaps = (ms: number, progressGapMs?: [number, number]) => {
      const s = new ParticipantScript({ nip: NIP, name: null, timeScale: 600, startAfterMs: 0, progressGapMs }, mulberry32(5), 0);
      const at: number[] = [];
      for (let now = 0; now <= ms && s.active; now += 10) if (s.step(now)?.type === 'progress') at.push(now);
      return at.slice(1).map((t, i) => t - at[i]);
    };
    const usual = gaps(20_000);
    expect(usual.length).toBeGreaterThan(1);
    for (const g of usual) expect(g).toBeGreaterThanOrEqual(3000);
    // within the first instrument (6.5–7.8 s at this time scale): every 0.2–0.4 s
    const quick = gaps(5000, [200, 400]);
    expect(quick.length).toBeGreaterThan(5);
    for (const g of quick) {
      expect(g).toBeGreaterThanOrEqual(200);
      expect(g).toBeLessThanOrEqual(410);
    }
  });

  it('goes login → the five ProASN instruments in order → finished → questionnaire within 180 simulated minutes', () => {
    const timeScale = 30;
    const s = new ParticipantScript({ nip: NIP, name: 'Budi', timeScale, startAfterMs: 1000 }, mulberry32(3), 0);
    const events = play(s, 0, 20 * 60_000);
    expect(s.phase).toBe('done');
    expect(events[0]).toMatchObject({ type: 'login', nip: NIP });
    expect(events.filter((e) => e.type === 'instrument').map((e) => (e as { instrument: string }).instrument)).toEqual([...INSTRUMENTS]);
    expect(events.slice(-2).map((e) => e.type)).toEqual(['finished', 'questionnaire']);

    // progress only for the current instrument, never backwards, ending at 100
    let current: string | null = null;
    let last = -1;
    for (const e of events) {
      if (e.type === 'instrument') (current = e.instrument), (last = -1);
      if (e.type === 'progress') {
        expect(e.instrument).toBe(current);
        expect(e.percent).toBeGreaterThanOrEqual(last);
        last = e.percent;
      }
    }
    const simMinutes = ((events.at(-2)!.at! - events[0].at!) * timeScale) / 60_000;
    expect(simMinutes).toBeLessThanOrEqual(PROASN_DURATION_MIN);
    expect(simMinutes).toBeGreaterThan(120);
  });

  it('a stalled participant stops sending at the stall point', () => {
    const s = new ParticipantScript(
      { nip: NIP, name: null, timeScale: 30, startAfterMs: 0, stall: { instrument: 1, percent: 40 } },
      mulberry32(5),
      0
    );
    const events = play(s, 0, 20 * 60_000);
    expect(s.phase).toBe('stalled');
    expect(events.at(-1)).toMatchObject({ type: 'progress', instrument: 'potensi', percent: 40 });
    expect(events.some((e) => e.type === 'finished')).toBe(false);
  });
});

describe('simulatedFacts', () => {
  it('are contract-valid; with faults a few stations fail an item or have unknowns', () => {
    const rng = mulberry32(11);
    const all = Array.from({ length: 400 }, () => simulatedFacts(rng, true));
    for (const f of all) expect(stationFactsSchema.safeParse(f).success).toBe(true);
    const withNull = all.filter((f) => Object.values(f).some((v) => v === null)).length;
    const lowMem = all.filter((f) => f.memoryGb !== null && f.memoryGb < 4).length;
    expect(withNull).toBeGreaterThan(0);
    expect(lowMem).toBeGreaterThan(0);
    expect(lowMem).toBeLessThan(40);
  });
});
