/**
 * Laporan Hasil Pemantauan dan Evaluasi (Perban BKN 4/2024 Pasal 16): what the Tim Pemantauan dan
 * Evaluasi (ketua and anggota, Pasal 16(2)) reports over a period and a scope — whether the
 * procedure was followed (16(5)a), the problems met at each stage (16(5)b), where they were met
 * most, the trend, and the team's recommendations (16(4)b: material to improve the next ones).
 * Built from the report computed from the records (server/evaluation/evaluation.service.ts), in the
 * structure of an official report: I. Pendahuluan, II. Ringkasan, III. Kepatuhan prosedur,
 * IV. Permasalahan per tahap, V. Tempat dan instansi, VI. Tren, VII. Rekomendasi; closing;
 * signatures of the ketua and the anggota under "Jakarta, <tanggal>". Landscape: the item tables
 * need the width. The same words serve the XLSX (server/evaluation/evaluation-xlsx.ts).
 */
import { formatNip } from '../../../protocol/nip.ts';
import type { VenueKind } from '../../../protocol/activity.ts';
import { DOCUMENT_TITLES } from '../../../protocol/documents.ts';
import {
  EVALUATION_ITEMS_LIMIT, EVALUATION_STAGES, type EvaluationMember, type EvaluationReport, type EvaluationScope, type EvaluationStage,
  type ProblemItem, type ProblemKind, type ProcedureCheck, type TrendDay
} from '../../../protocol/evaluation.ts';
import { BULAN, placeAndDate } from '../../../protocol/format/terbilang.ts';
import { incidentCategoriesId } from '../../../protocol/messages/incident-categories.ts';
import { POSTPONE_CATEGORY_WORDS, type PostponeCategory } from '../../../protocol/postponement.ts';
import { CHECKLIST_ITEMS } from '../../../protocol/session.ts';
import { dayNumber } from '../../../protocol/schedule.ts';
import type { Block, DocumentModel } from '../model.ts';
import { orDash, venueDate } from './common.ts';

export type EvaluationReportData = Omit<EvaluationReport, 'ok'>;

export type LaporanMonevFacts = {
  number: string;
  issuedAt: number;
  report: EvaluationReportData;
  /** the venue the report was narrowed to, by name (scope.venueId), if any */
  venueName?: string | null;
  recommendations: string;
  ketua: EvaluationMember;
  anggota: EvaluationMember[];
  /** the user who issued it, as recorded */
  issuedBy: string;
};

/** Where the team signs: BKN's head office (the report covers many venues, on Jakarta's calendar). */
export const REPORT_CITY = 'Jakarta';
export const REPORT_ZONE = 'Asia/Jakarta' as const;

/** Problems listed per stage in the PDF; the XLSX lists every item the report has. */
export const PDF_ITEMS_PER_STAGE = 60;
/** Exceptions listed per procedure check in the PDF. */
export const PDF_EXCEPTIONS_PER_CHECK = 30;
/** Up to this many days the trend is a row per day; beyond, a row per seven days. */
export const TREND_DAILY_MAX = 31;

// ---------------------------------------------------------------- words

export const VENUE_KIND_WORDS: Record<VenueKind, string> = {
  kantor_pusat: 'Kantor Pusat BKN',
  kanreg: 'Kantor Regional BKN',
  upt: 'UPT BKN',
  instansi: 'Stasiun CAT Instansi Pengguna',
  mandiri: 'Stasiun CAT mandiri',
  lainnya: 'Tempat lain'
};

/** The procedure checks (protocol/evaluation.ts PROCEDURE_CHECKS), with the rule each comes from. */
export const CHECK_WORDS: Record<ProcedureCheck, string> = {
  checklist_before_registration: 'Daftar periksa diisi sebelum registrasi dibuka (Pasal 14 ayat (1) huruf a–e; Lampiran I.B)',
  berita_acara: 'Berita acara dibuat: penyelenggaraan bagi sesi yang selesai, penundaan bagi sesi yang ditunda (Pasal 14 ayat (1) huruf m; Pasal 12 ayat (2) huruf f)',
  finalised_on_day: 'Sesi yang selesai difinalisasi pada harinya (Pasal 14 ayat (1) huruf l–m)',
  schedule_rules: 'Sesi dijadwalkan dan diubah dalam tenggat (Pasal 9 ayat (5) huruf b; SE BKN 6/2026 angka 5.i.2)',
  registration_lead_time: 'Peserta didaftarkan dalam tenggat (SE BKN 6/2026 angka 5.i.2.d)'
};

