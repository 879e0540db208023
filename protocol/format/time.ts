/**
 * How every time, date and duration is written — the dashboard's pages and, later, the server's
 * documents (berita acara) — in one place. Plain functions of an explicit language and time zone:
 * no DOM, no global state; the web binds them to the proctor's language in web/src/lib/format/.
 *
 * The scheme, chosen so that a proctor reads a number without having to think which kind it is:
 *
 *  - A MOMENT is written the way the language writes a time of day, 24-hour: "09.07" (id, with a
 *    dot, as Indonesians write it) / "09:07" (en); with seconds where they matter (audit trail,
 *    incident history): "09.07.05". When the moment may be on another day it carries its date, and
 *    there is one date format: day, short month, year — "6 Des 2026, 09.07" / "6 Dec 2026, 09:07".
 *    No all-number dates: "06/12/2026" reads as 12 June to anyone used to month/day.
 *
 *  - A moment is shown in the VENUE's time zone — WIB (Asia/Jakarta, the default), WITA
 *    (Asia/Makassar) or WIT (Asia/Jayapura) — not in whatever zone the reading machine is set to,
 *    so a document written on a server in UTC says the same hour as the room's clock.
 *
 *  - A DURATION (time left, time until the PIN changes, time until an idle logout) always names its
 *    units and never uses a colon, so that it can neither be taken for a clock time nor hours for
 *    minutes (a bare "2:58" could be hours:minutes or minutes:seconds):
 *        an hour or more   "2 j 58 m"   (jam, menit — seconds are noise at that distance)
 *        under an hour     "29 m 28 d"  (menit, detik — the last hour is watched to the second)
 *        under a minute    "45 d"
 *    in English "2 h 58 m", "29 m 28 s", "45 s". The smaller unit is padded to two digits
 *    ("2 j 05 m", "9 m 05 d") so a ticking countdown does not jump about. A countdown is rounded
 *    up to the whole second (it shows "1 d" until the moment has really come) and never goes
 *    below zero. Spelled out for screen readers and tooltips: "2 jam 58 menit", "29 menit 28 detik".
 *
 *  - "—" stands for "none" (no moment, no deadline) everywhere.
 */

export type Lang = 'id' | 'en';

/** Indonesia's three zones by the names on the room's clock. None of them has daylight saving. */
export const VENUE_ZONES = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' } as const;
export type VenueZone = keyof typeof VENUE_ZONES;
/** A venue's zone (WIB/WITA/WIT) or any IANA zone name ("Asia/Makassar", "UTC"). */
export type Zone = VenueZone | (string & {});
export const DEFAULT_ZONE: Zone = 'WIB';

/** What is written for "no moment" / "no duration". */
export const NONE = '—';

/** BCP 47 tags for Intl (en-GB: 24-hour, day before month). */
export const LANG_TAG: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

type When = number | null | undefined;

export type MomentOptions = {
  /** the venue's zone; WIB when not given */
  zone?: Zone;
  /** "09.07.05" rather than "09.07" */
  seconds?: boolean;
};

const ianaOf = (zone: Zone | undefined): string => {
  const z = zone ?? DEFAULT_ZONE;
  return z in VENUE_ZONES ? VENUE_ZONES[z as VenueZone] : z;
};

