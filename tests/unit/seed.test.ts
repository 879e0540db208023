import { describe, expect, it } from 'vitest';
import { demoNip, rowLabel } from '../../demo/seed.ts';

describe('demo seed helpers', () => {
  it('letters seat rows like a room plan', () => {
    expect([1, 2, 26, 27, 28, 52, 53].map(rowLabel)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });
  it('makes plausible 18-digit NIPs: a real birth date, CPNS year and month, sex digit 1 or 2', () => {
    for (let i = 0; i < 500; i++) {
      const nip = demoNip(i);
      expect(nip).toMatch(/^\d{18}$/);
      const [y, m, d] = [+nip.slice(0, 4), +nip.slice(4, 6), +nip.slice(6, 8)];
      expect(new Date(Date.UTC(y, m - 1, d)).getUTCDate()).toBe(d);
      expect(+nip.slice(12, 14)).toBeGreaterThanOrEqual(1);
      expect(+nip.slice(12, 14)).toBeLessThanOrEqual(12);
      expect(['1', '2']).toContain(nip[14]);
    }
  });
});
