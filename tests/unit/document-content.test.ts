/**
 * The documents' content as the forms have it (Perban BKN 4/2024 Lampiran I.B, I.C.1, I.C.2, III):
 * the opening in words, the order of the parts, the sums, the incidents numbered, the signers;
 * times on the venue's clock with its zone's name.
 */
import { describe, expect, it } from 'vitest';
import { blocksOf, type Block, type DocumentModel } from '../../server/documents/model.ts';
import { baPenundaan } from '../../server/documents/content/ba-penundaan.ts';
import { baPenyelenggaraan } from '../../server/documents/content/ba-penyelenggaraan.ts';
import { baSerahTerima } from '../../server/documents/content/ba-serah-terima.ts';
import { daftarHadir, daftarSelesai } from '../../server/documents/content/lists.ts';
import { daftarPeriksa } from '../../server/documents/content/daftar-periksa.ts';
import { CHECKLIST_COUNTS, CHECKLIST_KEYS } from '../../protocol/session.ts';
import type { Place } from '../../server/documents/content/common.ts';

const MKS: Place = { venueName: 'Kantor Regional IV BKN Makassar', address: 'Jl. Prof. Dr. Ir. Sutami No. 28, Makassar', city: 'Makassar', zone: 'Asia/Makassar' };
// Monday 23 November 2026, 10:00 WITA = 02:00 UTC
const AT = Date.UTC(2026, 10, 23, 2, 0);
const bkn = { name: 'Andi Pratama', nip: '198611152010071012' };
const instansi = { name: 'Siti Rahma', nip: null };

/** the model as plain text, block by block, the way a reader meets it */
function text(m: DocumentModel): string {
  const inline = (xs: (string | { text: string })[]) => xs.map((x) => (typeof x === 'string' ? x : x.text)).join('');
  const one = (b: Block): string => {
    switch (b.kind) {
      case 'heading': return b.lines.join('\n');
      case 'paragraph': return inline(b.text);
      case 'fields': return b.rows.map(([k, v]) => `${k} : ${v}`).join('\n');
      case 'list': return b.items.map((x, i) => `${b.ordered ? `${i + 1}. ` : '- '}${inline(x)}`).join('\n');
      case 'table': return [b.columns.map((c) => c.header).join(' | '), ...b.rows.map((r) => r.join(' | ')), ...(b.footer ? [b.footer.join(' | ')] : [])].join('\n');
      case 'signatures': return b.blocks.map((s) => [...s.caption, s.name, `NIP ${s.nip ?? '-'}`].join(' / ')).join('\n');
      case 'spacer': return '';
    }
  };
  return blocksOf(m).map(one).join('\n');
}

describe('Berita Acara Penundaan (Lampiran III)', () => {
  const m = baPenundaan({
    number: 'BA-TND/KANREG4-MKS/2026/0001', issuedAt: AT, place: MKS, agency: 'Pemerintah Kota Makassar',
    sessions: [{ code: 'K2-S1', name: 'Sesi 1', roomName: 'Ruang CAT Makassar', scheduledAt: AT - 3600_000 }],
    category: 'listrik', reason: 'Listrik padam di seluruh gedung sejak 09.40',
    coordination: { agencyOfficial: { name: 'Drs. Baso Amir', jabatan: 'Kepala BKPSDM' }, bknOfficial: { name: 'Ir. Made Sudarma', jabatan: 'Kepala Kantor Regional IV', office: 'kanreg' } },
    followUps: ['Memastikan genset tersedia dan berfungsi', 'Memeriksa ulang seluruh PC'], signers: { bkn, instansi }
  });
  const t = text(m);

  it('opens with the day in words, the place, what is postponed and why, on the venue\'s clock', () => {
    expect(t).toContain('Pada hari ini Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam, pukul 10.00 WITA, bertempat di Kantor Regional IV BKN Makassar, Jl. Prof. Dr. Ir. Sutami No. 28, Makassar');
    expect(t).toContain('Pemerintah Kota Makassar untuk sesi Sesi 1 (K2-S1) di Ruang CAT Makassar yang dijadwalkan pukul 09.00 WITA ditunda dikarenakan Listrik padam di seluruh gedung sejak 09.40 (gangguan aliran listrik).');
  });

  it('names whom it was coordinated with, the activities before it continues, and the signers, in the form\'s order', () => {
    const order = ['ditunda dikarenakan', 'telah dikoordinasikan dengan Drs. Baso Amir (Kepala BKPSDM)', 'selaku Kepala Kantor Regional BKN', 'dilanjutkan setelah dilakukan kegiatan-kegiatan sebagai berikut:', '1. Memastikan genset', '2. Memeriksa ulang', 'Demikian Berita Acara ini dibuat dengan sebenarnya.', 'Mengetahui', 'Andi Pratama'];
    let at = -1;
    for (const part of order) {
      const i = t.indexOf(part);
      expect(i, part).toBeGreaterThan(at);
      at = i;
    }
    expect(t).toContain('Makassar, 23 November 2026 / Instansi Pengguna / Siti Rahma / NIP -');
  });
});

