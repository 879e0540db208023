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

/** Days since 1970-01-01 of a YYYY-MM-DD date; NaN when it is not one. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : Number.NaN;
}

/** The YYYY-MM-DD of day number `d` (civil-from-days, H. Hinnant): arithmetic, no Date of the web's own. */
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
