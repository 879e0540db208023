/**
 * The monitoring and evaluation report (Perban BKN 4/2024 Pasal 16(4)–(5)) as a spreadsheet, issued
 * with its PDF under the same number and code (its SHA-256 is stored too, so an uploaded copy is
 * verifiable like the PDF). Sheets: Ringkasan (title, number, period, scope, code, content hash,
 * verification address, team, totals), Prosedur (each check, then every exception), Masalah
 * (every problem item the report carries, with a note when the report itself capped them), Tempat,
 * Instansi, Tren (one row per day, a column per kind of problem), Rekomendasi (a row per paragraph).
 * Deterministic: the workbook's dates and the archive's file times are the moment it is issued,
 * so the same report issued at the same moment gives the same bytes.
 */
import ExcelJS from 'exceljs';
import { TIME_ZONE_INFO } from '../../protocol/activity.ts';
import { DOCUMENT_TITLES } from '../../protocol/documents.ts';
import { ALL_PROBLEM_KINDS, EVALUATION_ITEMS_LIMIT, EVALUATION_STAGES, stageOf, type ProblemItem, type ProblemTally } from '../../protocol/evaluation.ts';
import { formatCode } from '../documents/canonical.ts';
import {
  CHECK_WORDS, PROBLEM_WORDS, REPORT_ZONE, STAGE_WORDS, VENUE_KIND_WORDS, categoryWords, dateText, scopeWords, type LaporanMonevFacts
} from '../documents/content/laporan-monev.ts';
import { dateTimeAt } from '../documents/content/common.ts';
import type { DocumentSeal } from '../documents/model.ts';

type Cell = string | number | Date | null;

/** A calendar date (YYYY-MM-DD) as a date cell (exceljs writes a Date as its UTC day). */
const day = (date: string) => new Date(`${date}T00:00:00Z`);
/** A share as a number the cell formats as a percentage; null when nothing applied. */
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function sheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; width: number; fmt?: string; wrap?: boolean }[], rows: Cell[][], note?: string) {
  const ws = wb.addWorksheet(name);
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.fmt) col.numFmt = c.fmt;
    if (c.wrap) col.alignment = { wrapText: true, vertical: 'top' };
  });
  if (note) {
    ws.addRow([note]).font = { italic: true };
  }
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  return ws;
}

const tallyColumns = [
  { header: 'Sesi', width: 8 },
  ...EVALUATION_STAGES.map((s) => ({ header: STAGE_WORDS[s], width: 16 })),
  { header: 'Jumlah permasalahan', width: 12 },
  { header: 'Permasalahan per sesi', width: 12, fmt: '0.00' }
];
const tallyCells = (t: ProblemTally): Cell[] => [t.sessions, ...EVALUATION_STAGES.map((s) => t.byStage[s]), t.total, t.sessions ? t.total / t.sessions : null];

/**
 * Every local and central header of the archive gets the same modification time (the DOS date and
 * time, on Jakarta's clock): the archiver stamps each entry with the moment it was written.
 */
