/**
 * Berita Acara Penyelenggaraan Penilaian Kompetensi dan Penilaian Potensi (Perban BKN 4/2024
 * Lampiran I.C.1; Pasal 14(1)m): on the day, at the place, for the agency, with the CACT method;
 * the table per session (No., Sesi, Jumlah Asesi: Keseluruhan / Hadir / Tidak Hadir, Keterangan);
 * the incidents that occurred ("terjadi kejadian berupa: 1. …"); "Demikian …"; both signers.
 */
import { DOCUMENT_TITLES } from '../../../protocol/documents.ts';
import { onThisDay } from '../../../protocol/format/terbilang.ts';
import type { DocumentModel } from '../model.ts';
import { CLOSING, placeText, timeAt, twoParties, venueDate, type Person, type Place } from './common.ts';

export type PenyelenggaraanFacts = {
  number: string;
  issuedAt: number;
  place: Place;
  agency: string;
  /** the day the sessions took place (YYYY-MM-DD on the venue's clock) */
  date: string;
  sessions: { name: string; code: string; startedAt: number | null; finishedAt: number | null; total: number; present: number; absent: number; note: string }[];
  /** what happened, one line each, in order: "09.14 WIB — PC R1-A03 terputus; peserta dipindah ke R1-C1" */
  incidents: string[];
  signers: { bkn: Person; instansi: Person };
};

export const CACT_METHOD = 'Computer Assisted Competency Test (CACT) BKN';

export function baPenyelenggaraan(f: PenyelenggaraanFacts): DocumentModel {
  const z = f.place.zone;
  const sum = (k: 'total' | 'present' | 'absent') => f.sessions.reduce((n, s) => n + s[k], 0);
  const when = (s: PenyelenggaraanFacts['sessions'][number]) =>
    s.startedAt !== null ? `${timeAt(s.startedAt, z)}${s.finishedAt !== null ? ` s.d. ${timeAt(s.finishedAt, z)}` : ''}` : '';
  return {
    kind: 'ba_penyelenggaraan',
    number: f.number,
    title: DOCUMENT_TITLES.ba_penyelenggaraan,
    issuedAt: f.issuedAt,
    zone: z,
    orientation: 'portrait',
    blocks: [
      { kind: 'heading', lines: ['BERITA ACARA PENYELENGGARAAN', 'PENILAIAN KOMPETENSI DAN PENILAIAN POTENSI'], numbered: true },
      { kind: 'spacer' },
      {
        kind: 'paragraph', align: 'justify',
        text: [
          `${onThisDay(f.date)} bertempat di ${placeText(f.place)} telah dilaksanakan Penilaian Kompetensi dan Penilaian Potensi `,
          { text: f.agency, bold: true },
          ` dengan Metode ${CACT_METHOD}.`
        ]
      },
      { kind: 'paragraph', text: ['Pelaksanaan Penilaian Kompetensi dan Penilaian Potensi dilakukan dengan rincian sebagai berikut:'] },
      {
        kind: 'table',
        columns: [
          { header: 'No.', width: 26, align: 'center' }, { header: 'Sesi', width: '*' },
          { header: 'Jumlah Asesi Keseluruhan', width: 62, align: 'center' }, { header: 'Hadir', width: 44, align: 'center' },
          { header: 'Tidak Hadir', width: 44, align: 'center' }, { header: 'Keterangan', width: '*' }
        ],
        rows: f.sessions.map((s, i) => [
          String(i + 1), [`${s.name} (${s.code})`, when(s)].filter(Boolean).join('\n'), String(s.total), String(s.present), String(s.absent), s.note
        ]),
        footer: ['', 'Jumlah', String(sum('total')), String(sum('present')), String(sum('absent')), '']
      },
      f.incidents.length
        ? { kind: 'paragraph', text: ['Selama pelaksanaan Penilaian Kompetensi dan Penilaian Potensi terjadi kejadian berupa:'] }
        : { kind: 'paragraph', text: ['Selama pelaksanaan Penilaian Kompetensi dan Penilaian Potensi tidak terjadi kejadian yang perlu dicatat.'] },
      ...(f.incidents.length ? [{ kind: 'list' as const, ordered: true, items: f.incidents.map((x) => [x]) }] : []),
      { kind: 'paragraph', text: [CLOSING] },
      { kind: 'spacer' },
      twoParties(f.place, f.issuedAt, f.signers.bkn, f.signers.instansi)
    ]
  };
}
