import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from '../../agent/backoff.ts';

const opts = { minMs: 500, maxMs: 10_000, factor: 2, randomization: 0.5 };

describe('backoffDelay', () => {
  it('stays within base × [1 − r, 1 + r] and never exceeds maxMs', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const base = Math.min(opts.maxMs, opts.minMs * 2 ** attempt);
      for (let i = 0; i < 500; i++) {
        const d = backoffDelay(attempt, opts);
        expect(d).toBeGreaterThanOrEqual(Math.floor(base * 0.5));
        expect(d).toBeLessThanOrEqual(Math.min(opts.maxMs, Math.ceil(base * 1.5)));
      }
    }
  });

  it('reaches both ends of the jitter range (the spread is real, not a constant)', () => {
    expect(backoffDelay(1, opts, () => 0)).toBe(500); // 1000 × 0.5
    expect(backoffDelay(1, opts, () => 0.999999)).toBe(1500); // 1000 × 1.5
    expect(backoffDelay(10, opts, () => 0)).toBe(5000); // capped base 10 000 × 0.5
    expect(backoffDelay(10, opts, () => 0.999999)).toBe(10_000); // capped at max
  });

  it('spreads a room of simultaneous reconnects over the range', () => {
    const delays = Array.from({ length: 1000 }, () => backoffDelay(2, opts));
    const buckets = new Set(delays.map((d) => Math.floor((d - 1000) / 200))); // 1000..3000 in 10 buckets
    expect(buckets.size).toBeGreaterThanOrEqual(9);
  });

  it('randomization 0 gives the plain exponential sequence', () => {
    const seq = [0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, { ...opts, randomization: 0 }));
    expect(seq).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
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
