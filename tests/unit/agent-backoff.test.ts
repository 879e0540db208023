import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from '../../agent/backoff.ts';
import { mulberry32, stationRng } from '../../agent/sim/rng.ts';

const opts = { minMs: 500, maxMs: 10_000, factor: 2, randomization: 0.5 };

/** Most values of `times` inside any window of `windowMs` (sliding). */
function busiestWindow(times: number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] > windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('backoffDelay', () => {
  it('stays within base × [1 − r, 1] and never exceeds maxMs', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const base = Math.min(opts.maxMs, opts.minMs * 2 ** attempt);
      for (let i = 0; i < 500; i++) {
        const d = backoffDelay(attempt, opts);
        expect(d).toBeGreaterThanOrEqual(Math.floor(base * 0.5));
        expect(d).toBeLessThanOrEqual(base);
      }
    }
  });

  it('reaches both ends of the jitter range, at the cap too (the spread survives the cap)', () => {
    expect(backoffDelay(1, opts, () => 0)).toBe(1000);
    expect(backoffDelay(1, opts, () => 0.999999)).toBe(500);
    expect(backoffDelay(10, opts, () => 0)).toBe(10_000);
    expect(backoffDelay(10, opts, () => 0.999999)).toBe(5000);
    expect(backoffDelay(10_000, opts, () => 0.5)).toBe(7500); // huge attempt numbers stay finite
  });

  it('keeps the first reconnect fast: 250–500 ms', () => {
    for (let i = 0; i < 200; i++) expect(backoffDelay(0, opts)).toBeGreaterThanOrEqual(250);
    for (let i = 0; i < 200; i++) expect(backoffDelay(0, opts)).toBeLessThanOrEqual(500);
  });

  it('at the cap, 1000 waiting stations spread over 5–10 s: no 0.3 s holds more than 10 % of them', () => {
    // Regression: clamping after spreading put half of them on exactly maxMs.
    const rand = mulberry32(42);
    const delays = Array.from({ length: 1000 }, () => backoffDelay(30, opts, rand));
    expect(busiestWindow(delays, 300)).toBeLessThanOrEqual(100);
    expect(Math.min(...delays)).toBeLessThan(5300);
    expect(Math.max(...delays)).toBeGreaterThan(9700);
  });

  it('a room knocked into lock-step at the cap leaves it at the next retry (60 stations, own seeds)', () => {
    for (const seed of [1, 2, 3]) {
      const retryAt = Array.from({ length: 60 }, (_, i) => backoffDelay(20, opts, stationRng(seed, i)));
      expect(busiestWindow(retryAt, 300)).toBeLessThanOrEqual(12); // the outside test saw 43 of 60
    }
  });

  it('randomization 0 gives the plain exponential sequence, randomization 1 full jitter', () => {
    const seq = [0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, { ...opts, randomization: 0 }));
    expect(seq).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(backoffDelay(10, { ...opts, randomization: 1 }, () => 0.999999)).toBe(0);
  });
});

describe('Backoff', () => {
  it('grows per attempt and starts over after reset()', () => {
    const b = new Backoff({ ...opts, randomization: 0 });
    expect([b.next(), b.next(), b.next()]).toEqual([500, 1000, 2000]);
    b.reset();
    expect(b.next()).toBe(500);
  });
});