export const STAGE_WORDS: Record<EvaluationStage, string> = {
  planning: 'Perencanaan dan persiapan',
  execution: 'Pelaksanaan',
  reporting: 'Pelaporan'
};

export const PROBLEM_WORDS: Record<ProblemKind, string> = {
  schedule_override: 'Jadwal dibuat atau diubah di dalam tenggat (persetujuan koordinator)',
  late_registration: 'Peserta didaftarkan di dalam tenggat (pengecualian koordinator)',
  import_refused: 'Berkas peserta dari instansi ditolak',
  checklist_failure: 'Butir daftar periksa tidak sesuai',
  postponement: 'Penundaan pelaksanaan',
  station_fault: 'PC terputus (offline) selama sesi',
  latency_breach: 'Latensi PC melebihi 300 ms',
  bandwidth_breach: 'Bandwidth PC di bawah 500 Kbps',
  incident: 'Kejadian selama tes',
  late_finalisation: 'Finalisasi terlambat atau belum dilakukan',
  correction: 'Koreksi dokumen resmi'
};

/** A problem's sub-category in words: the incident's, the postponement's, the checklist item's. */
export function categoryWords(kind: ProblemKind, category: string | null): string {
  if (category === null) return '—';
  if (kind === 'incident' && category in incidentCategoriesId) return incidentCategoriesId[category as keyof typeof incidentCategoriesId];
  if (kind === 'postponement' && category in POSTPONE_CATEGORY_WORDS) {
    const w = POSTPONE_CATEGORY_WORDS[category as PostponeCategory];
    return w.charAt(0).toUpperCase() + w.slice(1);
  }
  if (kind === 'checklist_failure') {
    const item = CHECKLIST_ITEMS.find((i) => i.key === category);
    return item ? `Butir ${item.key}` : category;
  }
  return category;
}

/** "7 Desember 2026" */
export function dateText(date: string): string {
  return placeAndDate('', date).slice(2);
}

/** "1–31 Desember 2026", "28 November – 4 Desember 2026", "28 Desember 2026 – 3 Januari 2027", "7 Desember 2026" */
export function periodWords(from: string, to: string): string {
  if (from === to) return dateText(from);
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  if (fy === ty && fm === tm) return `${fd}–${td} ${BULAN[tm - 1]} ${ty}`;
  if (fy === ty) return `${fd} ${BULAN[fm - 1]} – ${td} ${BULAN[tm - 1]} ${ty}`;
  return `${dateText(from)} – ${dateText(to)}`;
}

/**
 * The scope as the report names it: the venue, else the region, the agency and the kind of venue
 * the report was narrowed to; with none, how many venues it covers. "Kanreg I Yogyakarta"
 */
export function scopeWords(scope: EvaluationScope, venueName?: string | null): string {
  const parts = [
    scope.venueId !== null ? (venueName ?? `tempat #${scope.venueId}`) : scope.region,
    scope.agency,
    scope.venueKind ? VENUE_KIND_WORDS[scope.venueKind] : null
  ].filter((x): x is string => !!x);
  return parts.length ? parts.join(', ') : `${scope.venueIds.length} tempat penyelenggaraan`;
}

const scopeNarrowed = (s: EvaluationScope) => s.venueId !== null || s.region !== null || s.agency !== null || s.venueKind !== null;

/** What the public verification names in a venue's place: "Tim Pemantauan dan Evaluasi — Kanreg I Yogyakarta, 1–31 Desember 2026" */
export function reachWords(report: Pick<EvaluationReportData, 'scope' | 'period'>, venueName?: string | null): string {
  return `Tim Pemantauan dan Evaluasi — ${scopeWords(report.scope, venueName)}, ${periodWords(report.period.from, report.period.to)}`;
}

