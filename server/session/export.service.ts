/**
 * A session's records as spreadsheets (CSV or XLSX, server/export/table-file.ts): the attendance
 * list, who completed the whole series and why the others did not, the incidents. Times on the
 * venue's clock with its zone's name. An agency's operator gets its own agency's people only
 * (Pasal 3); the file holds names and NIPs, so taking it is recorded like reading the list.
 */
import { attendanceRows } from '../../db/queries/attendance.ts';
import { listIncidents } from '../../db/queries/incidents.ts';
import { TIME_ZONE_INFO } from '../../protocol/activity.ts';
import { NON_COMPLETION_WORDS } from '../../protocol/completion.ts';
import { clockIn } from '../../protocol/format/time.ts';
import { incidentCategoriesId } from '../../protocol/messages/incident-categories.ts';
import type { SessionExportKind } from '../../protocol/index.ts';
import { placeOfVenue } from '../documents/session-facts.ts';
import { tableFile, TABLE_CONTENT_TYPES, type Cell, type TableFormat, type TableSpec } from '../export/table-file.ts';
import { completionList } from './completion.service.ts';
import { audit, type Act, type SessionDeps, type SessionRef } from './context.ts';

const ATTENDANCE_WORDS = { present: 'Hadir', absent: 'Tidak hadir', expected: 'Belum tercatat' } as const;

function spec(deps: SessionDeps, ref: SessionRef, what: SessionExportKind, agency: string | null | undefined): TableSpec {
  const { db } = deps;
  const zone = placeOfVenue(db, ref.venueId).zone;
  const abbr = TIME_ZONE_INFO[zone].abbr;
  const at = (ms: number | null): Cell => (ms === null ? null : `${clockIn('id', ms, { zone })} ${abbr}`);
  const code = ref.session.code;
  const mine = (instansi: string | null) => agency === undefined || (agency !== null && instansi === agency);
  switch (what) {
    case 'attendance': {
      const rows = attendanceRows(db, ref.session.id, agency);
      return {
        sheet: `Daftar hadir ${code}`,
        columns: [{ header: 'No.', width: 6 }, { header: 'Nama', width: 32 }, { header: 'NIP', width: 20 }, { header: 'Jabatan', width: 24 }, { header: 'Unit kerja', width: 24 },
          { header: 'Instansi', width: 28 }, { header: 'Nomor peserta', width: 14 }, { header: 'PC', width: 10 }, { header: 'Kehadiran', width: 14 }, { header: `Waktu hadir (${abbr})`, width: 16 }, { header: 'Terlambat', width: 10 }],
        rows: rows.map((r, i) => [i + 1, r.name, r.nip, r.jabatan, r.unitKerja, r.instansi, r.nomorPeserta, r.stationCode, ATTENDANCE_WORDS[r.status], at(r.arrivedAt), r.late ? 'ya' : 'tidak'])
      };
    }
    case 'completion': {
      const roster = new Map(attendanceRows(db, ref.session.id, agency).map((r) => [r.participantId, r]));
      const list = completionList(deps, ref).participants.filter((p) => roster.has(p.participantId) && mine(roster.get(p.participantId)!.instansi));
      return {
        sheet: `Rangkaian ${code}`,
        columns: [{ header: 'No.', width: 6 }, { header: 'Nama', width: 32 }, { header: 'NIP', width: 20 }, { header: 'Instansi', width: 28 }, { header: 'Nomor peserta', width: 14 },
          { header: 'Mengikuti seluruh rangkaian', width: 14 }, { header: 'Kemajuan (%)', width: 12 }, { header: 'Alasan tidak selesai', width: 30 }, { header: 'Catatan', width: 30 }],
        rows: list.map((p, i) => [i + 1, p.name, p.nip, roster.get(p.participantId)!.instansi, p.nomorPeserta, p.completed ? 'ya' : 'tidak', p.progress.overallPercent,
          p.recorded ? NON_COMPLETION_WORDS[p.recorded.reason].id : null, p.recorded?.note ?? null])
      };
    }
    case 'incidents': {
      const list = listIncidents(db, ref.session.id).filter((x) => agency === undefined || x.participantId === null || mine(roster(deps, ref).get(x.participantId) ?? null));
      return {
        sheet: `Kejadian ${code}`,
        columns: [{ header: 'No.', width: 6 }, { header: `Waktu (${abbr})`, width: 12 }, { header: 'Kategori', width: 28 }, { header: 'Peserta', width: 28 }, { header: 'PC', width: 10 },
          { header: 'Uraian', width: 48 }, { header: 'Tindakan', width: 40 }, { header: 'Pencatat', width: 24 }],
        rows: list.map((x, i) => [i + 1, at(x.occurredAt), incidentCategoriesId[x.category], x.participantName, x.stationCode, x.description, x.actionTaken, x.reporter])
      };
    }
  }
}

const roster = (deps: SessionDeps, ref: SessionRef) => new Map(attendanceRows(deps.db, ref.session.id).map((r) => [r.participantId, r.instansi]));

export async function sessionExport(deps: SessionDeps, act: Act, ref: SessionRef, what: SessionExportKind, format: TableFormat, agency: string | null | undefined) {
  const s = spec(deps, ref, what, agency);
  const body = await tableFile(s, format);
  // names and NIPs leave the system in this file: who took which list is on record (Pasal 3)
  audit(deps.db, act, { action: 'session.exported', venueId: ref.venueId, targetType: 'session', targetId: ref.session.id, after: { exportKind: what, kind: format, rows: s.rows.length, agency: agency ?? null } });
  return { body, contentType: TABLE_CONTENT_TYPES[format], fileName: `${what === 'attendance' ? 'daftar-hadir' : what === 'completion' ? 'rangkaian' : 'kejadian'}-${ref.session.code}.${format}` };
}
