/**
 * The one way of writing times, dates and durations (protocol/format/time.ts, bound to the
 * proctor's language by web/src/lib/format/time.ts): moments as the language writes a time of
 * day, in the venue's zone, one date format, durations always with their units.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clockIn, dateIn, dateTimeIn, durationIn, durationParts, durationWordsIn, fromDateTimeInput, fromTimeInput, msLeft, timeInputValue, waitIn
} from '../../protocol/format/time.ts';
import {
  formatClock, formatDate, formatDateTime, formatDuration, formatDurationWords, formatWait
} from '../../web/src/lib/format/time.ts';
import { i18n } from '../../web/src/lib/i18n/i18n.svelte.ts';

// A moment on the clock of a venue in WIB (UTC+7), the default zone, whatever zone this machine is in.
const WIB = 7;
const at = (h: number, m: number, s = 0, day = 6, month = 11) => Date.UTC(2026, month, day, h - WIB, m, s);
const H = 3_600_000;
const M = 60_000;
const S = 1000;

afterEach(() => i18n.setLocale('id'));

describe('moments', () => {
  it('a time of day, 24-hour, as each language writes it', () => {
    expect(clockIn('id', at(9, 7))).toBe('09.07');
    expect(clockIn('en', at(9, 7))).toBe('09:07');
    expect(clockIn('id', at(21, 45, 5), { seconds: true })).toBe('21.45.05');
    expect(clockIn('en', at(21, 45, 5), { seconds: true })).toBe('21:45:05');
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
    expect(dateTimeIn('id', at(12, 14, 9), { seconds: true })).toBe('6 Des 2026, 12.14.09');
    expect(dateTimeIn('en', at(12, 14, 9), { seconds: true })).toBe('6 Dec 2026, 12:14:09');
    expect(dateTimeIn('id', at(9, 30, 0, 12, 4))).toBe('12 Mei 2026, 09.30');
    expect(dateTimeIn('en', at(9, 30, 0, 12, 4))).toBe('12 May 2026, 09:30');
  });

  it('"—" for no moment', () => {
    expect(clockIn('id', null)).toBe('—');
    expect(dateIn('en', undefined)).toBe('—');
    expect(dateTimeIn('id', null, { seconds: true })).toBe('—');
  });
});

describe('time zones: the venue’s clock, not the machine’s', () => {
  // 12.07 WIB on 6 December is 13.07 WITA and 14.07 WIT
  const noon = at(12, 7);

  it('WIB is the default, and Asia/Jakarta is the same zone', () => {
    expect(dateTimeIn('id', noon)).toBe('6 Des 2026, 12.07');
    expect(dateTimeIn('id', noon, { zone: 'WIB' })).toBe('6 Des 2026, 12.07');
    expect(dateTimeIn('id', noon, { zone: 'Asia/Jakarta' })).toBe('6 Des 2026, 12.07');
  });

  it('WITA (UTC+8) and WIT (UTC+9), by name or IANA zone, in both languages', () => {
    expect(clockIn('id', noon, { zone: 'WITA' })).toBe('13.07');
    expect(clockIn('en', noon, { zone: 'Asia/Makassar' })).toBe('13:07');
    expect(clockIn('id', noon, { zone: 'WIT', seconds: true })).toBe('14.07.00');
    expect(clockIn('en', noon, { zone: 'Asia/Jayapura' })).toBe('14:07');
    expect(dateTimeIn('en', noon, { zone: 'WIT' })).toBe('6 Dec 2026, 14:07');
  });

  it('the date follows the zone across midnight', () => {
    const late = at(23, 30); // 23.30 WIB = 00.30 WITA the next day
    expect(dateTimeIn('id', late, { zone: 'WIB' })).toBe('6 Des 2026, 23.30');
    expect(dateTimeIn('id', late, { zone: 'WITA' })).toBe('7 Des 2026, 00.30');
    expect(dateIn('en', late, { zone: 'WIT' })).toBe('7 Dec 2026');
    expect(dateTimeIn('en', late, { zone: 'UTC' })).toBe('6 Dec 2026, 16:30');
  });
});

describe('durations', () => {
  it('an hour or more: hours and minutes, with units', () => {
    expect(durationIn('id', 2 * H + 58 * M + 30 * S)).toBe('2 j 58 m');
    expect(durationIn('en', 2 * H + 58 * M)).toBe('2 h 58 m');
    expect(durationIn('id', 3 * H + 53 * M + 50 * S)).toBe('3 j 53 m');
    expect(durationIn('id', 1 * H + 5 * M)).toBe('1 j 05 m');
    expect(durationIn('id', 1 * H)).toBe('1 j 00 m');
    expect(durationIn('en', 26 * H + 3 * M)).toBe('26 h 03 m');
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

  it('zero and negative durations in both languages: zero seconds', () => {
    for (const ms of [0, -1, -999, -5 * M, -3 * H]) {
      expect(durationIn('id', ms)).toBe('0 d');
      expect(durationIn('en', ms)).toBe('0 s');
      expect(durationWordsIn('id', ms)).toBe('0 detik');
      expect(durationWordsIn('en', ms)).toBe('0 seconds');
      expect(durationParts(ms)).toEqual({ h: 0, m: 0, s: 0 });
    }
    // a duration just under zero is already due; just over zero is still a second away
    expect(durationIn('en', -0.5)).toBe('0 s');
    expect(durationIn('en', 0.5)).toBe('1 s');
  });

  it('"—" for no duration', () => {
    expect(durationIn('id', null)).toBe('—');
    expect(durationWordsIn('en', null)).toBe('—');
  });

  it('in words, for screen readers and tooltips', () => {
    expect(durationWordsIn('id', 2 * H + 58 * M)).toBe('2 jam 58 menit');
    expect(durationWordsIn('id', 2 * H)).toBe('2 jam');
    expect(durationWordsIn('id', 29 * M + 28 * S)).toBe('29 menit 28 detik');
    expect(durationWordsIn('en', H + M)).toBe('1 hour 1 minute');
    expect(durationWordsIn('en', 29 * M + 28 * S)).toBe('29 minutes 28 seconds');
    expect(durationWordsIn('en', S)).toBe('1 second');
    expect(durationWordsIn('en', 2 * M)).toBe('2 minutes');
  });

  it('a wait in a sentence: seconds under a minute and a half, then whole minutes', () => {
    expect(waitIn('id', 45)).toBe('45 detik');
    expect(waitIn('en', 1)).toBe('1 second');
    expect(waitIn('id', 89)).toBe('89 detik');
    expect(waitIn('id', 900)).toBe('15 menit');
    expect(waitIn('en', 901)).toBe('16 minutes');
    expect(waitIn('id', null)).toBe('60 detik');
    expect(waitIn('id', 0)).toBe('1 detik');
    expect(waitIn('en', -30)).toBe('1 second');
  });
});

describe('in the proctor’s language (web/src/lib/format/time.ts)', () => {
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

  it('what the old helpers wrote (time left, PIN countdown, clock times, dates) is written the same', () => {
    expect(formatDuration(2 * H + 58 * M)).toBe(durationIn('id', 2 * H + 58 * M));
    expect(formatDuration(29 * M + 28 * S)).toBe('29 m 28 d');
    expect(formatClock(at(9, 7))).toBe('09.07');
    expect(formatDateTime(at(12, 7))).toBe('6 Des 2026, 12.07');
    expect(formatDateTime(at(12, 14))).toBe('6 Des 2026, 12.14');
    expect(formatDateTime(at(12, 14, 3), true)).toBe('6 Des 2026, 12.14.03');
  });

  it('no second format left anywhere: the web formats no date or time of its own', () => {
    const own = /toLocale(Time|Date)?String|Intl\.DateTimeFormat|\.get(Hours|Minutes|Seconds|Date|Month|FullYear)\(|\.set(Hours|Minutes)\(|new Date\(|Date\.parse\(/;
    // uPlot places its time axis on Date objects; its labels are written by formatClock
    const allowed = new Set([join('web/src/lib/components/LatencyChart.svelte')]);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|svelte)$/.test(name)) files.push(p);
      }
    };
    walk('web/src');
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => !allowed.has(f) && own.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});

describe('time inputs and deadlines', () => {
  it('an <input type="time"> value and back, on the same day', () => {
    expect(timeInputValue(at(7, 3))).toBe('07:03');
    expect(fromTimeInput('13:45', at(7, 3))).toBe(at(13, 45));
    expect(fromTimeInput('1:45', at(7, 3))).toBeNull();
    expect(fromTimeInput('', at(7, 3))).toBeNull();
    expect(fromTimeInput('24:00', at(7, 3))).toBeNull();
    expect(fromTimeInput('12:60', at(7, 3))).toBeNull();
  });

  it('on the venue’s clock: the same moment reads differently in WIB, WITA and WIT', () => {
    const m = at(7, 3);
    expect(timeInputValue(m, 'WIB')).toBe('07:03');
    expect(timeInputValue(m, 'WITA')).toBe('08:03');
    expect(timeInputValue(m, 'WIT')).toBe('09:03');
    // 13.45 on a WITA clock is 12.45 on a WIB clock
    expect(fromTimeInput('13:45', m, 'WITA')).toBe(at(12, 45));
    expect(fromTimeInput('13:45', m, 'WIT')).toBe(at(11, 45));
    // the day is the venue's: 00.30 WITA on the 7th is still the 6th in WIB
    const late = at(23, 30);
    expect(timeInputValue(late, 'WITA')).toBe('00:30');
    expect(fromTimeInput('00:10', late, 'WITA')).toBe(at(23, 10));
    expect(fromTimeInput('00:10', late)).toBe(at(0, 10));
  });

  it('an <input type="datetime-local"> (the audit filter) is read on the venue\'s clock', () => {
    expect(fromDateTimeInput('2026-12-06T09:30')).toBe(at(9, 30));
    expect(fromDateTimeInput('2026-12-06T09:30:15')).toBe(at(9, 30));
    expect(fromDateTimeInput('2026-12-06T09:30', 'WITA')).toBe(at(8, 30));
    expect(fromDateTimeInput('2026-12-07T00:30', 'WIT')).toBe(at(22, 30));
    expect(fromDateTimeInput('')).toBeNull();
    expect(fromDateTimeInput('2026-12-06')).toBeNull();
    expect(fromDateTimeInput('2026-13-06T09:30')).toBeNull();
    expect(fromDateTimeInput('2026-12-06T24:00')).toBeNull();
  });

  it('time left is never negative, and none without a deadline', () => {
    expect(msLeft(null, 5)).toBeNull();
    expect(msLeft(1000, 400)).toBe(600);
    expect(msLeft(1000, 4000)).toBe(0);
  });
});