/** "95,2%"; "—" when nothing applied */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1).replace('.', ',')}%`;
}

const num = (n: number) => n.toLocaleString('id-ID');

/** The member as the team list prints them: "Nama (NIP 1986…)", and their post when given. */
const memberText = (m: EvaluationMember) => `${m.name}${m.nip ? ` (NIP ${formatNip(m.nip)})` : ''}${m.jabatan ? `, ${m.jabatan}` : ''}`;

// ---------------------------------------------------------------- the trend, per day or per week

export type TrendRow = { label: string; from: string; to: string; sessions: number; participants: number; byStage: Record<EvaluationStage, number>; total: number };

const STAGE_OF: Record<ProblemKind, EvaluationStage> = {
  schedule_override: 'planning', late_registration: 'planning', import_refused: 'planning',
  checklist_failure: 'execution', postponement: 'execution', station_fault: 'execution', latency_breach: 'execution',
  bandwidth_breach: 'execution', incident: 'execution',
  late_finalisation: 'reporting', correction: 'reporting'
};

function shortDate(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${d} ${BULAN[m - 1].slice(0, 3)}`;
}

/**
 * The trend as the PDF tabulates it: a row per day for a period of up to TREND_DAILY_MAX days,
 * else a row per seven days counted from the period's first day (the chart on the web page keeps
 * every day; so does the XLSX).
 */
export function trendRows(trend: TrendDay[], period: { from: string; to: string }): TrendRow[] {
  const days = dayNumber(period.to) - dayNumber(period.from) + 1;
  const width = days <= TREND_DAILY_MAX ? 1 : 7;
  const rows = new Map<number, TrendRow>();
  for (const d of trend) {
    const i = Math.floor((dayNumber(d.date) - dayNumber(period.from)) / width);
    let r = rows.get(i);
    if (!r) {
      r = { label: '', from: d.date, to: d.date, sessions: 0, participants: 0, byStage: { planning: 0, execution: 0, reporting: 0 }, total: 0 };
      rows.set(i, r);
    }
    if (d.date < r.from) r.from = d.date;
    if (d.date > r.to) r.to = d.date;
    r.sessions += d.sessions;
    r.participants += d.participants;
    for (const [k, n] of Object.entries(d.problems) as [ProblemKind, number][]) {
      r.byStage[STAGE_OF[k]] += n;
      r.total += n;
    }
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => ({
    ...r, label: width === 1 ? shortDate(r.from) : `${shortDate(r.from)} – ${shortDate(r.to)}`
  }));
}

// ---------------------------------------------------------------- the document

const bold = (text: string) => ({ text, bold: true });
const section = (text: string): Block => ({ kind: 'paragraph', text: [bold(text)] });
/** A part of the report (I–VII): a space above its heading. */
const part = (text: string): Block[] => [{ kind: 'spacer', size: 'small' }, section(text)];
const itemRow = (it: ProblemItem) => [
  shortDate(it.date), it.venueName, orDash(it.sessionCode), orDash(it.agency), PROBLEM_WORDS[it.kind], categoryWords(it.kind, it.category), it.detail
];

