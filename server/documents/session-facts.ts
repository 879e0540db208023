/**
 * What a session's documents say, read from the record: the place and its clock, the agency, the
 * session's times, the roster with the desk's record, the incidents in order. Only reads; the
 * builders in content/ turn these facts into the forms.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { getActivity } from '../../db/queries/activities.ts';
import { attendanceRows } from '../../db/queries/attendance.ts';
import { listIncidents } from '../../db/queries/incidents.ts';
import { rooms, sessions, sessionTransitions, venues } from '../../db/schema.ts';
import { isTimeZone } from '../domain/activity-rules.ts';
import { incidentCategoriesId } from '../../protocol/messages/incident-categories.ts';
import type { VenueTimeZone } from '../../protocol/activity.ts';
import { timeAt, type Place } from './content/common.ts';
import type { RosterRow, SessionHeader } from './content/lists.ts';

/**
 * The city written before the date under a berita acara ("Makassar, 23 November 2026"): the last
 * part of the venue's address, else the last word of its name ("… BKN Yogyakarta").
 */
export function cityOf(venueName: string, address: string | null): string {
  const fromAddress = address?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  return fromAddress && !/\d/.test(fromAddress) ? fromAddress : (venueName.trim().split(/\s+/).at(-1) ?? venueName);
}

export function placeOfVenue(db: Db, venueId: number): Place & { venueId: number; venueCode: string } {
  const v = db.select().from(venues).where(eq(venues.id, venueId)).get();
  if (!v) throw new Error(`venue ${venueId} not found`);
  const zone: VenueTimeZone = isTimeZone(v.timeZone) ? v.timeZone : 'Asia/Jakarta';
  return { venueId: v.id, venueCode: v.code, venueName: v.name, address: v.address, city: cityOf(v.name, v.address), zone };
}

export type SessionRecord = {
  id: number; code: string; name: string; state: string; roomId: number; roomName: string; venueId: number; activityId: number | null;
  scheduledAt: number; startedAt: number | null; finishedAt: number | null; durationMin: number;
};

export function sessionRecord(db: Db, sessionId: number): SessionRecord {
  const r = db.select({ s: sessions, roomName: rooms.name, venueId: rooms.venueId }).from(sessions).innerJoin(rooms, eq(rooms.id, sessions.roomId))
    .where(eq(sessions.id, sessionId)).get();
  if (!r) throw new Error(`session ${sessionId} not found`);
  // the first start of the test, even after a postponement and a resume
  const firstStart = db.select({ at: sessionTransitions.at, to: sessionTransitions.toState }).from(sessionTransitions)
    .where(eq(sessionTransitions.sessionId, sessionId)).orderBy(asc(sessionTransitions.at), asc(sessionTransitions.id)).all()
    .find((t) => t.to === 'running')?.at ?? null;
  return {
    id: r.s.id, code: r.s.code, name: r.s.name, state: r.s.state, roomId: r.s.roomId, roomName: r.roomName, venueId: r.venueId, activityId: r.s.activityId,
    scheduledAt: r.s.scheduledAt, startedAt: r.s.startedAt ?? firstStart, finishedAt: r.s.finishedAt, durationMin: r.s.durationMin
  };
}

/**
 * The user agency a session is for: its activity's (Pasal 8); without an activity, every agency its
 * roster comes from, in order ("A, B"); "Instansi Pengguna" for an empty roster.
 */
export function agencyOf(db: Db, s: SessionRecord, roster: readonly { instansi: string | null }[]): string {
  if (s.activityId !== null) {
    const a = getActivity(db, s.activityId);
    if (a) return a.agency;
  }
  const list = [...new Set(roster.map((r) => r.instansi).filter((x): x is string => !!x))].sort((a, b) => a.localeCompare(b));
  return list.length ? list.join(', ') : 'Instansi Pengguna';
}

export function sessionHeader(s: SessionRecord, agency: string): SessionHeader {
  return { agency, sessionName: s.name, sessionCode: s.code, roomName: s.roomName, scheduledAt: s.scheduledAt, startedAt: s.startedAt, finishedAt: s.finishedAt };
}

/** The roster as the attendance list prints it, in name order. */
export function rosterRows(db: Db, sessionId: number): (RosterRow & { participantId: number })[] {
  return attendanceRows(db, sessionId).map((r) => ({
    participantId: r.participantId, name: r.name, nip: r.nip, instansi: r.instansi, jabatan: r.jabatan, nomorPeserta: r.nomorPeserta,
    stationCode: r.stationCode, attendance: r.status, arrivedAt: r.arrivedAt, late: r.late
  }));
}

/**
 * The incidents as "terjadi kejadian berupa" lists them: time on the venue's clock, the category's
 * name, who or which PC, what happened and what was done — one line each, in the order they occurred.
 */
export function incidentLines(db: Db, sessionId: number, zone: VenueTimeZone): string[] {
  return listIncidents(db, sessionId).slice().sort((a, b) => a.occurredAt - b.occurredAt || a.id - b.id).map((i) => {
    const who = [i.participantName, i.stationCode ? `PC ${i.stationCode}` : null].filter(Boolean).join(', ');
    const action = i.actionTaken.trim() ? ` Tindakan: ${i.actionTaken.trim()}` : '';
    return `${timeAt(i.occurredAt, zone)} — ${incidentCategoriesId[i.category]}${who ? ` (${who})` : ''}: ${i.description.trim()}${action}`;
  });
}
