/**
 * The dashboard's one way of writing times, dates and durations (web/src/lib/format): moments as
 * the language writes a time of day, one date format, durations always with their units.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  clockIn, dateIn, dateTimeIn, durationIn, durationParts, durationWordsIn, waitIn
} from '../../web/src/lib/format/time-core.ts';
import {
  formatClock, formatDate, formatDateTime, formatDuration, formatDurationWords, formatWait, fromTimeInput, msLeft, timeInputValue
} from '../../web/src/lib/format/time.ts';
import { i18n } from '../../web/src/lib/i18n/i18n.svelte.ts';
import { formatLeft } from '../../web/src/lib/room/format.ts';
import { formatCountdown, formatHm } from '../../web/src/lib/components/session/time-left.ts';
import { formatTime, formatDateTime as whenDateTime } from '../../web/src/lib/components/registration/when.ts';
import { formatDateTime as labelsDateTime } from '../../web/src/lib/auth/labels.ts';

// local time: what the proctor's laptop shows
const at = (h: number, m: number, s = 0, day = 6) => new Date(2026, 11, day, h, m, s).getTime();
const H = 3_600_000;
const M = 60_000;
const S = 1000;

afterEach(() => i18n.setLocale('id'));

describe('moments', () => {
  it('a time of day, 24-hour, as each language writes it', () => {
    expect(clockIn('id', at(9, 7))).toBe('09.07');
    expect(clockIn('en', at(9, 7))).toBe('09:07');
    expect(clockIn('id', at(21, 45, 5), true)).toBe('21.45.05');
    expect(clockIn('en', at(21, 45, 5), true)).toBe('21:45:05');
  });

  it('midnight is 00, never 24', () => {
    expect(clockIn('id', at(0, 5))).toBe('00.05');
    expect(clockIn('en', at(0, 5))).toBe('00:05');
  });

  it('one date format: day, short month, year — never all numbers', () => {
    expect(dateIn('id', at(12, 0))).toBe('6 Des 2026');
    expect(dateIn('en', at(12, 0))).toBe('6 Dec 2026');
    expect(dateTimeIn('id', at(12, 14))).toBe('6 Des 2026, 12.14');
    expect(dateTimeIn('en', at(12, 14))).toBe('6 Dec 2026, 12:14');
    expect(dateTimeIn('id', at(12, 14, 9), true)).toBe('6 Des 2026, 12.14.09');
    expect(dateTimeIn('id', new Date(2026, 4, 12, 9, 30).getTime())).toBe('12 Mei 2026, 09.30');
  });
});

describe('durations', () => {
  it('an hour or more: hours and minutes, with units', () => {
    expect(durationIn('id', 2 * H + 58 * M + 30 * S)).toBe('2 j 58 m');
    expect(durationIn('en', 2 * H + 58 * M)).toBe('2 h 58 m');
    expect(durationIn('id', 3 * H + 53 * M + 50 * S)).toBe('3 j 53 m');
    expect(durationIn('id', 1 * H + 5 * M)).toBe('1 j 05 m');
    expect(durationIn('id', 1 * H)).toBe('1 j 00 m');
  });

  it('under an hour: minutes and seconds, with units', () => {
    expect(durationIn('id', 29 * M + 28 * S)).toBe('29 m 28 d');
    expect(durationIn('en', 29 * M + 28 * S)).toBe('29 m 28 s');
    expect(durationIn('id', 9 * M + 5 * S)).toBe('9 m 05 d');
    expect(durationIn('id', 59 * M + 59 * S)).toBe('59 m 59 d');
  });

  it('under a minute: seconds', () => {
    expect(durationIn('id', 45 * S)).toBe('45 d');
    expect(durationIn('en', 45 * S)).toBe('45 s');
    expect(durationIn('id', 0)).toBe('0 d');
  });

  it('never uses a colon, so it cannot be read as a clock time', () => {
    for (const ms of [0, 999, 45 * S, 9 * M, 29 * M + 28 * S, H, 2 * H + 58 * M, 26 * H]) {
      expect(durationIn('id', ms)).not.toMatch(/[:.]/);
      expect(durationIn('en', ms)).not.toMatch(/[:.]/);
    }
  });

  it('a countdown rounds up to the second and never goes below zero', () => {
    expect(durationIn('id', 400)).toBe('1 d');
    expect(durationIn('id', 59_001)).toBe('1 m 00 d');
    expect(durationIn('id', -5000)).toBe('0 d');
    expect(durationParts(H - 1)).toEqual({ h: 1, m: 0, s: 0 });
    expect(durationParts(2 * H + 58 * M + 12 * S)).toEqual({ h: 2, m: 58, s: 12 });
  });

  it('in words, for screen readers and tooltips', () => {
    expect(durationWordsIn('id', 2 * H + 58 * M)).toBe('2 jam 58 menit');
    expect(durationWordsIn('id', 2 * H)).toBe('2 jam');
    expect(durationWordsIn('id', 29 * M + 28 * S)).toBe('29 menit 28 detik');
    expect(durationWordsIn('en', H + M)).toBe('1 hour 1 minute');
    expect(durationWordsIn('en', 29 * M + 28 * S)).toBe('29 minutes 28 seconds');
    expect(durationWordsIn('en', S)).toBe('1 second');
  });

  it('a wait in a sentence: seconds under a minute and a half, then whole minutes', () => {
    expect(waitIn('id', 45)).toBe('45 detik');
    expect(waitIn('en', 1)).toBe('1 second');
    expect(waitIn('id', 89)).toBe('89 detik');
    expect(waitIn('id', 900)).toBe('15 menit');
    expect(waitIn('en', 901)).toBe('16 minutes');
    expect(waitIn('id', null)).toBe('60 detik');
    expect(waitIn('id', 0)).toBe('1 detik');
  });
});

describe('in the proctor’s language', () => {
  it('follows the language switch', () => {
    i18n.setLocale('id');
    expect(formatClock(at(14, 5))).toBe('14.05');
    expect(formatDateTime(at(14, 5))).toBe('6 Des 2026, 14.05');
    expect(formatDuration(2 * H + 58 * M)).toBe('2 j 58 m');
    expect(formatDurationWords(29 * M + 28 * S)).toBe('29 menit 28 detik');
    expect(formatWait(900)).toBe('15 menit');
    i18n.setLocale('en');
    expect(formatClock(at(14, 5), true)).toBe('14:05:00');
    expect(formatDate(at(14, 5))).toBe('6 Dec 2026');
    expect(formatDuration(29 * M + 28 * S)).toBe('29 m 28 s');
  });

  it('"—" for no moment', () => {
    expect(formatClock(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDuration(null)).toBe('—');
  });

  it('the old names write the same as the module (no second format left anywhere)', () => {
    expect(formatLeft(2 * H + 58 * M)).toBe(formatDuration(2 * H + 58 * M));
    expect(formatCountdown(29 * M + 28 * S)).toBe('29 m 28 d');
    expect(formatHm(at(9, 7), 'en-US')).toBe('09.07');
    expect(formatTime(at(9, 7))).toBe('09.07');
    expect(whenDateTime(at(12, 7))).toBe('6 Des 2026, 12.07');
    expect(labelsDateTime(at(12, 14))).toBe('6 Des 2026, 12.14');
    expect(labelsDateTime(at(12, 14, 3), true)).toBe('6 Des 2026, 12.14.03');
  });
});

describe('time inputs and deadlines', () => {
  it('an <input type="time"> value and back, on the same day', () => {
    expect(timeInputValue(at(7, 3))).toBe('07:03');
    expect(fromTimeInput('13:45', at(7, 3))).toBe(at(13, 45));
    expect(fromTimeInput('1:45', at(7, 3))).toBeNull();
    expect(fromTimeInput('', at(7, 3))).toBeNull();
  });

  it('time left is never negative, and none without a deadline', () => {
    expect(msLeft(null, 5)).toBeNull();
    expect(msLeft(1000, 400)).toBe(600);
    expect(msLeft(1000, 4000)).toBe(0);
  });
});