export function laporanMonev(f: LaporanMonevFacts): DocumentModel {
  const r = f.report;
  const period = periodWords(r.period.from, r.period.to);
  const stageTotals = Object.fromEntries(EVALUATION_STAGES.map((s) => [s, r.stages.find((x) => x.stage === s)?.counts.reduce((n, c) => n + c.count, 0) ?? 0])) as Record<EvaluationStage, number>;
  const problems = EVALUATION_STAGES.reduce((n, s) => n + stageTotals[s], 0);
  const t = r.totals;

  const blocks: Block[] = [
    { kind: 'heading', lines: ['LAPORAN HASIL PEMANTAUAN DAN EVALUASI', 'PELAKSANAAN PENILAIAN KOMPETENSI DAN PENILAIAN POTENSI DENGAN CACT BKN', `PERIODE ${period.toUpperCase()}`], numbered: true },
    { kind: 'spacer' },

    // I
    ...part('I. PENDAHULUAN'),
    { kind: 'paragraph', text: [bold('A. Dasar')] },
    {
      kind: 'list', ordered: true, items: [
        ['Peraturan Badan Kepegawaian Negara Nomor 4 Tahun 2024 tentang Penyelenggaraan Penilaian Kompetensi dan Penilaian Potensi Aparatur Sipil Negara dengan Computer Assisted Competency Test Badan Kepegawaian Negara, Pasal 16.'],
        ['Surat Edaran Kepala Badan Kepegawaian Negara Nomor 6 Tahun 2026.']
      ]
    },
    {
      kind: 'paragraph', align: 'justify', text: [
        'Pemantauan dan evaluasi bertujuan menjaga akuntabilitas penyelenggaraan Penilaian Kompetensi dan Penilaian Potensi serta menginventarisasi permasalahan yang timbul sebagai bahan perbaikan penyelenggaraan berikutnya (Pasal 16 ayat (4)), dengan memastikan proses penyelenggaraan sesuai dengan prosedur dan menghimpun informasi kendala pada setiap tahapan (Pasal 16 ayat (5)).'
      ]
    },
    { kind: 'paragraph', text: [bold('B. Periode, lingkup, dan tim')] },
    {
      kind: 'fields', rows: [
        ['Periode', `${dateText(r.period.from)} s.d. ${dateText(r.period.to)}`],
        // narrowed (a region, an agency …): what it was narrowed to, and how many venues that is; otherwise the count alone
        ['Lingkup', scopeNarrowed(r.scope) ? `${scopeWords(r.scope, f.venueName)} (${num(r.scope.venueIds.length)} tempat penyelenggaraan)` : scopeWords(r.scope, f.venueName)],
        ['Ketua Tim', memberText(f.ketua)],
        ...f.anggota.map((m, i): [string, string] => [i === 0 ? 'Anggota Tim' : '', `${f.anggota.length > 1 ? `${i + 1}. ` : ''}${memberText(m)}`]),
        ['Data dihimpun', `dari catatan sistem pengawasan CACT BKN pada ${dateText(venueDate(r.generatedAt, REPORT_ZONE))}`],
        ['Diterbitkan oleh', f.issuedBy]
      ]
    },

    // II
    ...part('II. RINGKASAN'),
    {
      kind: 'table',
      columns: [{ header: 'Uraian', width: '*' }, { header: 'Jumlah', width: 90, align: 'right' }, { header: 'Keterangan', width: '*' }],
      rows: [
        ['Tempat penyelenggaraan', num(t.venues), ''],
        ['Kegiatan', num(t.activities), ''],
        ['Sesi', num(t.sessions), `selesai difinalisasi ${num(t.finalised)}, ditunda ${num(t.postponed)}, dibatalkan ${num(t.cancelled)}`],
        ['Asesi terdaftar', num(t.participants), ''],
        ['Asesi hadir', num(t.present), `${percent(t.present, t.participants)} dari asesi terdaftar`],
        ['Permasalahan tercatat', num(problems), EVALUATION_STAGES.map((s) => `${STAGE_WORDS[s].toLowerCase()} ${num(stageTotals[s])}`).join(', ')]
      ]
    },

    // III
    ...part('III. KEPATUHAN PROSEDUR'),
    { kind: 'paragraph', text: ['Kesesuaian proses penyelenggaraan dengan prosedur (Pasal 16 ayat (5) huruf a), atas sesi yang menjadi objek setiap ketentuan:'] },
    {
      kind: 'table',
      columns: [
        { header: 'No.', width: 26, align: 'center' }, { header: 'Ketentuan', width: '*' },
        { header: 'Berlaku', width: 60, align: 'right' }, { header: 'Dipatuhi', width: 60, align: 'right' },
        { header: '%', width: 56, align: 'right' }, { header: 'Tidak dipatuhi', width: 70, align: 'right' }
      ],
      rows: r.procedure.map((p, i) => [String(i + 1), CHECK_WORDS[p.check], num(p.applicable), num(p.followed), percent(p.followed, p.applicable), num(p.applicable - p.followed)])
    },
    {
      kind: 'paragraph', text: [{ text: 'Sesi yang dipatuhi termasuk yang dijalankan dengan pengecualian beralasan dari koordinator; sesi-sesi tersebut tetap dicantumkan di bawah.', italics: true }]
    },
    ...r.procedure.flatMap((p, i): Block[] => {
      if (!p.exceptions.length) return [];
      const shown = p.exceptions.slice(0, PDF_EXCEPTIONS_PER_CHECK);
      // the report lists at most EVALUATION_ITEMS_LIMIT exceptions per check, the newest
      const capped = p.exceptions.length >= EVALUATION_ITEMS_LIMIT;
      return [
        { kind: 'paragraph', text: [bold(`${i + 1}. ${CHECK_WORDS[p.check]}`), ` — ${capped ? 'paling sedikit ' : ''}${num(p.exceptions.length)} sesi:`] },
        {
          kind: 'list', ordered: false, items: shown.map((x) => [
            `${shortDate(x.date)}, ${x.venueName}, sesi ${x.sessionCode}: `, x.excepted ? { text: '(dengan pengecualian) ', italics: true } : '', x.detail
          ])
        },
        ...(p.exceptions.length > shown.length
          ? [{ kind: 'paragraph' as const, text: [{ text: `… dan ${capped ? 'paling sedikit ' : ''}${num(p.exceptions.length - shown.length)} sesi lain; daftar ${capped ? `${num(EVALUATION_ITEMS_LIMIT)} sesi terbaru` : 'lengkap'} pada berkas XLSX laporan ini.`, italics: true }] }]
          : [])
      ];
    }),

    // IV
    ...part('IV. PERMASALAHAN PER TAHAP'),
    { kind: 'paragraph', text: ['Kendala yang dihadapi pada setiap tahapan penyelenggaraan (Pasal 16 ayat (5) huruf b):'] },
    ...EVALUATION_STAGES.flatMap((stage, si): Block[] => {
      const s = r.stages.find((x) => x.stage === stage);
      const head = section(`${'ABC'[si]}. ${STAGE_WORDS[stage]}`);
      if (!s || stageTotals[stage] === 0) return [head, { kind: 'paragraph', text: ['Tidak ada permasalahan yang tercatat pada tahap ini.'] }];
      const counts: string[][] = s.counts.flatMap((c) => [
        [PROBLEM_WORDS[c.kind], '', num(c.count)],
        ...c.byCategory.map((b) => ['', categoryWords(c.kind, b.category), num(b.count)])
      ]);
      const shown = s.items.slice(0, PDF_ITEMS_PER_STAGE);
      const whole = stageTotals[stage];
      const note = whole > shown.length
        ? `Ditampilkan ${num(shown.length)} permasalahan terbaru dari ${num(whole)}${s.truncated ? ` (data laporan memuat paling banyak ${num(EVALUATION_ITEMS_LIMIT)} butir per jenis)` : ''}; daftar lengkap pada berkas XLSX laporan ini.`
        : null;
      return [
        head,
        {
          kind: 'table',
          columns: [{ header: 'Jenis permasalahan', width: '*' }, { header: 'Kategori', width: '*' }, { header: 'Jumlah', width: 70, align: 'right' }],
          rows: counts,
          footer: ['Jumlah', '', num(whole)]
        },
        {
          kind: 'table',
          columns: [
            { header: 'Tanggal', width: 48 }, { header: 'Tempat', width: 110 }, { header: 'Sesi', width: 56 }, { header: 'Instansi', width: 90 },
            { header: 'Jenis', width: 100 }, { header: 'Kategori', width: 80 }, { header: 'Uraian', width: '*' }
          ],
          rows: shown.map(itemRow)
        },
        ...(note ? [{ kind: 'paragraph' as const, text: [{ text: note, italics: true }] }] : [])
      ];
    }),

    // V
    ...part('V. TEMPAT DAN INSTANSI DENGAN PERMASALAHAN TERBANYAK'),
    ...(r.venues.length
      ? [{
          kind: 'table' as const,
          columns: [
            { header: 'No.', width: 26, align: 'center' as const }, { header: 'Tempat', width: '*' as const }, { header: 'Jenis', width: 110 },
            { header: 'Wilayah', width: 100 }, { header: 'Sesi', width: 44, align: 'right' as const },
            { header: 'Perencanaan dan persiapan', width: 70, align: 'right' as const }, { header: 'Pelaksanaan', width: 66, align: 'right' as const },
            { header: 'Pelaporan', width: 56, align: 'right' as const }, { header: 'Jumlah', width: 50, align: 'right' as const }
          ],
          rows: r.venues.map((v, i) => [
            String(i + 1), v.venueName, VENUE_KIND_WORDS[v.venueKind], orDash(v.region), num(v.sessions),
            num(v.byStage.planning), num(v.byStage.execution), num(v.byStage.reporting), num(v.total)
          ])
        }]
      : [{ kind: 'paragraph' as const, text: ['Tidak ada tempat dengan permasalahan tercatat.'] }]),
    ...(r.agencies.length
      ? [{
          kind: 'table' as const,
          columns: [
            { header: 'No.', width: 26, align: 'center' as const }, { header: 'Instansi', width: '*' as const }, { header: 'Sesi', width: 44, align: 'right' as const },
            { header: 'Perencanaan dan persiapan', width: 70, align: 'right' as const }, { header: 'Pelaksanaan', width: 66, align: 'right' as const },
            { header: 'Pelaporan', width: 56, align: 'right' as const }, { header: 'Jumlah', width: 50, align: 'right' as const }
          ],
          rows: r.agencies.map((a, i) => [
            String(i + 1), a.agency, num(a.sessions), num(a.byStage.planning), num(a.byStage.execution), num(a.byStage.reporting), num(a.total)
          ])
        }]
      : [{ kind: 'paragraph' as const, text: ['Tidak ada instansi dengan permasalahan tercatat.'] }]),

    // VI
    ...part('VI. TREN'),
    ...trendBlocks(r),

    // VII
    ...part('VII. REKOMENDASI'),
    ...f.recommendations.trim().split(/\n\s*\n/).map((para): Block => ({ kind: 'paragraph', align: 'justify', text: [para.trim()] })),
    { kind: 'spacer', size: 'small' },
    {
      kind: 'paragraph', align: 'justify', text: [
        'Demikian Laporan Hasil Pemantauan dan Evaluasi ini dibuat dengan sebenarnya untuk dipergunakan sebagai bahan perbaikan penyelenggaraan Penilaian Kompetensi dan Penilaian Potensi berikutnya.'
      ]
    },
    { kind: 'spacer' },
    ...signatureRows(f)
  ];

  return {
    kind: 'laporan_monev',
    number: f.number,
    title: DOCUMENT_TITLES.laporan_monev,
    issuedAt: f.issuedAt,
    zone: REPORT_ZONE,
    orientation: 'landscape',
    blocks
  };
}