describe('Berita Acara Penyelenggaraan (Lampiran I.C.1)', () => {
  const m = baPenyelenggaraan({
    number: 'BA-PNY/KANREG4-MKS/2026/0002', issuedAt: AT, place: MKS, agency: 'Pemerintah Kota Makassar', date: '2026-11-23',
    sessions: [{ name: 'Sesi 1', code: 'K2-S1', startedAt: AT - 4 * 3600_000, finishedAt: AT - 3600_000, total: 8, present: 7, absent: 1, note: '1 asesi tidak hadir' }],
    incidents: ['08.15 WITA — PC M1-A02 terputus 3 menit', '08.40 WITA — listrik berkedip', '09.10 WITA — asesi izin ke toilet'], signers: { bkn, instansi }
  });
  const t = text(m);
  it('says when, where, for whom and by which method; the table per session with its sums; the incidents numbered', () => {
    expect(t).toContain('Pada hari ini Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam bertempat di Kantor Regional IV BKN Makassar');
    expect(t).toContain('dengan Metode Computer Assisted Competency Test (CACT) BKN.');
    expect(t).toContain('No. | Sesi | Jumlah Asesi Keseluruhan | Hadir | Tidak Hadir | Keterangan');
    expect(t).toContain('1 | Sesi 1 (K2-S1)\n06.00 WITA s.d. 09.00 WITA | 8 | 7 | 1 | 1 asesi tidak hadir');
    expect(t).toContain(' | Jumlah | 8 | 7 | 1 | ');
    expect(t).toContain('terjadi kejadian berupa:\n1. 08.15 WITA — PC M1-A02 terputus 3 menit\n2. 08.40 WITA — listrik berkedip\n3. 09.10 WITA');
  });
  it('says so when nothing happened, rather than an empty list', () => {
    const quiet = text(baPenyelenggaraan({ number: 'X', issuedAt: AT, place: MKS, agency: 'A', date: '2026-11-23', sessions: [], incidents: [], signers: { bkn, instansi } }));
    expect(quiet).toContain('tidak terjadi kejadian yang perlu dicatat');
  });
});

describe('Berita Acara Serah Terima (Lampiran I.C.2)', () => {
  it('names both parties with NIP and position, the sessions, the asesi present, absent and in all, the berita acara handed over', () => {
    const t = text(baSerahTerima({
      number: 'BA-STL/KANREG4-MKS/2026/0003', issuedAt: AT, place: MKS, agency: 'Pemerintah Kota Makassar',
      pihakKesatu: { ...bkn, jabatan: 'Koordinator Tim Penyelenggara CACT' }, pihakKedua: { name: 'Drs. Baso Amir', nip: '197001011995031001', jabatan: 'Kepala BKPSDM' },
      sessions: 3, present: 22, absent: 2, beritaAcara: 4
    }));
    expect(t).toContain('telah berlangsung serah terima Laporan Pelaksanaan Penilaian Kompetensi dan Penilaian Potensi untuk Pemerintah Kota Makassar, antara:');
    expect(t).toContain('Nama : Andi Pratama\nNIP : 19861115 201007 1 012\nJabatan : Koordinator Tim Penyelenggara CACT');
    expect(t).toContain('Selanjutnya disebut PIHAK KESATU (Tim Penyelenggara CACT BKN)');
    expect(t).toContain('Selanjutnya disebut PIHAK KEDUA (Instansi Pengguna).');
    expect(t).toContain('1. Laporan Penyelenggaraan Penilaian Kompetensi dan Penilaian Potensi dengan rincian sebagai berikut:\nJumlah sesi : 3 Sesi\nAsesi : \nA. Hadir : 22 Orang\nB. Tidak hadir : 2 Orang\nJumlah : 24 Orang\n2. Berita Acara terkait pelaksanaan kegiatan sejumlah 4 Berita Acara.');
    expect(t).toContain('sejumlah 4 Berita Acara.');
    expect(t.split('\n').slice(0, 3)).toEqual(['BERITA ACARA SERAH TERIMA LAPORAN PENYELENGGARAAN', 'PENILAIAN KOMPETENSI DAN PENILAIAN POTENSI', 'NOMOR: BA-STL/KANREG4-MKS/2026/0003']);
  });
});

