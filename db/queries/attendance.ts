/**
 * The roster of a session with the registration desk's record of each participant (Pasal 14(2)),
 * seat assignments and moves, and the participant import.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AttendanceRow, AttendanceStatus, ImportRow } from '../../protocol/index.ts';
import type { Db } from '../client.ts';
import { attendance, participants, seatMoves, stations, users } from '../schema.ts';

/** The roster with attendance; `instansi` limits it to one agency (operator_instansi). */
export function attendanceRows(db: Db, sessionId: number, instansi?: string | null, participantId?: number): AttendanceRow[] {
  const rows = db
    .select({
      participantId: participants.id, nip: participants.nip, name: participants.name, jabatan: participants.jabatan,
      jenjang: participants.jenjang, unitKerja: participants.unitKerja, instansi: participants.instansi,
      nomorPeserta: participants.nomorPeserta, stationId: participants.stationId, stationCode: stations.code,
      status: attendance.status, arrivedAt: attendance.arrivedAt, idCard: attendance.idCard, participantCard: attendance.participantCard,
      faceMatch: attendance.faceMatch, late: attendance.late, note: attendance.note, recordedBy: users.name
    })
    .from(participants)
    .leftJoin(stations, eq(stations.id, participants.stationId))
    .leftJoin(attendance, eq(attendance.participantId, participants.id))
    .leftJoin(users, eq(users.id, attendance.recordedBy))
    .where(and(
      eq(participants.sessionId, sessionId),
      instansi === undefined ? undefined : instansi === null ? sql`0` : eq(participants.instansi, instansi),
      participantId === undefined ? undefined : eq(participants.id, participantId)
    ))
    .orderBy(asc(participants.name))
    .all();
  const moves = movesOf(db, sessionId, rows.map((r) => r.participantId));
  return rows.map((r) => ({
    ...r,
    status: (r.status as AttendanceStatus | null) ?? 'expected',
    idCard: !!r.idCard, participantCard: !!r.participantCard, faceMatch: !!r.faceMatch, late: !!r.late,
    moves: moves.get(r.participantId) ?? [],
    // where they are logged in comes from the live room (server/session/registration.service.ts)
    loginStationId: null, loginStationCode: null, integrity: []
  }));
}

function movesOf(db: Db, sessionId: number, ids: number[]) {
  const out = new Map<number, AttendanceRow['moves']>();
  if (!ids.length) return out;
  const code = (id: number | null) => (id === null ? null : db.select({ code: stations.code }).from(stations).where(eq(stations.id, id)).get()?.code ?? null);
  const rows = db.select({ participantId: seatMoves.participantId, at: seatMoves.at, from: seatMoves.fromStationId, to: seatMoves.toStationId, reason: seatMoves.reason, by: users.name })
    .from(seatMoves).leftJoin(users, eq(users.id, seatMoves.by))
    .where(and(eq(seatMoves.sessionId, sessionId), ids.length <= 500 ? inArray(seatMoves.participantId, ids) : undefined))
    .orderBy(asc(seatMoves.at)).all();
  for (const r of rows) {
    const list = out.get(r.participantId) ?? [];
    list.push({ at: r.at, from: code(r.from), to: code(r.to) ?? '?', reason: r.reason, by: r.by ?? 'system' });
    out.set(r.participantId, list);
  }
  return out;
}

export function participantOf(db: Db, sessionId: number, participantId: number) {
  return db.select().from(participants).where(and(eq(participants.sessionId, sessionId), eq(participants.id, participantId))).get();
}

export function upsertAttendance(db: Db, row: typeof attendance.$inferInsert) {
  db.insert(attendance).values(row).onConflictDoUpdate({ target: attendance.participantId, set: row }).run();
}

/** The roster's participants with no desk record yet (neither present nor absent). */
export function unrecordedParticipants(db: Db, sessionId: number): number[] {
  return db.select({ id: participants.id }).from(participants)
    .leftJoin(attendance, eq(attendance.participantId, participants.id))
    .where(and(eq(participants.sessionId, sessionId), sql`${attendance.participantId} is null`)).all().map((r) => r.id);
}

