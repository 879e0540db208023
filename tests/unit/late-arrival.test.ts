import { describe, expect, it } from 'vitest';
import { isLate, lateAfter } from '../../server/domain/late-arrival.ts';

const at = Date.UTC(2026, 4, 12, 1, 0); // 08:00 WIB

describe('late arrival (Lampiran I.A 1.a: register at least 60 minutes before the test)', () => {
  it('registration is on time until 60 minutes before the test', () => {
    expect(lateAfter(at)).toBe(at - 60 * 60_000);
  });
  it('exactly 60 minutes before is on time; one millisecond later is late', () => {
    expect(isLate(at - 60 * 60_000, at)).toBe(false);
    expect(isLate(at - 60 * 60_000 + 1, at)).toBe(true);
    expect(isLate(at - 2 * 60 * 60_000, at)).toBe(false);
    expect(isLate(at + 5 * 60_000, at)).toBe(true);
  });
});
