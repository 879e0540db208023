/**
 * The schedule's calendar-date arithmetic (protocol/schedule.ts), done without Date objects so the
 * web can use it: checked against Date for every day from 1900 to 2100, and the week's Monday.
 */
import { describe, expect, it } from 'vitest';
import { dateOfDay, datesBetween, dayNumber, isoWeekday, mondayOf, plusDays } from '../../protocol/schedule.ts';

describe('calendar dates without Date', () => {
  it('agrees with Date for every day from 1900 to 2100', () => {
    const first = Date.UTC(1900, 0, 1) / 86_400_000;
    const last = Date.UTC(2100, 11, 31) / 86_400_000;
    for (let d = first; d <= last; d++) {
      const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
      if (dateOfDay(d) !== iso || dayNumber(iso) !== d) throw new Error(`day ${d}: ${iso} vs ${dateOfDay(d)}`);
      const weekday = new Date(d * 86_400_000).getUTCDay() || 7;
      if (isoWeekday(iso) !== weekday) throw new Error(`weekday of ${iso}`);
    }
  });

  it('steps over months, leap days and years; finds the Monday of a week', () => {
    expect(plusDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(plusDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(plusDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(plusDays('2027-01-04', -7)).toBe('2026-12-28');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // a Sunday belongs to the week before
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
    expect(datesBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(dayNumber('2026-2-3')).toBeNaN();
  });
});
