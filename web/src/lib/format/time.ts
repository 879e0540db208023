/**
 * Times, dates and durations in the proctor's language: the functions of $protocol/format/time.ts
 * (where the scheme is described) bound to the language switch, so that a page re-renders when it
 * changes. Pages and components write every moment and duration through here; code that has its
 * language in hand (the projector writes both) calls $protocol/format/time.ts directly.
 *
 * The zone is the module's default, WIB: rooms do not carry a zone of their own yet. '—' stands
 * for "none" everywhere.
 */
import { i18n } from '$lib/i18n/i18n.svelte.ts';
import { clockIn, dateIn, dateTimeIn, durationIn, durationWordsIn, waitIn } from '$protocol/format/time.ts';

export { durationParts, fromDateTimeInput, fromTimeInput, msLeft, timeInputValue } from '$protocol/format/time.ts';

type When = number | null | undefined;

/** Time of day: "09.07" (id) / "09:07" (en); `seconds`: "09.07.05". */
export const formatClock = (ms: When, seconds = false): string => clockIn(i18n.locale, ms, { seconds });

/** A day: "6 Des 2026". */
export const formatDate = (ms: When): string => dateIn(i18n.locale, ms);

/** A moment that may be on another day: "6 Des 2026, 09.07"; `seconds`: "6 Des 2026, 09.07.05". */
export const formatDateTime = (ms: When, seconds = false): string => dateTimeIn(i18n.locale, ms, { seconds });

/** A duration or countdown with its units: "2 j 58 m", "29 m 28 d", "45 d". */
export const formatDuration = (ms: number | null): string => durationIn(i18n.locale, ms);

/** The same in words, for screen readers and tooltips: "2 jam 58 menit". */
export const formatDurationWords = (ms: number | null): string => durationWordsIn(i18n.locale, ms);

/** How long until another attempt is accepted, in a sentence: "45 detik" / "3 menit". */
export const formatWait = (sec: number | null): string => waitIn(i18n.locale, sec);