// Intl formatters are costly to build and the room page writes many times a second: one per kind.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'hm' | 'hms' | 'date' | 'parts', tag: string, zone: string): Intl.DateTimeFormat {
  const key = `${kind}|${tag}|${zone}`;
  let f = formatters.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { day: 'numeric', month: 'short', year: 'numeric' }
        : kind === 'parts'
          ? { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' }
          : { hour: '2-digit', minute: '2-digit', ...(kind === 'hms' ? { second: '2-digit' } : {}), hourCycle: 'h23' };
    f = new Intl.DateTimeFormat(tag, { ...opts, timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

/** Time of day: "09.07" / "09:07"; with seconds "09.07.05" / "09:07:05". */
export function clockIn(lang: Lang, ms: When, opts: MomentOptions = {}): string {
  if (ms == null) return NONE;
  return formatter(opts.seconds ? 'hms' : 'hm', LANG_TAG[lang], ianaOf(opts.zone)).format(ms);
}

/** A day: "6 Des 2026" / "6 Dec 2026". */
export function dateIn(lang: Lang, ms: When, opts: { zone?: Zone } = {}): string {
  if (ms == null) return NONE;
  return formatter('date', LANG_TAG[lang], ianaOf(opts.zone)).format(ms);
}

/** A moment with its day: "6 Des 2026, 09.07" / "6 Dec 2026, 09:07" (seconds on request). */
export function dateTimeIn(lang: Lang, ms: When, opts: MomentOptions = {}): string {
  if (ms == null) return NONE;
  return `${dateIn(lang, ms, opts)}, ${clockIn(lang, ms, opts)}`;
}

// ---- durations ----

const UNIT = {
  id: { h: 'j', m: 'm', s: 'd' },
  en: { h: 'h', m: 'm', s: 's' }
} as const;

const WORDS = {
  id: { h: ['jam', 'jam'], m: ['menit', 'menit'], s: ['detik', 'detik'] },
  en: { h: ['hour', 'hours'], m: ['minute', 'minutes'], s: ['second', 'seconds'] }
} as const;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A duration's parts, counted in whole seconds rounded up (a countdown reaches 0 only when due); never negative. */
export function durationParts(ms: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}

/** "2 j 58 m" · "29 m 28 d" · "45 d" (en: "2 h 58 m" · "29 m 28 s" · "45 s"). */
export function durationIn(lang: Lang, ms: number | null): string {
  if (ms == null) return NONE;
  const { h, m, s } = durationParts(ms);
  const u = UNIT[lang];
  if (h > 0) return `${h} ${u.h} ${pad2(m)} ${u.m}`;
  if (m > 0) return `${m} ${u.m} ${pad2(s)} ${u.s}`;
  return `${s} ${u.s}`;
}

/** The same duration in words: "2 jam 58 menit", "29 menit 28 detik", "1 hour 1 minute". */
export function durationWordsIn(lang: Lang, ms: number | null): string {
  if (ms == null) return NONE;
  const { h, m, s } = durationParts(ms);
  const w = WORDS[lang];
  const say = (n: number, unit: readonly [string, string]) => `${n} ${n === 1 ? unit[0] : unit[1]}`;
  if (h > 0) return m > 0 ? `${say(h, w.h)} ${say(m, w.m)}` : say(h, w.h);
  if (m > 0) return s > 0 ? `${say(m, w.m)} ${say(s, w.s)}` : say(m, w.m);
  return say(s, w.s);
}

/**
 * How long until another attempt is accepted, for a sentence ("coba lagi dalam 3 menit"): seconds
 * under a minute and a half, otherwise whole minutes rounded up; at least one second; a minute
 * when the server did not say.
 */
export function waitIn(lang: Lang, sec: number | null): string {
  const s = Math.max(1, Math.ceil(sec ?? 60));
  const w = WORDS[lang];
  if (s < 90) return `${s} ${s === 1 ? w.s[0] : w.s[1]}`;
  return `${Math.ceil(s / 60)} ${w.m[1]}`;
}

/** Milliseconds left until `deadline`, never negative; null when there is no deadline. */
export function msLeft(deadline: number | null, now: number): number | null {
  if (deadline == null) return null;
  return Math.max(0, deadline - now);
}

// ---- <input type="time"> and <input type="datetime-local"> ----

/** The wall-clock reading of a moment in a zone (month 1–12). */
function wallOf(ms: number, zone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p: Record<string, number> = {};
  for (const part of formatter('parts', 'en-US', zone).formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year, mo: p.month, d: p.day, h: p.hour, mi: p.minute, s: p.second };
}

/** How far the zone's clock is ahead of UTC at a moment, in ms. */
function offsetAt(ms: number, zone: string): number {
  const w = wallOf(ms, zone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

/** The moment a wall-clock reading stands for in a zone (month 1–12). */
function instantOf(y: number, mo: number, d: number, h: number, mi: number, zone: string): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // the zone's offset at that wall time; asked twice for zones that change it (daylight saving)
  const guess = wall - offsetAt(wall, zone);
  return wall - offsetAt(guess, zone);
}

/** The value of an <input type="time"> for a moment: "HH:MM" on the venue's clock. */
export function timeInputValue(ms: number, zone?: Zone): string {
  const w = wallOf(ms, ianaOf(zone));
  return `${pad2(w.h)}:${pad2(w.mi)}`;
}

/**
 * The moment an <input type="time"> names ("HH:MM"), on the day `base` falls on at the venue;
 * null when the input is empty or not a time. Arrivals and visits are recorded the same day, at
 * the desk.
 */
export function fromTimeInput(value: string, base: number, zone?: Zone): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (h > 23 || mi > 59) return null;
  const iana = ianaOf(zone);
  const day = wallOf(base, iana);
  return instantOf(day.y, day.mo, day.d, h, mi, iana);
}

/**
 * The moment an <input type="datetime-local"> names ("2026-12-06T09:30", the browser's value
 * whatever it shows), read on the venue's clock; null when the input is empty or not such a value.
 */
export function fromDateTimeInput(value: string, zone?: Zone): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1, 6).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  return instantOf(y, mo, d, h, mi, ianaOf(zone));
}