/** Record these participants absent (at the start of the test: those the desk never saw). */
export function markAbsentAtStart(db: Db, sessionId: number, ids: readonly number[], at: number, by: number | null): number[] {
  for (const id of ids) upsertAttendance(db, { participantId: id, sessionId, status: 'absent', recordedAt: at, recordedBy: by, note: 'tidak hadir saat tes dimulai' });
  return [...ids];
}

export function attendanceCounts(db: Db, sessionId: number) {
  const r = db.select({
    total: sql<number>`count(*)`,
    present: sql<number>`sum(case when ${attendance.status} = 'present' then 1 else 0 end)`,
    absent: sql<number>`sum(case when ${attendance.status} = 'absent' then 1 else 0 end)`,
    late: sql<number>`sum(case when ${attendance.status} = 'present' and ${attendance.late} then 1 else 0 end)`
  }).from(participants).leftJoin(attendance, eq(attendance.participantId, participants.id)).where(eq(participants.sessionId, sessionId)).get();
  const total = r?.total ?? 0, present = r?.present ?? 0, absent = r?.absent ?? 0;
  return { total, present, absent, expected: total - present - absent, late: r?.late ?? 0 };
}

/** Who sits at a station in this session now (if anyone). */
export function participantAtStation(db: Db, sessionId: number, stationId: number) {
  return db.select().from(participants).where(and(eq(participants.sessionId, sessionId), eq(participants.stationId, stationId))).get();
}

export function seatParticipant(db: Db, m: { sessionId: number; participantId: number; from: number | null; to: number; reason: string; at: number; by: number | null }) {
  db.update(participants).set({ stationId: m.to }).where(eq(participants.id, m.participantId)).run();
  db.insert(seatMoves).values({ sessionId: m.sessionId, participantId: m.participantId, fromStationId: m.from, toStationId: m.to, reason: m.reason, at: m.at, by: m.by }).run();
}

export function sessionMoves(db: Db, sessionId: number) {
  return db.select().from(seatMoves).where(eq(seatMoves.sessionId, sessionId)).orderBy(asc(seatMoves.at), asc(seatMoves.id)).all();
}

export function sessionAttendance(db: Db, sessionId: number) {
  return db.select({ participantId: attendance.participantId, status: attendance.status, late: attendance.late }).from(attendance).where(eq(attendance.sessionId, sessionId)).all();
}

/**
 * Import validated rows: new NIPs are added, known ones updated (but not their seat or desk
 * record). Returns how many were added and how many replaced.
 */
export function importParticipants(db: Db, sessionId: number, rows: ImportRow[], at: number) {
  let imported = 0, replaced = 0;
  const known = new Map(db.select({ id: participants.id, nip: participants.nip }).from(participants).where(eq(participants.sessionId, sessionId)).all().map((r) => [r.nip, r.id]));
  for (const r of rows) {
    const values = { name: r.nama, jabatan: r.jabatan, jenjang: r.jenjang, unitKerja: r.unitKerja, instansi: r.instansi, nomorPeserta: r.nomorPeserta, importedAt: at };
    const id = known.get(r.nip);
    if (id !== undefined) {
      db.update(participants).set(values).where(eq(participants.id, id)).run();
      replaced++;
    } else {
      db.insert(participants).values({ sessionId, nip: r.nip, ...values }).run();
      imported++;
    }
  }
  return { imported, replaced };
}

/** Nomor peserta already used in the session by another NIP (the file alone cannot see these). */
export function nomorConflicts(db: Db, sessionId: number, rows: ImportRow[]) {
  const byNomor = new Map(db.select({ nip: participants.nip, nomor: participants.nomorPeserta }).from(participants).where(eq(participants.sessionId, sessionId)).all().map((r) => [r.nomor, r.nip]));
  return rows.filter((r) => byNomor.has(r.nomorPeserta) && byNomor.get(r.nomorPeserta) !== r.nip);
}

/** NIP → agency of the session's participants (an agency operator's import may not take over another's). */
export function agencyOfNips(db: Db, sessionId: number): Map<string, string | null> {
  return new Map(db.select({ nip: participants.nip, instansi: participants.instansi }).from(participants).where(eq(participants.sessionId, sessionId)).all().map((r) => [r.nip, r.instansi]));
}
