/**
 * The schedule (agenda) of the sessions planned in the venues' rooms (Perban BKN 4/2024 Pasal 8–9)
 * and of those standing without an activity: who sees which (visibilityOf, as for activities), a
 * range of dates read in each venue's own zone (WIB, WITA, WIT), the days off on it, and its export
 * as CSV or XLSX with the times in the venue's zone and the zone named, never UTC.
 */
import { tableFile } from '../export/table-file.ts';
import type { Db } from '../../db/client.ts';
import { venueOf } from '../../db/queries/activities.ts';
import { scheduleDaysOff, scheduleSessions, scheduleVenues } from '../../db/queries/schedule.ts';
import { TIME_ZONE_INFO, type VenueTimeZone } from '../../protocol/activity.ts';
import { clockIn } from '../../protocol/format/time.ts';
import { msg, stateName } from '../../protocol/messages/index.ts';
import {
  dayNumber, plusDays, mondayOf, PURPOSE_WORDS, SCHEDULE_CONTENT_TYPES, scheduleFileName,
  type ScheduleDayOff, type ScheduleFormat, type ScheduleVenue, type ScheduleQuery, type ScheduleResponse, type ScheduleRow
} from '../../protocol/schedule.ts';
import type { Principal } from '../auth/principal.ts';
import { zonedDate, zonedTime } from '../domain/activity-rules.ts';
import { nationalHolidays } from '../domain/national-holidays.ts';
import { refuse, type Result } from '../session/context.ts';
import { visibilityOf } from './activity.service.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The widest and narrowest of the venues' offsets from UTC: WIT (+9) and WIB (+7). */
const OFFSETS_MS = Object.values(TIME_ZONE_INFO).map((z) => z.offsetMin * 60_000);
const MAX_OFFSET_MS = Math.max(...OFFSETS_MS);
const MIN_OFFSET_MS = Math.min(...OFFSETS_MS);

/**
 * The dates asked for: both ends as given; one end alone, the week from (or to) it; neither, this
 * week Monday to Sunday in the venue's zone (WIB when no venue is named: the zone of most venues,
 * and a week starts there at most two hours apart from the others).
 */
function rangeOf(q: ScheduleQuery, zone: VenueTimeZone, now: number): { from: string; to: string } {
  if (q.from !== undefined && q.to !== undefined) return { from: q.from, to: q.to };
  if (q.from !== undefined) return { from: q.from, to: plusDays(q.from, 6) };
  if (q.to !== undefined) return { from: plusDays(q.to, -6), to: q.to };
  const monday = mondayOf(zonedDate(now, zone));
  return { from: monday, to: plusDays(monday, 6) };
}

/** National holidays from the holiday library and the administrator's days off for the venues in view, from `from` to `to`. */
function daysOffIn(db: Db, venueIds: number[], from: string, to: string): ScheduleDayOff[] {
  const national: ScheduleDayOff[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const h of nationalHolidays(y)) if (h.date >= from && h.date <= to) national.push({ date: h.date, name: h.name, kind: 'national', venueId: null });
  }
  const kept: ScheduleDayOff[] = scheduleDaysOff(db, venueIds, from, to);
  return [...national, ...kept].sort((a, b) => a.date.localeCompare(b.date));
}

/** The schedule a principal sees: the venues in view (with their rooms), the sessions starting on the dates asked in each venue's zone, and the days off. */
export function scheduleFor(db: Db, p: Principal, q: ScheduleQuery, now = Date.now()): Result<Omit<ScheduleResponse, 'ok'>> {
  const v = visibilityOf(p);
  const venues: ScheduleVenue[] = scheduleVenues(db, v).map((x) => ({ ...x, today: zonedDate(now, x.timeZone) }));
  if (q.venueId !== undefined && !venues.some((x) => x.id === q.venueId)) {
    return venueOf(db, q.venueId) ? refuse('FORBIDDEN') : refuse('NOT_FOUND', msg('venue.notFound'));
  }
  const zone = q.venueId !== undefined ? venues.find((x) => x.id === q.venueId)!.timeZone : 'Asia/Jakarta';
  const { from, to } = rangeOf(q, zone, now);
  // the range's midnights lie between the easternmost zone's (earliest in UTC) and the westernmost's
  const fromMs = dayNumber(from) * DAY_MS - MAX_OFFSET_MS;
  const toMs = (dayNumber(to) + 1) * DAY_MS - MIN_OFFSET_MS;
  const sessions: ScheduleRow[] = [];
  for (const s of scheduleSessions(db, v, fromMs, toMs, q.venueId)) {
    const date = zonedDate(s.scheduledAt, s.timeZone);
    if (date < from || date > to) continue; // inside the widest bounds, outside this venue's own day
    sessions.push({ ...s, date, time: zonedTime(s.scheduledAt, s.timeZone) });
  }
  const inView = q.venueId !== undefined ? [q.venueId] : venues.map((x) => x.id);
  return { ok: true, from, to, venues, sessions, daysOff: daysOffIn(db, inView, from, to) };
}

// ---------------------------------------------------------------- the export

/** The columns, in Indonesian (the export is an Indonesian office document). */
export const EXPORT_COLUMNS = [
  'Tanggal', 'Mulai', 'Selesai', 'Zona', 'Lokasi', 'Ruang', 'Kode sesi', 'Nama sesi', 'Status', 'Kegiatan/Tujuan', 'Instansi', 'Kapasitas', 'Peserta terdaftar'
] as const;

/** One line of the export: the times on the venue's clock ("08.00", as Indonesian writes them) with its zone's name. */
function exportRow(s: ScheduleRow): (string | number | Date | null)[] {
  const [y, m, d] = s.date.split('-').map(Number);
  return [
    // a date cell (sortable in a spreadsheet), the calendar date at the venue: midnight UTC of that date carries no zone shift
    new Date(Date.UTC(y, m - 1, d)),
    clockIn('id', s.scheduledAt, { zone: s.timeZone }),
    clockIn('id', s.scheduledAt + s.durationMin * 60_000, { zone: s.timeZone }),
    TIME_ZONE_INFO[s.timeZone].abbr,
    s.venueName,
    s.roomName,
    s.code,
    s.name,
    stateName(s.state, 'id'),
    s.purpose ? PURPOSE_WORDS.id[s.purpose] : null,
    s.agency,
    s.capacity,
    s.participants
  ];
}

/**
 * The schedule as a file (server/export/table-file.ts: CSV for Excel in Indonesian, XLSX).
 * The file has counts only, no participant's name: it is not a read of personal data (no audit).
 */
export async function scheduleFile(db: Db, p: Principal, q: ScheduleQuery & { format: ScheduleFormat }, now = Date.now()): Promise<Result<{
  body: Buffer; contentType: string; fileName: string;
}>> {
  const r = scheduleFor(db, p, q, now);
  if (!r.ok) return r;
  const widths: Record<number, number> = { 4: 28, 5: 18, 7: 24, 9: 30, 10: 24 };
  const body = await tableFile({
    sheet: `Jadwal ${r.from} sd ${r.to}`,
    columns: EXPORT_COLUMNS.map((header, i) => ({ header, width: widths[i] ?? Math.max(10, header.length + 2), date: i === 0 })),
    rows: r.sessions.map(exportRow)
  }, q.format);
  return { ok: true, body, contentType: SCHEDULE_CONTENT_TYPES[q.format], fileName: scheduleFileName(r.from, r.to, q.format) };
}
