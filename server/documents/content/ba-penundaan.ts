/**
 * Berita Acara Penundaan Penyelenggaraan Penilaian Kompetensi dan Penilaian Potensi (Perban BKN
 * 4/2024 Lampiran III; Pasal 12(2)e–f): made FIRST, before the postponement takes effect. The
 * form's order: the day in words and the place, what is postponed and why, with whom it was
 * coordinated (the agency's PPK or appointed official, and the head of Puspenkom ASN / the Kantor
 * Regional / the UPT), the activities after which it continues, "Demikian …", "Mengetahui" and
 * both parties' signatures.
 */
import { DOCUMENT_TITLES } from '../../../protocol/documents.ts';
import { onThisDay } from '../../../protocol/format/terbilang.ts';
import { BKN_OFFICES, POSTPONE_CATEGORY_WORDS, type BknOffice, type PostponeCategory } from '../../../protocol/postponement.ts';
import type { DocumentModel } from '../model.ts';
import { placeText, timeAt, twoParties, venueDate, type Person, type Place } from './common.ts';

export type PenundaanFacts = {
  number: string;
  issuedAt: number;
  place: Place;
  agency: string;
  /** the sessions postponed, in order: one, or every remaining one of the activity at the venue */
  sessions: { code: string; name: string; roomName: string; scheduledAt: number }[];
  category: PostponeCategory;
  reason: string;
  coordination: { agencyOfficial: { name: string; jabatan: string }; bknOfficial: { name: string; jabatan: string; office: BknOffice } };
  followUps: string[];
  signers: { bkn: Person; instansi: Person };
};

export function baPenundaan(f: PenundaanFacts): DocumentModel {
  const z = f.place.zone;
  const what = f.sessions.length === 1
    ? `sesi ${f.sessions[0].name} (${f.sessions[0].code}) di ${f.sessions[0].roomName} yang dijadwalkan pukul ${timeAt(f.sessions[0].scheduledAt, z)}`
    : `${f.sessions.length} sesi berikut`;
  return {
    kind: 'ba_penundaan',
    number: f.number,
    title: DOCUMENT_TITLES.ba_penundaan,
    issuedAt: f.issuedAt,
    zone: z,
    orientation: 'portrait',
    blocks: [
      { kind: 'heading', lines: ['BERITA ACARA PENUNDAAN PENYELENGGARAAN', 'PENILAIAN KOMPETENSI DAN PENILAIAN POTENSI'], numbered: true },
      { kind: 'spacer' },
      {
        kind: 'paragraph', align: 'justify',
        text: [
          `${onThisDay(venueDate(f.issuedAt, z))}, pukul ${timeAt(f.issuedAt, z)}, bertempat di ${placeText(f.place)}, Penyelenggaraan Penilaian Kompetensi dan Penilaian Potensi `,
          { text: f.agency, bold: true },
          ` untuk ${what} ditunda dikarenakan ${f.reason.trim()} (${POSTPONE_CATEGORY_WORDS[f.category]}).`
        ]
      },
      ...(f.sessions.length > 1
        ? [{
            kind: 'table' as const,
            columns: [{ header: 'No.', width: 28, align: 'center' as const }, { header: 'Sesi', width: '*' as const }, { header: 'Ruang', width: 'auto' as const }, { header: 'Jadwal', width: 'auto' as const }],
            rows: f.sessions.map((s, i) => [String(i + 1), `${s.name} (${s.code})`, s.roomName, `${venueDate(s.scheduledAt, z).split('-').reverse().join('-')} ${timeAt(s.scheduledAt, z)}`])
          }]
        : []),
      {
        kind: 'paragraph', align: 'justify',
        text: [
          `Penundaan ini telah dikoordinasikan dengan ${f.coordination.agencyOfficial.name} (${f.coordination.agencyOfficial.jabatan}) selaku PPK atau pejabat lain yang ditunjuk pada Instansi Pengguna dan ${f.coordination.bknOfficial.name} (${f.coordination.bknOfficial.jabatan}) selaku ${BKN_OFFICES[f.coordination.bknOfficial.office]}.`
        ]
      },
      { kind: 'paragraph', text: ['Penyelenggaraan Penilaian Kompetensi dan Penilaian Potensi dilanjutkan setelah dilakukan kegiatan-kegiatan sebagai berikut:'] },
      { kind: 'list', ordered: true, items: f.followUps.map((x) => [x.trim()]) },
      { kind: 'paragraph', text: ['Demikian Berita Acara ini dibuat dengan sebenarnya.'] },
      { kind: 'spacer' },
      { kind: 'paragraph', align: 'center', text: ['Mengetahui'] },
      twoParties(f.place, f.issuedAt, f.signers.bkn, f.signers.instansi, { bkn: 'Tim Penyelenggara CACT BKN', instansi: 'Instansi Pengguna' })
    ]
  };
}
