/**
 * Berita Acara Serah Terima Laporan Penyelenggaraan Penilaian Kompetensi dan Penilaian Potensi
 * (Perban BKN 4/2024 Lampiran I.C.2; Pasal 14(3)–(4)): when the activity's last session is
 * finalised, PIHAK KESATU (Tim Penyelenggara CACT BKN) hands PIHAK KEDUA (the Instansi Pengguna,
 * its PPK or appointed official, who signs and stamps the paper) the report: the number of
 * sessions, the asesi present / absent / in all, and the berita acara of the activity.
 */
import { DOCUMENT_TITLES } from '../../../protocol/documents.ts';
import { onThisDay } from '../../../protocol/format/terbilang.ts';
import { formatNip } from '../../../protocol/nip.ts';
import type { DocumentModel } from '../model.ts';
import { CLOSING, placeText, twoParties, venueDate, type Person, type Place } from './common.ts';

export type SerahTerimaFacts = {
  number: string;
  issuedAt: number;
  place: Place;
  agency: string;
  pihakKesatu: Person & { jabatan: string };
  pihakKedua: Person & { jabatan: string };
  sessions: number;
  present: number;
  absent: number;
  /** berita acara handed over with the report (the activity's penyelenggaraan and penundaan) */
  beritaAcara: number;
};

const nipText = (nip: string | null) => (nip ? formatNip(nip) : '-');

export function baSerahTerima(f: SerahTerimaFacts): DocumentModel {
  const z = f.place.zone;
  return {
    kind: 'ba_serah_terima',
    number: f.number,
    title: DOCUMENT_TITLES.ba_serah_terima,
    issuedAt: f.issuedAt,
    zone: z,
    orientation: 'portrait',
    blocks: [
      { kind: 'heading', lines: ['BERITA ACARA SERAH TERIMA LAPORAN PENYELENGGARAAN', 'PENILAIAN KOMPETENSI DAN PENILAIAN POTENSI'], numbered: true },
      { kind: 'spacer' },
      {
        kind: 'paragraph', align: 'justify',
        text: [
          `${onThisDay(venueDate(f.issuedAt, z))} bertempat di ${placeText(f.place)} telah berlangsung serah terima Laporan Pelaksanaan Penilaian Kompetensi dan Penilaian Potensi untuk `,
          { text: f.agency, bold: true },
          ', antara:'
        ]
      },
      { kind: 'fields', rows: [['Nama', f.pihakKesatu.name], ['NIP', nipText(f.pihakKesatu.nip)], ['Jabatan', f.pihakKesatu.jabatan]] },
      { kind: 'paragraph', text: ['Selanjutnya disebut ', { text: 'PIHAK KESATU', bold: true }, ' (Tim Penyelenggara CACT BKN)'] },
      { kind: 'paragraph', text: ['dengan:'] },
      { kind: 'fields', rows: [['Nama', f.pihakKedua.name], ['NIP', nipText(f.pihakKedua.nip)], ['Jabatan', f.pihakKedua.jabatan]] },
      { kind: 'paragraph', text: ['Selanjutnya disebut ', { text: 'PIHAK KEDUA', bold: true }, ' (Instansi Pengguna).'] },
      { kind: 'paragraph', text: [{ text: 'PIHAK KESATU', bold: true }, ' telah menyerahkan kepada ', { text: 'PIHAK KEDUA', bold: true }, ' berupa:'] },
      // the form numbers its two items by hand: the report's figures stand between them
      { kind: 'paragraph', text: ['1. Laporan Penyelenggaraan Penilaian Kompetensi dan Penilaian Potensi dengan rincian sebagai berikut:'] },
      {
        kind: 'fields',
        rows: [
          ['Jumlah sesi', `${f.sessions} Sesi`],
          ['Asesi', ''],
          ['A. Hadir', `${f.present} Orang`],
          ['B. Tidak hadir', `${f.absent} Orang`],
          ['Jumlah', `${f.present + f.absent} Orang`]
        ]
      },
      { kind: 'paragraph', text: [`2. Berita Acara terkait pelaksanaan kegiatan sejumlah ${f.beritaAcara} Berita Acara.`] },
      { kind: 'paragraph', text: [CLOSING] },
      twoParties(f.place, f.issuedAt, f.pihakKesatu, f.pihakKedua, { bkn: 'PIHAK KESATU,', instansi: 'PIHAK KEDUA,' })
    ]
  };
}
