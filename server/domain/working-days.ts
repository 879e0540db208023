/**
 * Working days and the lead times the regulations set before a test.
 *
 * - Perban BKN 4/2024 Pasal 9(5)b: participants are scheduled at least 3 working days before the
 *   test (CACT BKN).
 * - SE BKN 6/2026 §5.i.2.d–e: the agency registers its ProASN participants, and the scheduling
 *   dashboard is filled, at least 5 working days before; §5.i.2.g: the ProASN application is
 *   scheduled at least 3 working days before.
 * - SE BKN 6/2026 §5.e.1: ProASN runs from 8 July to 31 December 2026.
 *
 * A working day is Monday to Friday and not a day off: a national holiday, a *cuti bersama* day or
 * a local day off. "At least N working days before" is read as N whole working days lying strictly
 * between the day of the action and the day of the test: scheduled on a Monday, a test with a
 * 3-day lead can be on Friday at the earliest (Tuesday, Wednesday, Thursday lie between).
 *
 * Days are calendar dates `YYYY-MM-DD` in the venue's time zone (the caller converts an instant
 * with the venue's zone first); the arithmetic here is on those dates only, so it is the same on a
 * server in any zone. Pure: the national calendar and the admin's list come in as data.
 */

export type DayOffKind = 'national' | 'cuti_bersama' | 'local';
export type DayOff = { date: string; name: string; kind: DayOffKind };

export type WorkCalendar = {
  /** why this date is not worked (a weekend gives null here: see isWorkingDay) */
  dayOff(date: string): DayOff | null;
  isWorkingDay(date: string): boolean;
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Epoch ms of a date at 00:00 UTC, or throws on a string that is not a real date. */
export function dateMs(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (isoDate(ms) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return ms;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return isoDate(dateMs(date) + n * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: string): number {
  return new Date(dateMs(date)).getUTCDay();
}

/**
 * A calendar from the national holidays of each year (asked lazily, once per year) and the days
 * off an administrator keeps (cuti bersama, local days off). When both name a date, the admin's
 * entry wins, so a corrected date or name can be recorded.
 */
export function makeCalendar(national: (year: number) => DayOff[], extra: readonly DayOff[] = []): WorkCalendar {
  const byYear = new Map<number, Map<string, DayOff>>();
  const own = new Map(extra.map((d) => [d.date, d]));
  const nationalOn = (date: string) => {
    const year = Number(date.slice(0, 4));
    let days = byYear.get(year);
    if (!days) {
      days = new Map(national(year).map((d) => [d.date, d]));
      byYear.set(year, days);
    }
    return days.get(date) ?? null;
  };
  const dayOff = (date: string) => own.get(date) ?? nationalOn(date);
  return {
    dayOff,
    isWorkingDay(date) {
      const wd = weekday(date);
      return wd !== 0 && wd !== 6 && dayOff(date) === null;
    }
  };
}

/** Working days strictly after `from` and strictly before `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(cal: WorkCalendar, from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); dateMs(d) < dateMs(to); d = addDays(d, 1)) if (cal.isWorkingDay(d)) n++;
  return n;
}

/** The n-th working day after `from` (n ≥ 1). */
export function addWorkingDays(cal: WorkCalendar, from: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive whole number');
  let d = from;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (cal.isWorkingDay(d)) left--;
  }
  return d;
}

/**
 * The first working day that still leaves `min` working days between `today` and it: what a form
 * suggests instead (a Saturday after the last working day passes the rule too, but tests are
 * planned on working days, and "paling cepat Sabtu" reads as if the weekend were the answer).
 */
export function earliestDate(cal: WorkCalendar, today: string, min: number): string {
  let d = min <= 0 ? addDays(today, 1) : addDays(addWorkingDays(cal, today, min), 1);
  while (!cal.isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The lead times before a test, each with the article it comes from. */
export const LEAD_RULES = {
  /** Perban BKN 4/2024 Pasal 9(5)b */
  schedule_cact: { minWorkingDays: 3, article: 'Perban BKN 4/2024 Pasal 9 ayat (5) huruf b' },
  /** SE BKN 6/2026 §5.i.2.d */
  registration_proasn: { minWorkingDays: 5, article: 'SE BKN 6/2026 angka 5 huruf i.2.d' },
  /** SE BKN 6/2026 §5.i.2.e */
  dashboard_proasn: { minWorkingDays: 5, article: 'SE BKN 6/2026 angka 5 huruf i.2.e' },
  /** SE BKN 6/2026 §5.i.2.g */
  schedule_proasn: { minWorkingDays: 3, article: 'SE BKN 6/2026 angka 5 huruf i.2.g' }
} as const;
export type LeadRuleKey = keyof typeof LEAD_RULES;

export type LeadVerdict =
  | { ok: true; rule: LeadRuleKey; workingDays: number }
  | {
      ok: false;
      code: 'LEAD_TIME_SHORT';
      rule: LeadRuleKey;
      /** the test date, the working days left before it, the minimum, the first date allowed */
      params: { date: string; today: string; workingDays: number; min: number; earliest: string; article: string };
    };

export function checkLeadTime(cal: WorkCalendar, rule: LeadRuleKey, today: string, testDate: string): LeadVerdict {
  const { minWorkingDays: min, article } = LEAD_RULES[rule];
  const workingDays = workingDaysBetween(cal, today, testDate);
  if (workingDays >= min) return { ok: true, rule, workingDays };
  return {
    ok: false,
    code: 'LEAD_TIME_SHORT',
    rule,
    params: { date: testDate, today, workingDays, min, earliest: earliestDate(cal, today, min), article }
  };
}

/** SE BKN 6/2026 §5.e.1: the ProASN programme's dates. */
export const PROASN_WINDOW = { from: '2026-07-08', to: '2026-12-31' } as const;

export function inProasnWindow(date: string): boolean {
  const ms = dateMs(date);
  return ms >= dateMs(PROASN_WINDOW.from) && ms <= dateMs(PROASN_WINDOW.to);
}

/**
 * An override of a lead-time refusal: the koordinator may schedule anyway, with a reason that is
 * recorded (the audit trail keeps who, when and why). Anyone else, or no reason, is refused.
 */
export function overrideAllowed(roles: readonly string[], reason: string | null | undefined): { ok: true } | { ok: false; code: 'OVERRIDE_ROLE' | 'OVERRIDE_REASON' } {
  if (!roles.includes('koordinator')) return { ok: false, code: 'OVERRIDE_ROLE' };
  if (!reason || reason.trim().length < 10) return { ok: false, code: 'OVERRIDE_REASON' };
  return { ok: true };
}
