/**
 * Times, dates and durations in the proctor's language — every page formats them through here.
 * The scheme (moments "09.07" / "6 Des 2026, 09.07"; durations with units, "2 j 58 m", "29 m 28 d")
 * and why it was chosen are described in ./time-core.ts. '—' stands for "none" everywhere.
 */
import { i18n } from '$lib/i18n/i18n.svelte.ts';
import { clockIn, dateIn, dateTimeIn, durationIn, durationParts, durationWordsIn, waitIn } from './time-core.ts';

export { durationParts };

type When = number | null | undefined;
const NONE = '—';

/** Time of day: "09.07" (id) / "09:07" (en); `seconds`: "09.07.05". */
export const formatClock = (ms: When, seconds = false): string => (ms == null ? NONE : clockIn(i18n.locale, ms, seconds));

/** A day: "6 Des 2026". */
export const formatDate = (ms: When): string => (ms == null ? NONE : dateIn(i18n.locale, ms));

/** A moment that may be on another day: "6 Des 2026, 09.07"; `seconds`: "6 Des 2026, 09.07.05". */
export const formatDateTime = (ms: When, seconds = false): string => (ms == null ? NONE : dateTimeIn(i18n.locale, ms, seconds));

/** A duration or countdown with its units: "2 j 58 m", "29 m 28 d", "45 d". */
export const formatDuration = (ms: number | null): string => (ms == null ? NONE : durationIn(i18n.locale, ms));

/** The same in words, for screen readers and tooltips: "2 jam 58 menit". */
export const formatDurationWords = (ms: number | null): string => (ms == null ? NONE : durationWordsIn(i18n.locale, ms));

/** How long until another attempt is accepted, in a sentence: "45 detik" / "3 menit". */
export const formatWait = (sec: number | null): string => waitIn(i18n.locale, sec);

/** Milliseconds left until `deadline`, never negative; null when there is no deadline. */
export function msLeft(deadline: number | null, now: number): number | null {
  if (deadline == null) return null;
  return Math.max(0, deadline - now);
}

/** The value of an <input type="time"> for a moment: local "HH:MM" (the input shows it its own way). */
export function timeInputValue(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * The moment an <input type="time"> names, on the day of `base` (local time); null when the
 * input is empty or malformed. Arrivals and visits are recorded the same day, at the desk.
 */
export function fromTimeInput(value: string, base: number): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(base);
  d.setHours(Number(m[1]), Number(m[2]), 0, 0);
  return d.getTime();
}
