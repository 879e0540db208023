/**
 * How every time, date and duration on the dashboard is written — the one scheme, in one place.
 * Pure functions of an explicit language (no state), so that the i18n store can use them too;
 * components import the versions bound to the proctor's language from ./time.ts.
 *
 * The scheme, chosen so that a proctor reads a number without having to think which kind it is:
 *
 *  - A MOMENT is written the way the language writes a time of day, 24-hour: "09.07" (id, with a
 *    dot, as Indonesians write it) / "09:07" (en); with seconds where they matter (audit trail,
 *    incident history): "09.07.05". When the moment may be on another day it carries its date, and
 *    there is one date format: day, short month, year — "6 Des 2026, 09.07" / "6 Dec 2026, 09:07".
 *    No all-number dates: "06/12/2026" reads as 12 June to anyone used to month/day.
 *
 *  - A DURATION (time left, time until the PIN changes, time until an idle logout) always names its
 *    units and never uses a colon, so that it can neither be taken for a clock time nor hours for
 *    minutes (the old "Sisa 2:58" was hours:minutes, the PIN's "sisa 29:28" minutes:seconds):
 *        an hour or more   "2 j 58 m"   (jam, menit — seconds are noise at that distance)
 *        under an hour     "29 m 28 d"  (menit, detik — the last hour is watched to the second)
 *        under a minute    "45 d"
 *    in English "2 h 58 m", "29 m 28 s", "45 s". The smaller unit is padded to two digits
 *    ("2 j 05 m", "9 m 05 d") so a ticking countdown does not jump about. A countdown is rounded
 *    up to the whole second: it shows "1 d" until the moment has really come.
 *    Spelled out for screen readers and tooltips: "2 jam 58 menit", "29 menit 28 detik".
 */

export type TimeLocale = 'id' | 'en';

/** BCP 47 tags for Intl (en-GB: 24-hour, day before month). */
export const TIME_TAG: Record<TimeLocale, string> = { id: 'id-ID', en: 'en-GB' };

const UNIT = {
  id: { h: 'j', m: 'm', s: 'd' },
  en: { h: 'h', m: 'm', s: 's' }
} as const;

const WORDS = {
  id: { h: ['jam', 'jam'], m: ['menit', 'menit'], s: ['detik', 'detik'] },
  en: { h: ['hour', 'hours'], m: ['minute', 'minutes'], s: ['second', 'seconds'] }
} as const;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Time of day: "09.07" / "09:07"; with seconds "09.07.05" / "09:07:05". */
export function clockIn(locale: TimeLocale, ms: number, seconds = false): string {
  return new Date(ms).toLocaleTimeString(TIME_TAG[locale], { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23' });
}

/** A day: "6 Des 2026" / "6 Dec 2026". */
export function dateIn(locale: TimeLocale, ms: number): string {
  return new Date(ms).toLocaleDateString(TIME_TAG[locale], { day: 'numeric', month: 'short', year: 'numeric' });
}

/** A moment with its day: "6 Des 2026, 09.07" / "6 Dec 2026, 09:07" (seconds on request). */
export function dateTimeIn(locale: TimeLocale, ms: number, seconds = false): string {
  return `${dateIn(locale, ms)}, ${clockIn(locale, ms, seconds)}`;
}

/** A duration's parts, counted in whole seconds rounded up (a countdown reaches 0 only when due). */
export function durationParts(ms: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}

/** "2 j 58 m" · "29 m 28 d" · "45 d" (en: "2 h 58 m" · "29 m 28 s" · "45 s"). */
export function durationIn(locale: TimeLocale, ms: number): string {
  const { h, m, s } = durationParts(ms);
  const u = UNIT[locale];
  if (h > 0) return `${h} ${u.h} ${pad2(m)} ${u.m}`;
  if (m > 0) return `${m} ${u.m} ${pad2(s)} ${u.s}`;
  return `${s} ${u.s}`;
}

/** The same duration in words: "2 jam 58 menit", "29 menit 28 detik", "1 hour 1 minute". */
export function durationWordsIn(locale: TimeLocale, ms: number): string {
  const { h, m, s } = durationParts(ms);
  const w = WORDS[locale];
  const say = (n: number, unit: readonly [string, string]) => `${n} ${n === 1 ? unit[0] : unit[1]}`;
  if (h > 0) return m > 0 ? `${say(h, w.h)} ${say(m, w.m)}` : say(h, w.h);
  if (m > 0) return s > 0 ? `${say(m, w.m)} ${say(s, w.s)}` : say(m, w.m);
  return say(s, w.s);
}

/**
 * How long until another attempt is accepted, for a sentence ("coba lagi dalam 3 menit"): seconds
 * under a minute and a half, otherwise whole minutes rounded up; at least one second.
 */
export function waitIn(locale: TimeLocale, sec: number | null): string {
  const s = Math.max(1, Math.ceil(sec ?? 60));
  const w = WORDS[locale];
  if (s < 90) return `${s} ${s === 1 ? w.s[0] : w.s[1]}`;
  const m = Math.ceil(s / 60);
  return `${m} ${w.m[1]}`;
}
