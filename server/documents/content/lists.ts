/**
 * The lists a finalised session leaves (Perban BKN 4/2024 Pasal 1 angka 8, 14(1)l, 14(4); SE BKN
 * 6/2026 §5.g.2): the Daftar Hadir Asesi — the roster with what the desk recorded and a column for
 * each asesi's signature — and the list of asesi who followed the whole series (every instrument
 * and the questionnaire), with those who did not listed apart, each with the coded reason the
 * proctor gave; only the first list counts in the recap.
 */
import { DOCUMENT_TITLES } from '../../../protocol/documents.ts';
import { formatNip } from '../../../protocol/nip.ts';
import type { DocumentModel } from '../model.ts';
import { dateTimeAt, orDash, timeAt, twoParties, type Person, type Place } from './common.ts';

export type SessionHeader = { agency: string; sessionName: string; sessionCode: string; roomName: string; scheduledAt: number; startedAt: number | null; finishedAt: number | null };

export type RosterRow = {
  name: string;
  nip: string;
  instansi: string | null;
  jabatan: string | null;
  nomorPeserta: string | null;
  stationCode: string | null;
  /** 'present' | 'absent' | 'expected' as the desk left it */
  attendance: 'present' | 'absent' | 'expected';
  arrivedAt: number | null;
  late: boolean;
};

const ATTENDANCE_WORDS = { present: 'Hadir', absent: 'Tidak hadir', expected: 'Tidak tercatat' } as const;

function headerFields(h: SessionHeader, place: Place): DocumentModel['blocks'][number] {
  const z = place.zone;
  return {
    kind: 'fields',
    rows: [
      ['Instansi Pengguna', h.agency],
      ['Tempat', `${place.venueName} — ${h.roomName}`],
      ['Sesi', `${h.sessionName} (${h.sessionCode})`],
      ['Jadwal', dateTimeAt(h.scheduledAt, z)],
      ['Pelaksanaan', h.startedAt !== null ? `${timeAt(h.startedAt, z)}${h.finishedAt !== null ? ` s.d. ${timeAt(h.finishedAt, z)}` : ''}` : '—']
    ]
  };
}

export type DaftarHadirFacts = { number: string; issuedAt: number; place: Place; header: SessionHeader; rows: RosterRow[]; signers: { bkn: Person; instansi: Person } };

export function daftarHadir(f: DaftarHadirFacts): DocumentModel {
  const z = f.place.zone;
  const present = f.rows.filter((r) => r.attendance === 'present').length;
  return {
    kind: 'daftar_hadir',
    number: f.number,
    title: DOCUMENT_TITLES.daftar_hadir,
    issuedAt: f.issuedAt,
    zone: z,
    orientation: 'landscape',
    blocks: [
      { kind: 'heading', lines: [DOCUMENT_TITLES.daftar_hadir, 'PENILAIAN KOMPETENSI DAN PENILAIAN POTENSI DENGAN CACT BKN'], numbered: true },
      headerFields(f.header, f.place),
      {
        kind: 'table',
        columns: [
          { header: 'No.', width: 24, align: 'center' }, { header: 'Nama', width: '*' }, { header: 'NIP', width: 'auto' },
          { header: 'Jabatan / Instansi', width: '*' }, { header: 'Nomor Peserta', width: 'auto' }, { header: 'PC', width: 'auto' },
          { header: 'Kehadiran', width: 'auto' }, { header: 'Tanda Tangan', width: 90 }
        ],
        rows: f.rows.map((r, i) => [
          String(i + 1), r.name, formatNip(r.nip), [r.jabatan, r.instansi].filter(Boolean).join(' / ') || '—', orDash(r.nomorPeserta), orDash(r.stationCode),
          r.attendance === 'present' && r.arrivedAt !== null ? `${ATTENDANCE_WORDS.present} ${timeAt(r.arrivedAt, z)}${r.late ? ' (terlambat)' : ''}` : ATTENDANCE_WORDS[r.attendance],
          ''
        ]),
        footer: ['', `Hadir ${present} dari ${f.rows.length} asesi`, '', '', '', '', '', '']
      },
      twoParties(f.place, f.issuedAt, f.signers.bkn, f.signers.instansi, { bkn: 'Pengawas / Tim Penyelenggara CACT BKN,', instansi: 'Instansi Pengguna,' })
    ]
  };
}

export type CompletionRow = { name: string; nip: string; instansi: string | null; nomorPeserta: string | null; stationCode: string | null; finishedAt: number | null };
export type NonCompletionRow = CompletionRow & { reason: string };

export type DaftarSelesaiFacts = {
  number: string;
  issuedAt: number;
  place: Place;
  header: SessionHeader;
  completed: CompletionRow[];
  notCompleted: NonCompletionRow[];
  signers: { bkn: Person; instansi: Person };
};

export function daftarSelesai(f: DaftarSelesaiFacts): DocumentModel {
  const z = f.place.zone;
  const cols = [
    { header: 'No.', width: 24, align: 'center' as const }, { header: 'Nama', width: '*' as const }, { header: 'NIP', width: 'auto' as const },
    { header: 'Instansi', width: '*' as const }, { header: 'Nomor Peserta', width: 'auto' as const }
  ];
  return {
    kind: 'daftar_selesai',
    number: f.number,
    title: DOCUMENT_TITLES.daftar_selesai,
    issuedAt: f.issuedAt,
    zone: z,
    orientation: 'portrait',
    blocks: [
      { kind: 'heading', lines: ['DAFTAR ASESI YANG MENGIKUTI SELURUH RANGKAIAN', 'PENILAIAN KOMPETENSI DAN PENILAIAN POTENSI'], numbered: true },
      headerFields(f.header, f.place),
      { kind: 'paragraph', text: [{ text: `A. Asesi yang mengikuti seluruh rangkaian (${f.completed.length} orang)`, bold: true }] },
      f.completed.length
        ? {
            kind: 'table',
            columns: [...cols, { header: 'PC', width: 'auto' as const }],
            rows: f.completed.map((r, i) => [String(i + 1), r.name, formatNip(r.nip), orDash(r.instansi), orDash(r.nomorPeserta), orDash(r.stationCode)])
          }
        : { kind: 'paragraph', text: ['Tidak ada.'] },
      { kind: 'paragraph', text: [{ text: `B. Asesi yang tidak mengikuti seluruh rangkaian (${f.notCompleted.length} orang)`, bold: true }, ' — tidak termasuk dalam rekapitulasi hasil (SE BKN 6/2026 angka 5 huruf g.2)'] },
      f.notCompleted.length
        ? {
            kind: 'table',
            columns: [...cols, { header: 'Keterangan', width: '*' as const }],
            rows: f.notCompleted.map((r, i) => [String(i + 1), r.name, formatNip(r.nip), orDash(r.instansi), orDash(r.nomorPeserta), r.reason])
          }
        : { kind: 'paragraph', text: ['Tidak ada.'] },
      { kind: 'spacer' },
      twoParties(f.place, f.issuedAt, f.signers.bkn, f.signers.instansi, { bkn: 'Pengawas / Tim Penyelenggara CACT BKN,', instansi: 'Instansi Pengguna,' })
    ]
  };
}
