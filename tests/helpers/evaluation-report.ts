/**
 * A hand-made monitoring and evaluation report (protocol/evaluation.ts EvaluationReport) for the
 * tests of its PDF and XLSX: December 2026 over two venues of Kanreg I Yogyakarta, with an
 * exception of each kind of procedure check, problems in every stage (an incident category and a
 * postponement category among them), a truncated stage, and a daily trend.
 */
import { ALL_PROBLEM_KINDS, type EvaluationReport, type ProblemItem, type ProblemKind, type TrendDay } from '../../protocol/evaluation.ts';

const AT = (day: number, h = 3) => Date.UTC(2026, 11, day, h, 0);

export function sampleReport(opts: { venueIds?: [number, number]; from?: string; to?: string } = {}): Omit<EvaluationReport, 'ok'> {
  const [v1, v2] = opts.venueIds ?? [1, 2];
  const from = opts.from ?? '2026-12-01';
  const to = opts.to ?? '2026-12-31';
  const item = (kind: ProblemKind, day: number, venue: 1 | 2, category: string | null, detail: string, session: string | null = `S-${day}`): ProblemItem => ({
    kind, at: AT(day), date: `2026-12-${String(day).padStart(2, '0')}`,
    venueId: venue === 1 ? v1 : v2, venueName: venue === 1 ? 'Kantor Regional I BKN Yogyakarta' : 'CAT BKPSDM Kabupaten Sleman',
    agency: venue === 1 ? 'Pemerintah Kota Yogyakarta' : 'Pemerintah Kabupaten Sleman',
    sessionId: session ? day : null, sessionCode: session, category, detail
  });
  const zero = () => Object.fromEntries(ALL_PROBLEM_KINDS.map((k) => [k, 0])) as Record<ProblemKind, number>;
  const trend: TrendDay[] = [];
  for (let d = 1; d <= 31; d++) {
    const date = `2026-12-${String(d).padStart(2, '0')}`;
    if (date < from || date > to) continue;
    const problems = zero();
    if (d === 3) problems.schedule_override = 1;
    if (d === 7) { problems.incident = 2; problems.station_fault = 1; }
    if (d === 8) problems.postponement = 1;
    if (d === 9) { problems.late_finalisation = 1; problems.checklist_failure = 1; }
    trend.push({ date, sessions: d % 7 === 0 ? 0 : 2, participants: d % 7 === 0 ? 0 : 40, problems });
  }
  return {
    period: { from, to },
    scope: { region: 'Kanreg I Yogyakarta', agency: null, venueKind: null, venueId: null, venueIds: [v1, v2] },
    generatedAt: Date.UTC(2026, 11, 31, 9, 0),
    totals: { venues: 2, activities: 3, sessions: 52, finalised: 48, postponed: 1, cancelled: 1, participants: 1040, present: 1012 },
    procedure: [
      { check: 'checklist_before_registration', applicable: 50, followed: 49, exceptions: [
        { sessionId: 9, sessionCode: 'S-9', venueName: 'CAT BKPSDM Kabupaten Sleman', date: '2026-12-09', excepted: false, detail: 'Registrasi dibuka pukul 07.40 WIB; daftar periksa selesai pukul 07.55 WIB.' }
      ] },
      { check: 'berita_acara', applicable: 49, followed: 49, exceptions: [] },
      { check: 'finalised_on_day', applicable: 48, followed: 47, exceptions: [
        { sessionId: 9, sessionCode: 'S-9', venueName: 'CAT BKPSDM Kabupaten Sleman', date: '2026-12-09', excepted: false, detail: 'Difinalisasi 10 Desember 2026 pukul 08.10 WIB.' }
      ] },
      { check: 'schedule_rules', applicable: 52, followed: 52, exceptions: [
        { sessionId: 3, sessionCode: 'S-3', venueName: 'Kantor Regional I BKN Yogyakarta', date: '2026-12-03', excepted: true, detail: 'Dijadwalkan 2 hari kerja sebelumnya; alasan: "permintaan instansi karena mutasi pejabat"' }
      ] },
      { check: 'registration_lead_time', applicable: 52, followed: 52, exceptions: [] }
    ],
    stages: [
      {
        stage: 'planning',
        counts: [
          { kind: 'schedule_override', count: 1, byCategory: [] },
          { kind: 'late_registration', count: 0, byCategory: [] },
          { kind: 'import_refused', count: 0, byCategory: [] }
        ],
        items: [item('schedule_override', 3, 1, null, 'Sesi dijadwalkan di dalam tenggat: "permintaan instansi karena mutasi pejabat"')],
        truncated: false
      },
      {
        stage: 'execution',
        counts: [
          { kind: 'checklist_failure', count: 1, byCategory: [{ category: 'B.4', count: 1 }] },
          { kind: 'postponement', count: 1, byCategory: [{ category: 'listrik', count: 1 }] },
          { kind: 'station_fault', count: 1, byCategory: [] },
          { kind: 'latency_breach', count: 0, byCategory: [] },
          { kind: 'bandwidth_breach', count: 0, byCategory: [] },
          { kind: 'incident', count: 2, byCategory: [{ category: 'talking', count: 1 }, { category: 'power_failure', count: 1 }] }
        ],
        items: [
          item('checklist_failure', 9, 2, 'B.4', 'Bandwidth rata-rata 380 Kbps per PC.'),
          item('postponement', 8, 2, 'listrik', 'Listrik padam di seluruh gedung; genset belum tersedia.'),
          item('incident', 7, 1, 'talking', 'Dua asesi berbicara saat tes berlangsung.'),
          item('incident', 7, 1, 'power_failure', 'Listrik berkedip dua kali; UPS menyala.'),
          item('station_fault', 7, 1, null, 'PC R1-A03 terputus 4 menit.')
        ],
        truncated: false
      },
      {
        stage: 'reporting',
        counts: [
          { kind: 'late_finalisation', count: 1, byCategory: [] },
          { kind: 'correction', count: 0, byCategory: [] }
        ],
        items: [item('late_finalisation', 9, 2, null, 'Difinalisasi 10 Desember 2026 pukul 08.10 WIB.')],
        truncated: false
      }
    ],
    venues: [
      { venueId: v1, venueName: 'Kantor Regional I BKN Yogyakarta', venueKind: 'kanreg', region: 'Kanreg I Yogyakarta', timeZone: 'Asia/Jakarta', total: 4, byStage: { planning: 1, execution: 3, reporting: 0 }, sessions: 40 },
      { venueId: v2, venueName: 'CAT BKPSDM Kabupaten Sleman', venueKind: 'instansi', region: 'Kanreg I Yogyakarta', timeZone: 'Asia/Jakarta', total: 3, byStage: { planning: 0, execution: 2, reporting: 1 }, sessions: 12 }
    ],
    agencies: [
      { agency: 'Pemerintah Kota Yogyakarta', total: 4, byStage: { planning: 1, execution: 3, reporting: 0 }, sessions: 40 },
      { agency: 'Pemerintah Kabupaten Sleman', total: 3, byStage: { planning: 0, execution: 2, reporting: 1 }, sessions: 12 }
    ],
    trend
  };
}

export const SAMPLE_TEAM = {
  ketua: { name: 'Dr. Hendra Wijaya, M.Si.', nip: '197504122000031002', jabatan: 'Kepala Bidang Penilaian Kompetensi' },
  anggota: [
    { name: 'Rina Marlina', nip: '198802142012122001' },
    { name: 'Yusuf Hidayat', nip: null }
  ]
};

export const SAMPLE_RECOMMENDATIONS =
  'Kantor Regional I BKN Yogyakarta agar memastikan daftar periksa selesai sebelum registrasi dibuka.\n\n' +
  'CAT BKPSDM Kabupaten Sleman agar menyediakan genset yang berfungsi dan menambah kapasitas jaringan hingga paling sedikit 500 Kbps per PC sebelum sesi berikutnya.';
