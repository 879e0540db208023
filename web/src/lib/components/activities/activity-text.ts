/**
 * Words and dates of the activity screens. An activity's dates are calendar dates (YYYY-MM-DD)
 * and its sessions' times are on the VENUE's clock (WIB, WITA or WIT, with no daylight saving):
 * both are written through the format module ($protocol/format/time.ts) in the proctor's
 * language, a session's time with the zone's abbreviation after it ("09.00 WITA").
 */
import { TIME_ZONE_INFO, type ActivityPurpose, type ActivitySessionRow, type TeamRole, type VenueTimeZone } from '$protocol/activity.ts';
import { clockIn, dateIn } from '$protocol/format/time.ts';
import { i18n, t } from '$lib/i18n/i18n.svelte.ts';

const DAY_MS = 86_400_000;

/** WIB / WITA / WIT of a venue's zone (WIB when it is not one of the three). */
export const zoneAbbr = (tz: VenueTimeZone | string): 'WIB' | 'WITA' | 'WIT' => TIME_ZONE_INFO[tz as VenueTimeZone]?.abbr ?? 'WIB';

export const purposeText = (p: ActivityPurpose): string => t(`act.purpose.${p}`);
export const teamRoleText = (r: TeamRole): string => t(`act.team.${r}`);

// the calendar arithmetic is the schedule's (protocol/schedule.ts): one copy for the web and the server
import { dateOfDay, dayNumber, plusDays } from '$protocol/schedule.ts';

export { dateOfDay, dayNumber, plusDays };

/** Today's date on the venue's clock. */
export function todayIn(tz: VenueTimeZone | string, now = Date.now()): string {
  const offset = TIME_ZONE_INFO[tz as VenueTimeZone]?.offsetMin ?? 7 * 60;
  return dateOfDay(Math.floor((now + offset * 60_000) / DAY_MS));
}

/** A calendar date in words: "24 Des 2026" ('—' when it is not a date). */
export function dayText(date: string): string {
  const n = dayNumber(date);
  // noon UTC of that day, written in UTC: the same calendar day whatever the reader's zone
  return Number.isNaN(n) ? '—' : dateIn(i18n.locale, n * DAY_MS + DAY_MS / 2, { zone: 'UTC' });
}

/** An activity's days: "7 Des 2026 s.d. 21 Des 2026", or one day. */
export function datesText(from: string, to: string): string {
  return from === to ? t('act.oneDay', { date: dayText(from) }) : t('act.dates', { from: dayText(from), to: dayText(to) });
}

/** A time of day on the venue's clock with its zone: "09.00 WITA". */
export function venueClock(ms: number, tz: VenueTimeZone | string): string {
  const abbr = zoneAbbr(tz);
  return `${clockIn(i18n.locale, ms, { zone: abbr })} ${abbr}`;
}

/** A session's start: "24 Des 2026, 09.00 WITA". */
export function sessionWhen(s: Pick<ActivitySessionRow, 'date' | 'scheduledAt' | 'timeZone'>): string {
  return `${dayText(s.date)}, ${venueClock(s.scheduledAt, s.timeZone)}`;
}