export function stampZip(zip: Buffer, at: number): Buffer {
  const d = new Date(at + TIME_ZONE_INFO[REPORT_ZONE].offsetMin * 60_000);
  const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
  const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  const out = Buffer.from(zip);
  let eocd = -1;
  for (let i = out.length - 22; i >= 0; i--) if (out.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) throw new Error('stampZip: not a zip archive');
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error('stampZip: bad central directory');
    out.writeUInt16LE(time, p + 12);
    out.writeUInt16LE(date, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('stampZip: bad local header');
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

/** The report's spreadsheet; `seal` and `f.number` are those printed on its PDF. */
export async function evaluationXlsx(f: LaporanMonevFacts, seal: DocumentSeal): Promise<Buffer> {
  const r = f.report;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Pengawasan CACT BKN';
  wb.lastModifiedBy = 'Pengawasan CACT BKN';
  wb.created = new Date(f.issuedAt);
  wb.modified = new Date(f.issuedAt);
  wb.title = DOCUMENT_TITLES.laporan_monev;

  const items: ProblemItem[] = r.stages.flatMap((s) => s.items);
  const counted = r.stages.reduce((n, s) => n + s.counts.reduce((m, c) => m + c.count, 0), 0);
  const t = r.totals;

  // Ringkasan
  const summary: Cell[][] = [
    ['Judul', DOCUMENT_TITLES.laporan_monev],
    ['Nomor', f.number],
    ['Periode', `${dateText(r.period.from)} s.d. ${dateText(r.period.to)}`],
    ['Lingkup', scopeWords(r.scope, f.venueName)],
    ['Tempat penyelenggaraan dalam lingkup', r.scope.venueIds.length],
    ['Kode verifikasi', formatCode(seal.code)],
    ['SHA-256 isi', seal.contentHash],
    ['Periksa keaslian di', seal.verifyUrl],
    ['Diterbitkan', dateTimeAt(f.issuedAt, REPORT_ZONE)],
    ['Diterbitkan oleh', f.issuedBy],
    ['Ketua Tim Pemantauan dan Evaluasi', `${f.ketua.name}${f.ketua.nip ? ` (NIP ${f.ketua.nip})` : ''}`],
    ...f.anggota.map((m, i): Cell[] => [`Anggota ${i + 1}`, `${m.name}${m.nip ? ` (NIP ${m.nip})` : ''}`]),
    [null, null],
    ['Kegiatan', t.activities],
    ['Sesi', t.sessions],
    ['Sesi selesai difinalisasi', t.finalised],
    ['Sesi ditunda', t.postponed],
    ['Sesi dibatalkan', t.cancelled],
    ['Asesi terdaftar', t.participants],
    ['Asesi hadir', t.present],
    ['Permasalahan tercatat', counted],
    ...EVALUATION_STAGES.map((s): Cell[] => [`  ${STAGE_WORDS[s]}`, r.stages.find((x) => x.stage === s)?.counts.reduce((n, c) => n + c.count, 0) ?? 0])
  ];
  sheet(wb, 'Ringkasan', [{ header: 'Uraian', width: 38 }, { header: 'Isi', width: 90, wrap: true }], summary);

  // Prosedur: each check, then every exception
  const proc = sheet(wb, 'Prosedur', [
    { header: 'Ketentuan', width: 70, wrap: true }, { header: 'Berlaku', width: 10 }, { header: 'Dipatuhi', width: 10 },
    { header: 'Persentase', width: 12, fmt: '0.0%' }, { header: 'Tidak dipatuhi', width: 14 }, { header: 'Sesi tercantum di bawah', width: 14 }
  ], r.procedure.map((p) => [CHECK_WORDS[p.check], p.applicable, p.followed, share(p.followed, p.applicable), p.applicable - p.followed, p.exceptions.length]));
  proc.addRow([]);
  // the report lists at most EVALUATION_ITEMS_LIMIT exceptions per check (the newest); the counts above are whole
  if (r.procedure.some((p) => p.exceptions.length >= EVALUATION_ITEMS_LIMIT)) {
    proc.addRow([`Data laporan memuat paling banyak ${EVALUATION_ITEMS_LIMIT} sesi terbaru per ketentuan; jumlah Berlaku, Dipatuhi, dan Tidak dipatuhi di atas tetap utuh.`]).font = { italic: true };
  }
  proc.addRow(['Ketentuan', 'Tanggal', 'Tempat', 'Sesi', 'Dengan pengecualian', 'Uraian']).font = { bold: true };
  for (const p of r.procedure) {
    for (const x of p.exceptions) {
      const row = proc.addRow([CHECK_WORDS[p.check], day(x.date), x.venueName, x.sessionCode, x.excepted ? 'ya' : 'tidak', x.detail]);
      row.getCell(2).numFmt = 'yyyy-mm-dd';
      row.getCell(4).numFmt = '@';
    }
  }
  proc.getColumn(6).width = 80;

  // Masalah: every item the report carries
  const capped = r.stages.some((s) => s.truncated);
  sheet(wb, 'Masalah', [
    { header: 'Tahap', width: 24 }, { header: 'Jenis', width: 40 }, { header: 'Kategori', width: 28 }, { header: 'Tanggal', width: 12, fmt: 'yyyy-mm-dd' },
    { header: 'Waktu (UTC)', width: 20, fmt: 'yyyy-mm-dd hh:mm' }, { header: 'Tempat', width: 36 }, { header: 'Instansi', width: 32 },
    { header: 'Sesi', width: 14 }, { header: 'Uraian', width: 80, wrap: true }
  ], items.map((it) => [
    STAGE_WORDS[stageOf(it.kind)], PROBLEM_WORDS[it.kind], it.category === null ? null : categoryWords(it.kind, it.category), day(it.date),
    new Date(it.at), it.venueName, it.agency, it.sessionCode, it.detail
  ]), capped
    ? `Memuat ${items.length} dari ${counted} permasalahan tercatat: data laporan memuat paling banyak ${EVALUATION_ITEMS_LIMIT} butir terbaru per jenis (jumlah per jenis pada Ringkasan dan laporan PDF tetap utuh).`
    : undefined);

  // Tempat, Instansi
  sheet(wb, 'Tempat', [
    { header: 'No.', width: 5 }, { header: 'Tempat', width: 40 }, { header: 'Jenis', width: 28 }, { header: 'Wilayah', width: 24 }, { header: 'Zona waktu', width: 16 },
    ...tallyColumns
  ], r.venues.map((v, i) => [i + 1, v.venueName, VENUE_KIND_WORDS[v.venueKind], v.region, v.timeZone, ...tallyCells(v)]));
  sheet(wb, 'Instansi', [{ header: 'No.', width: 5 }, { header: 'Instansi', width: 48 }, ...tallyColumns],
    r.agencies.map((a, i) => [i + 1, a.agency, ...tallyCells(a)]));

  // Tren: one row per day, every kind of problem a column
  sheet(wb, 'Tren', [
    { header: 'Tanggal', width: 12, fmt: 'yyyy-mm-dd' }, { header: 'Sesi', width: 8 }, { header: 'Asesi', width: 8 },
    ...ALL_PROBLEM_KINDS.map((k) => ({ header: PROBLEM_WORDS[k], width: 18 })), { header: 'Jumlah permasalahan', width: 12 }
  ], r.trend.map((d) => [
    day(d.date), d.sessions, d.participants, ...ALL_PROBLEM_KINDS.map((k) => d.problems[k] ?? 0), ALL_PROBLEM_KINDS.reduce((n, k) => n + (d.problems[k] ?? 0), 0)
  ])).getRow(1).alignment = { wrapText: true, vertical: 'top' };

  // Rekomendasi: the team's text, a row per paragraph
  sheet(wb, 'Rekomendasi', [{ header: 'Rekomendasi Tim Pemantauan dan Evaluasi', width: 120, wrap: true }],
    f.recommendations.trim().split(/\n\s*\n/).map((para) => [para.trim()]));

  return stampZip(Buffer.from(await wb.xlsx.writeBuffer()), f.issuedAt);
}
