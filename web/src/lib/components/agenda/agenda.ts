/**
 * The agenda's arithmetic and words: the week in the address, the days of the grid with their
 * days off, a session's time range on the venue's clock, the export's address. Every date and
 * time is written by $protocol/format/time.ts in the venue's zone (or, for a calendar date that
 * has no zone, read at UTC midnight).
 */
import { TIME_ZONE_INFO, type VenueTimeZone } from '$protocol/activity.ts';
import { clockIn, dateIn, type Lang } from '$protocol/format/time.ts';
import { ROUTES } from '$protocol/routes.ts';
import { dayNumber, datesBetween, isoWeekday, mondayOf, plusDays, type ScheduleDayOff, type ScheduleFormat, type ScheduleRow } from '$protocol/schedule.ts';

const DAY_MS = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The Monday of the week the address names (?from=), or undefined for this week (the server's). */
export function weekOf(from: string | null): string | undefined {
  return from && ISO.test(from) && !Number.isNaN(dayNumber(from)) ? mondayOf(from) : undefined;
}

export const zoneAbbr = (zone: VenueTimeZone) => TIME_ZONE_INFO[zone]?.abbr ?? zone;

/** A calendar date as the format module writes a day: "7 Des 2026" (read at UTC midnight: a date has no zone). */
export const dayText = (lang: Lang, date: string) => dateIn(lang, dayNumber(date) * DAY_MS, { zone: 'UTC' });

/** "08.00–11.00 WITA": the session's start and end on the venue's clock, with its zone's name. */
export function timeRange(lang: Lang, s: Pick<ScheduleRow, 'scheduledAt' | 'durationMin' | 'timeZone'>): string {
  const start = clockIn(lang, s.scheduledAt, { zone: s.timeZone });
  const end = clockIn(lang, s.scheduledAt + s.durationMin * 60_000, { zone: s.timeZone });
  return `${start}–${end} ${zoneAbbr(s.timeZone)}`;
}

export type AgendaDay = { date: string; weekday: number; weekend: boolean; off: ScheduleDayOff[] };

/** The grid's columns: every date of the range, its weekday (1 = Monday), and the days off on it at this venue. */
export function daysOf(from: string, to: string, daysOff: ScheduleDayOff[], venueId: number): AgendaDay[] {
  return datesBetween(from, to).map((date) => {
    const weekday = isoWeekday(date);
    return { date, weekday, weekend: weekday >= 6, off: daysOff.filter((d) => d.date === date && (d.venueId === null || d.venueId === venueId)) };
  });
}

/** The sessions of one room on one date (already in start order). */
export function cellOf(sessions: ScheduleRow[], roomId: number, date: string): ScheduleRow[] {
  return sessions.filter((s) => s.roomId === roomId && s.date === date);
}

/** The export's address for the week on screen: /api/schedule/export?format=…&venueId=…&from=…&to=… */
export function exportHref(format: ScheduleFormat, venueId: number, from: string, to: string): string {
  return `${ROUTES.scheduleExport.path}?${new URLSearchParams({ format, venueId: String(venueId), from, to })}`;
}

/** The address of the agenda for a venue and a week (no week: this week). */
export function agendaHref(venueId: number | undefined, from?: string): string {
  const q = new URLSearchParams();
  if (venueId !== undefined) q.set('venueId', String(venueId));
  if (from) q.set('from', from);
  return q.size ? `/agenda?${q}` : '/agenda';
}

export const weekBefore = (from: string) => plusDays(from, -7);
export const weekAfter = (from: string) => plusDays(from, 7);