describe('the lists of a finalised session', () => {
  const header = { agency: 'Pemerintah Kota Makassar', sessionName: 'Sesi 1', sessionCode: 'K2-S1', roomName: 'Ruang CAT Makassar', scheduledAt: AT - 4 * 3600_000, startedAt: AT - 4 * 3600_000, finishedAt: AT - 3600_000 };
  it('the attendance list: every asesi with what the desk recorded and room to sign', () => {
    const m = daftarHadir({
      number: 'DH/1', issuedAt: AT, place: MKS, header, signers: { bkn, instansi },
      rows: [
        { name: 'Ahmad Saputra', nip: '198405132006011012', instansi: 'Pemerintah Kota Makassar', jabatan: 'Analis', nomorPeserta: 'P-0001', stationCode: 'M1-A01', attendance: 'present', arrivedAt: AT - 5 * 3600_000, late: false },
        { name: 'Budi Kusuma', nip: '199110242014042013', instansi: 'Pemerintah Kota Makassar', jabatan: null, nomorPeserta: 'P-0002', stationCode: null, attendance: 'absent', arrivedAt: null, late: false }
      ]
    });
    expect(m.orientation).toBe('landscape');
    const t = text(m);
    expect(t).toContain('1 | Ahmad Saputra | 19840513 200601 1 012 | Analis / Pemerintah Kota Makassar | P-0001 | M1-A01 | Hadir 05.00 WITA | ');
    expect(t).toContain('2 | Budi Kusuma | 19911024 201404 2 013 | Pemerintah Kota Makassar | P-0002 | — | Tidak hadir | ');
    expect(t).toContain('Hadir 1 dari 2 asesi');
  });

  it('who followed the whole series, and apart, who did not with the reason — left out of the recap', () => {
    const t = text(daftarSelesai({
      number: 'DS/1', issuedAt: AT, place: MKS, header, signers: { bkn, instansi },
      completed: [{ name: 'Ahmad Saputra', nip: '198405132006011012', instansi: 'Pemkot', nomorPeserta: 'P-0001', stationCode: 'M1-A01', finishedAt: AT - 3600_000 - 60_000 }],
      notCompleted: [{ name: 'Budi Kusuma', nip: '199110242014042013', instansi: 'Pemkot', nomorPeserta: 'P-0002', stationCode: null, finishedAt: null, reason: 'Tidak hadir' }]
    }));
    expect(t.indexOf('A. Asesi yang mengikuti seluruh rangkaian (1 orang)')).toBeLessThan(t.indexOf('B. Asesi yang tidak mengikuti seluruh rangkaian (1 orang)'));
    expect(t).toContain('1 | Ahmad Saputra | 19840513 200601 1 012 | Pemkot | P-0001 | M1-A01');
    expect(t).toContain('tidak termasuk dalam rekapitulasi hasil (SE BKN 6/2026 angka 5 huruf g.2)');
    expect(t).toContain('1 | Budi Kusuma | 19911024 201404 2 013 | Pemkot | P-0002 | Tidak hadir');
  });
});

describe('Daftar Periksa (Lampiran I.B)', () => {
  it('every row of the form in its wording and order, the counts and the conclusion', () => {
    const items = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, { value: k === 'C.5' ? 'tidak_sesuai' : 'sesuai', keterangan: k === 'C.5' ? 'Genset belum diservis' : '' }])) as never;
    const counts = Object.fromEntries(CHECKLIST_COUNTS.map((c, i) => [c.key, i + 1])) as never;
    const t = text(daftarPeriksa({
      number: 'DP/1', issuedAt: AT, place: MKS, agency: 'Pemkot', sessionName: 'Sesi 1', sessionCode: 'K2-S1', roomName: 'Ruang CAT Makassar',
      items, counts, conclusion: 'layak', recommendation: 'Servis genset sebelum sesi berikutnya.', completedAt: AT, signers: { bkn, instansi }
    }));
    const rows = ['A | PERSIAPAN', 'B | PENGECEKAN PC/LAPTOP', 'B.1 | Memastikan PC/Laptop sesuai dengan spesifikasi minimal. | Sesuai', 'B.5 |', 'C | KELENGKAPAN LAINNYA', 'C.5 | Memastikan ketersediaan genset dan/atau UPS dalam keadaan baik dan layak pakai. | Tidak sesuai | Genset belum diservis'];
    let at = -1;
    for (const r of rows) {
      const i = t.indexOf(r);
      expect(i, r).toBeGreaterThan(at);
      at = i;
    }
    expect(t).toContain('Laptop/PC Cadangan | 5');
    expect(t).toContain('memberikan rekomendasi bahwa tempat penyelenggaraan LAYAK dilaksanakan. Rekomendasi: Servis genset sebelum sesi berikutnya.');
  });
});
