/**
 * Times, dates and durations in the proctor's language: the functions of $protocol/format/time.ts
 * (where the scheme is described) bound to the language switch, so that a page re-renders when it
 * changes. Pages and components write every moment and duration through here; code that has its
 * language in hand (the projector writes both) calls $protocol/format/time.ts directly.
 *
 * The zone is the page's (zone.svelte.ts): a room's pages show the room's venue zone, other pages
 * WIB unless they pass a venue's zone. '—' stands for "none" everywhere.
 */
import { i18n } from '$lib/i18n/i18n.svelte.ts';
import * as base from '$protocol/format/time.ts';
import { clockIn, dateIn, dateTimeIn, durationIn, durationWordsIn, waitIn, type Zone } from '$protocol/format/time.ts';
import { shownZone, zoneName } from './zone.svelte.ts';

export { showZone, zoneName } from './zone.svelte.ts';

export { durationParts, msLeft } from '$protocol/format/time.ts';

type When = number | null | undefined;

/** Time of day: "09.07" (id) / "09:07" (en); `seconds`: "09.07.05". In the page's zone unless one is given. */
export const formatClock = (ms: When, seconds = false, zone?: Zone): string => clockIn(i18n.locale, ms, { seconds, zone: zone ?? shownZone.zone });

/** A day: "6 Des 2026". */
export const formatDate = (ms: When, zone?: Zone): string => dateIn(i18n.locale, ms, { zone: zone ?? shownZone.zone });

/** A moment that may be on another day: "6 Des 2026, 09.07"; `seconds`: "6 Des 2026, 09.07.05". */
export const formatDateTime = (ms: When, seconds = false, zone?: Zone): string => dateTimeIn(i18n.locale, ms, { seconds, zone: zone ?? shownZone.zone });

/** A moment with its day and its zone's name, where the zone must be read: "7 Des 2026, 03.36 WITA". */
export const formatDateTimeZoned = (ms: When, zone?: Zone): string =>
  ms == null ? formatDateTime(ms) : `${formatDateTime(ms, false, zone)} ${zoneName(zone ?? shownZone.zone)}`;

/** A time of day with its zone's name, where venues of several zones meet: "09.07 WITA". */
export const formatClockZoned = (ms: When, zone: Zone): string => (ms == null ? formatClock(ms) : `${formatClock(ms, false, zone)} ${zoneName(zone)}`);

/** A duration or countdown with its units: "2 j 58 m", "29 m 28 d", "45 d". */
export const formatDuration = (ms: number | null): string => durationIn(i18n.locale, ms);

/** The same in words, for screen readers and tooltips: "2 jam 58 menit". */
export const formatDurationWords = (ms: number | null): string => durationWordsIn(i18n.locale, ms);

/** How long until another attempt is accepted, in a sentence: "45 detik" / "3 menit". */
export const formatWait = (sec: number | null): string => waitIn(i18n.locale, sec);

// ---- form inputs: a typed time is a time on the page's (the venue's) clock ----

/** The value of an <input type="time"> for a moment, on the page's clock. */
export const timeInputValue = (ms: number, zone?: Zone): string => base.timeInputValue(ms, zone ?? shownZone.zone);

/** The moment an <input type="time"> names, on the day `at` falls on at the venue. */
export const fromTimeInput = (value: string, at: number, zone?: Zone): number | null => base.fromTimeInput(value, at, zone ?? shownZone.zone);

/** The moment an <input type="datetime-local"> names, on the page's clock. */
export const fromDateTimeInput = (value: string, zone?: Zone): number | null => base.fromDateTimeInput(value, zone ?? shownZone.zone);