function trendBlocks(r: EvaluationReportData): Block[] {
  const rows = trendRows(r.trend, r.period);
  if (!rows.length) return [{ kind: 'paragraph', text: ['Tidak ada sesi maupun permasalahan dalam periode ini.'] }];
  const daily = rows.every((x) => x.from === x.to);
  return [
    { kind: 'paragraph', text: [`Sesi, asesi, dan permasalahan per ${daily ? 'hari' : 'tujuh hari'} (grafik tersedia pada halaman pemantauan dan evaluasi; rincian per hari dan per jenis pada berkas XLSX):`] },
    {
      kind: 'table',
      columns: [
        { header: daily ? 'Tanggal' : 'Periode', width: '*' }, { header: 'Sesi', width: 60, align: 'right' }, { header: 'Asesi', width: 60, align: 'right' },
        { header: 'Perencanaan dan persiapan', width: 90, align: 'right' }, { header: 'Pelaksanaan', width: 80, align: 'right' },
        { header: 'Pelaporan', width: 70, align: 'right' }, { header: 'Jumlah permasalahan', width: 90, align: 'right' }
      ],
      rows: rows.map((x) => [x.label, num(x.sessions), num(x.participants), num(x.byStage.planning), num(x.byStage.execution), num(x.byStage.reporting), num(x.total)]),
      footer: [
        'Jumlah', num(rows.reduce((n, x) => n + x.sessions, 0)), num(rows.reduce((n, x) => n + x.participants, 0)),
        ...EVALUATION_STAGES.map((s) => num(rows.reduce((n, x) => n + x.byStage[s], 0))), num(rows.reduce((n, x) => n + x.total, 0))
      ]
    }
  ];
}

/** The ketua first, under the place and date; the anggota beside and after, three to a row. */
function signatureRows(f: LaporanMonevFacts): Block[] {
  const date = venueDate(f.issuedAt, REPORT_ZONE);
  const all = [
    { caption: [placeAndDate(REPORT_CITY, date), 'Ketua Tim Pemantauan dan Evaluasi,'], name: f.ketua.name, nip: f.ketua.nip },
    ...f.anggota.map((m) => ({ caption: ['', 'Anggota Tim Pemantauan dan Evaluasi,'], name: m.name, nip: m.nip }))
  ];
  const rows: Block[] = [];
  for (let i = 0; i < all.length; i += 3) rows.push({ kind: 'signatures', blocks: all.slice(i, i + 3) });
  return rows;
}
