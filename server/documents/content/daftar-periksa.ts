/**
 * Formulir Daftar Periksa Sarana, Prasarana, dan Jaringan dan Koneksi Internet (Perban BKN 4/2024
 * Lampiran I.B; Pasal 12(2)c–d): the rows A, B.1–B.5, C.1–C.5 in the form's wording with "Sesuai"
 * ✓ / ✗ and the keterangan, the Sarana / Jumlah table, the conclusion (layak / tidak layak) with the
 * recommendation, and the two who checked. Made when the checklist is completed, and again after a
 * resume (a new form, the earlier one stays).
 */
import { CHECKLIST_COUNTS, CHECKLIST_GROUPS, CHECKLIST_ITEMS, type ChecklistConclusion, type ChecklistCountKey, type ChecklistItemKey, type Kesesuaian } from '../../../protocol/session.ts';
import { DOCUMENT_TITLES } from '../../../protocol/documents.ts';
import type { DocumentModel } from '../model.ts';
import { dateTimeAt, orDash, twoParties, type Person, type Place } from './common.ts';

export type DaftarPeriksaFacts = {
  number: string;
  issuedAt: number;
  place: Place;
  agency: string;
  sessionName: string;
  sessionCode: string;
  roomName: string;
  items: Record<ChecklistItemKey, { value: Kesesuaian | null; keterangan: string }>;
  counts: Record<ChecklistCountKey, number | null>;
  conclusion: ChecklistConclusion;
  recommendation: string;
  completedAt: number;
  signers: { bkn: Person; instansi: Person };
};

// in words, not ✓/✗: the glyphs are not in every font a copy may be printed from, and a word cannot be misread
const MARK: Record<Kesesuaian, string> = { sesuai: 'Sesuai', tidak_sesuai: 'Tidak sesuai' };

export function daftarPeriksa(f: DaftarPeriksaFacts): DocumentModel {
  const z = f.place.zone;
  const rows: string[][] = [];
  for (const g of Object.keys(CHECKLIST_GROUPS) as (keyof typeof CHECKLIST_GROUPS)[]) {
    rows.push([g, CHECKLIST_GROUPS[g].toUpperCase(), '', '']);
    for (const item of CHECKLIST_ITEMS.filter((i) => i.group === g)) {
      const state = f.items[item.key];
      rows.push([item.key === g ? '' : item.key, item.text, state.value ? MARK[state.value] : '—', state.keterangan.trim()]);
    }
  }
  return {
    kind: 'daftar_periksa',
    number: f.number,
    title: DOCUMENT_TITLES.daftar_periksa,
    issuedAt: f.issuedAt,
    zone: z,
    orientation: 'portrait',
    blocks: [
      { kind: 'heading', lines: ['FORMULIR DAFTAR PERIKSA SARANA, PRASARANA, DAN JARINGAN DAN KONEKSI INTERNET', 'PADA TEMPAT KEGIATAN PENILAIAN KOMPETENSI DAN PENILAIAN POTENSI'], numbered: true },
      {
        kind: 'fields',
        rows: [['Instansi Pengguna', f.agency], ['Tempat', `${f.place.venueName} — ${f.roomName}`], ['Sesi', `${f.sessionName} (${f.sessionCode})`], ['Diperiksa', dateTimeAt(f.completedAt, z)]]
      },
      {
        kind: 'table',
        columns: [{ header: 'No.', width: 30, align: 'center' }, { header: 'Kegiatan', width: '*' }, { header: 'Kesesuaian *)', width: 70, align: 'center' }, { header: 'Keterangan', width: 120 }],
        rows
      },
      {
        kind: 'table',
        columns: [{ header: 'Sarana', width: '*' }, { header: 'Jumlah', width: 80, align: 'center' }],
        rows: CHECKLIST_COUNTS.map((c) => [c.text, orDash(f.counts[c.key])])
      },
      {
        kind: 'paragraph', align: 'justify',
        text: [
          'Berdasarkan hasil pengecekan di lokasi, Tim Penyelenggara CACT BKN memberikan rekomendasi bahwa tempat penyelenggaraan ',
          { text: f.conclusion === 'layak' ? 'LAYAK' : 'TIDAK LAYAK', bold: true },
          ' dilaksanakan.',
          ...(f.recommendation.trim() ? [` Rekomendasi: ${f.recommendation.trim()}`] : [])
        ]
      },
      { kind: 'paragraph', text: ['Yang bertanggung jawab atas pemeriksaan sarana prasarana tes,'] },
      twoParties(f.place, f.completedAt, f.signers.bkn, f.signers.instansi),
      { kind: 'paragraph', text: [{ text: '*) Diisi "Sesuai" apabila sesuai, "Tidak sesuai" apabila tidak sesuai.', italics: true }] }
    ]
  };
}
