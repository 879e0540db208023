/**
 * Indonesia's national holidays (hari libur nasional) from date-holidays, the maintained
 * calendar library: fixed dates, Easter-based ones and the lunar (Hijri, Chinese, Saka) ones.
 * The government fixes the lunar dates each year by joint decree (SKB), which can differ by a day
 * from the computed ones; the admin's list of days off (cuti bersama, local days, corrections)
 * takes precedence over these in makeCalendar.
 */
import Holidays from 'date-holidays';
import type { DayOff } from './working-days.ts';

const indonesia = new Holidays('ID');

export function nationalHolidays(year: number): DayOff[] {
  return indonesia
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name, kind: 'national' as const }));
}
