/**
 * The schedule (agenda): every session of the venues a user sees over a range of days, with the
 * days off on them, and its export as a spreadsheet. Activities and their sessions are planned
 * under Perban BKN 4/2024 Pasal 8–9 (protocol/activity.ts); a session may also stand without an
 * activity. No zod here: the web app imports this file at run time (the query schemas are in
 * schemas/schedule.ts).
 */
import type { ActivityPurpose, VenueTimeZone } from './activity.ts';
import type { SessionStateName } from './session.ts';

/** The longest range one request covers (two months): a wider one is a 400 in words. */
export const SCHEDULE_MAX_DAYS = 62;

/** A session as the schedule shows it: its start stored (UTC ms) and as the venue's date and hour. */
export type ScheduleRow = {
  id: number;
  code: string;
  name: string;
  state: SessionStateName;
  roomId: number;
  roomName: string;
  venueId: number;
  venueName: string;
  timeZone: VenueTimeZone;
  scheduledAt: number;
  /** YYYY-MM-DD and HH:MM in the venue's zone */
  date: string;
  time: string;
  durationMin: number;
  capacity: number | null;
  /** participants registered in the session (its roster), a count: no names */
  participants: number;
  activityId: number | null;
  purpose: ActivityPurpose | null;
  agency: string | null;
};

/** `today`: the date at the venue now (YYYY-MM-DD in its zone), for the page to mark. */
export type ScheduleVenue = { id: number; name: string; timeZone: VenueTimeZone; today: string; rooms: { id: number; name: string }[] };

/**
 * A day without tests on it: a national holiday (hari libur nasional, from the holiday library), or
 * one of the administrator's days off — cuti bersama, or a local day of one venue (venueId) or of
 * every venue (null).
 */
export type ScheduleDayOff = { date: string; name: string; kind: 'national' | 'cuti_bersama' | 'local'; venueId: number | null };

/** from/to: YYYY-MM-DD, read in each venue's zone; without them, this week Monday to Sunday. */
export type ScheduleQuery = { venueId?: number; from?: string; to?: string };
export type ScheduleExportQuery = ScheduleQuery & { format: ScheduleFormat };
export type ScheduleFormat = 'csv' | 'xlsx';

export type ScheduleResponse = {
  ok: true;
  from: string;
  to: string;
  venues: ScheduleVenue[];
  sessions: ScheduleRow[];
  daysOff: ScheduleDayOff[];
};

export const SCHEDULE_CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;

/** The export's file name: jadwal-2026-12-07-2026-12-13.csv */
export const scheduleFileName = (from: string, to: string, format: ScheduleFormat) => `jadwal-${from}-${to}.${format}`;

/** What an activity is for, in words (Pasal 8 ayat (2); ProASN: SE BKN 6/2026). */
export const PURPOSE_WORDS: Record<'id' | 'en', Record<ActivityPurpose, string>> = {
  id: { pengisian_jabatan: 'Pengisian jabatan', pemetaan: 'Pemetaan pegawai dalam jabatan', proasn: 'ProASN' },
  en: { pengisian_jabatan: 'Filling a position', pemetaan: 'Mapping employees in their positions', proasn: 'ProASN' }
};

// ---------------------------------------------------------------- calendar dates (YYYY-MM-DD), no time zone

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date; NaN when it is not YYYY-MM-DD. */
export function dayNumber(date: string): number {
  const m = ISO.exec(date);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : Number.NaN;
}

/**
 * The calendar date of day number `d` (days since 1970-01-01), the civil-from-days algorithm
 * (H. Hinnant): plain arithmetic, because the web builds no Date of its own (every date it shows
 * goes through the format module).
 */
export function dateOfDay(d: number): string {
  const z = d + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const plusDays = (date: string, n: number): string => dateOfDay(dayNumber(date) + n);

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export const isoWeekday = (date: string): number => ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;

/** The Monday of the week `date` is in. */
export const mondayOf = (date: string): string => plusDays(date, 1 - isoWeekday(date));

/** The dates from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(from); d <= dayNumber(to); d++) out.push(dateOfDay(d));
  return out;
}
