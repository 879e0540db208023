import { describe, expect, it } from 'vitest';
import {
  addDays, addWorkingDays, checkLeadTime, dateMs, earliestDate, inProasnWindow, makeCalendar, overrideAllowed, weekday, workingDaysBetween,
  type DayOff
} from '../../server/domain/working-days.ts';
import { nationalHolidays } from '../../server/domain/national-holidays.ts';

/** A fixed national calendar, so these tests do not depend on how the library computes lunar dates. */
const FIXED: Record<number, DayOff[]> = {
  2026: [
    { date: '2026-08-17', name: 'Hari Kemerdekaan', kind: 'national' },
    { date: '2026-12-25', name: 'Hari Raya Natal', kind: 'national' }
  ],
  2027: [{ date: '2027-01-01', name: 'Tahun Baru Masehi', kind: 'national' }]
};
const national = (y: number) => FIXED[y] ?? [];
const CUTI_NATAL: DayOff = { date: '2026-12-24', name: 'Cuti bersama Natal', kind: 'cuti_bersama' };

describe('working days (Perban BKN 4/2024 Pasal 9(5)b; SE BKN 6/2026 §5.i.2)', () => {
  const cal = makeCalendar(national);

  it('counts the working days strictly between two dates, skipping weekends', () => {
    expect(weekday('2026-12-07')).toBe(1); // a Monday
    expect(workingDaysBetween(cal, '2026-12-07', '2026-12-11')).toBe(3); // Tue, Wed, Thu
    expect(workingDaysBetween(cal, '2026-12-07', '2026-12-10')).toBe(2);
    expect(workingDaysBetween(cal, '2026-12-10', '2026-12-15')).toBe(2); // Fri, (Sat, Sun), Mon
    expect(workingDaysBetween(cal, '2026-12-11', '2026-12-11')).toBe(0);
    expect(workingDaysBetween(cal, '2026-12-11', '2026-12-01')).toBe(0);
  });

  it('skips national holidays and the days off an admin keeps (cuti bersama, local)', () => {
    // Tuesday 22 Dec → Monday 28 Dec: Wed 23, Thu 24 (Fri 25 is Christmas)
    expect(workingDaysBetween(cal, '2026-12-22', '2026-12-28')).toBe(2);
    const withCuti = makeCalendar(national, [CUTI_NATAL]);
    expect(workingDaysBetween(withCuti, '2026-12-22', '2026-12-28')).toBe(1);
    expect(withCuti.dayOff('2026-12-24')).toEqual(CUTI_NATAL);
    expect(withCuti.isWorkingDay('2026-12-24')).toBe(false);
    const local = makeCalendar(national, [{ date: '2026-12-23', name: 'Hari jadi kota', kind: 'local' }, CUTI_NATAL]);
    expect(workingDaysBetween(local, '2026-12-22', '2026-12-28')).toBe(0);
  });

  it("lets the admin's entry win over the national one for the same date", () => {
    const corrected = makeCalendar(national, [{ date: '2026-12-25', name: 'Natal (SKB)', kind: 'national' }]);
    expect(corrected.dayOff('2026-12-25')?.name).toBe('Natal (SKB)');
  });

  it('adds working days across a month end, a holiday on a Monday and a year end', () => {
    expect(addWorkingDays(cal, '2026-07-31', 1)).toBe('2026-08-03'); // Friday → Monday, across July/August
    expect(addWorkingDays(cal, '2026-08-14', 1)).toBe('2026-08-18'); // Monday 17 August is a holiday
    expect(addWorkingDays(cal, '2026-12-30', 2)).toBe('2027-01-04'); // Thu 31, (Fri 1 Jan), Mon 4 Jan
    expect(workingDaysBetween(cal, '2026-12-30', '2027-01-05')).toBe(2);
    expect(() => addWorkingDays(cal, '2026-12-30', 0)).toThrow(RangeError);
  });

  it('gives the earliest test date a lead time allows', () => {
    expect(earliestDate(cal, '2026-12-07', 3)).toBe('2026-12-11'); // Monday → Friday
    expect(earliestDate(cal, '2026-12-10', 3)).toBe('2026-12-16'); // Thursday → Wednesday
    expect(earliestDate(makeCalendar(national, [CUTI_NATAL]), '2026-12-21', 3)).toBe('2026-12-29'); // 22, 23, 28
    // the N-th working day is a Friday: the suggestion is Monday, not Saturday
    expect(earliestDate(cal, '2026-12-08', 3)).toBe('2026-12-14');
    // the earliest date is the first working day that passes: no working day before it does
    for (const today of ['2026-12-04', '2026-12-07', '2026-12-08', '2026-12-18', '2026-12-24', '2026-12-31']) {
      const e = earliestDate(cal, today, 3);
      expect(cal.isWorkingDay(e)).toBe(true);
      expect(workingDaysBetween(cal, today, e)).toBeGreaterThanOrEqual(3);
      for (let d = addDays(today, 1); d < e; d = addDays(d, 1)) if (cal.isWorkingDay(d)) expect(workingDaysBetween(cal, today, d)).toBeLessThan(3);
    }
  });

  it('refuses a test date inside the lead time with what a form needs to say why', () => {
    const withCuti = makeCalendar(national, [CUTI_NATAL]);
    const v = checkLeadTime(withCuti, 'schedule_cact', '2026-12-22', '2026-12-24');
    expect(v).toEqual({
      ok: false, code: 'LEAD_TIME_SHORT', rule: 'schedule_cact',
      params: { date: '2026-12-24', today: '2026-12-22', workingDays: 1, min: 3, earliest: '2026-12-30', article: 'Perban BKN 4/2024 Pasal 9 ayat (5) huruf b' }
    });
    expect(checkLeadTime(withCuti, 'schedule_cact', '2026-12-22', '2026-12-30')).toEqual({ ok: true, rule: 'schedule_cact', workingDays: 3 });
    const reg = checkLeadTime(cal, 'registration_proasn', '2026-12-07', '2026-12-11');
    expect(reg.ok).toBe(false);
    if (!reg.ok) expect(reg.params).toMatchObject({ workingDays: 3, min: 5, earliest: '2026-12-15' });
  });

  it('allows an override only to a koordinator with a reason', () => {
    expect(overrideAllowed(['pengawas'], 'peserta dari daerah terpencil')).toEqual({ ok: false, code: 'OVERRIDE_ROLE' });
    expect(overrideAllowed(['koordinator'], '  ')).toEqual({ ok: false, code: 'OVERRIDE_REASON' });
    expect(overrideAllowed(['koordinator'], null)).toEqual({ ok: false, code: 'OVERRIDE_REASON' });
    expect(overrideAllowed(['pengawas', 'koordinator'], 'permintaan instansi, surat 12/2026')).toEqual({ ok: true });
  });

  it('keeps ProASN between 8 July and 31 December 2026 (SE BKN 6/2026 §5.e.1)', () => {
    expect(inProasnWindow('2026-07-07')).toBe(false);
    expect(inProasnWindow('2026-07-08')).toBe(true);
    expect(inProasnWindow('2026-12-31')).toBe(true);
    expect(inProasnWindow('2027-01-01')).toBe(false);
  });

  it('refuses strings that are not calendar dates', () => {
    expect(() => dateMs('2026-02-30')).toThrow(RangeError);
    expect(() => dateMs('2026-2-3')).toThrow(RangeError);
    expect(() => workingDaysBetween(cal, '2026-13-01', '2026-12-01')).toThrow(RangeError);
  });
});

describe("Indonesia's national holidays from date-holidays", () => {
  it('has the fixed-date ones of every year', () => {
    for (const year of [2026, 2027, 2028]) {
      const dates = nationalHolidays(year).map((h) => h.date);
      expect(dates).toContain(`${year}-01-01`);
      expect(dates).toContain(`${year}-08-17`);
      expect(dates).toContain(`${year}-12-25`);
      expect(dates.length).toBeGreaterThanOrEqual(12);
    }
  });

  it('makes 17 August 2026, a Monday, a day off', () => {
    const cal = makeCalendar(nationalHolidays);
    expect(cal.isWorkingDay('2026-08-17')).toBe(false);
    expect(cal.dayOff('2026-08-17')?.kind).toBe('national');
    expect(addWorkingDays(cal, '2026-08-14', 1)).toBe('2026-08-18');
  });
});
