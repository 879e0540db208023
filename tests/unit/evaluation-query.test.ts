/**
 * The monitoring and evaluation page's pure parts (web/src/lib/evaluation/): the query read from
 * and written to the URL with its defaults, the quick periods, the period checks the server also
 * makes, the scope's choices from the caller's venues; the issue form's checks and body; and the
 * report read for the page (share followed, the trend per stage, the category words).
 */
import { describe, expect, it } from 'vitest';
import {
  EVALUATION_ITEMS_LIMIT,
  EVALUATION_MAX_DAYS,
  EVALUATION_MEMBERS_MAX,
  RECOMMENDATIONS_MAX,
  RECOMMENDATIONS_MIN,
  ALL_PROBLEM_KINDS,
  type ProblemKind,
  type TrendDay
} from '../../protocol/evaluation.ts';
import { evaluationIssueSchema, evaluationQuerySchema } from '../../protocol/schemas/evaluation.ts';
import {
  activeQuick,
  isDate,
  periodDays,
  periodProblem,
  queryFromParams,
  queryToSearch,
  quickPeriod,
  sameQuery,
  scopeOptions,
  todayIn,
  withPeriod,
  withScope,
  withoutScope,
  isScoped,
  type ScopeVenue
} from '../../web/src/lib/evaluation/evaluation-query.ts';
import {
  addAnggota,
  draftIssues,
  emptyDraft,
  issueBody,
  memberNipProblem,
  removeAnggota,
  type IssueDraft
} from '../../web/src/lib/evaluation/evaluation-issue.ts';
import { categoryKey, exceptionCounts, followedPercent, formatNumber, stageTotals, trendData, trendDrawable } from '../../web/src/lib/evaluation/evaluation-report.ts';

const TODAY = '2026-12-06';
const params = (s: string) => new URLSearchParams(s);

const VENUES: ScopeVenue[] = [
  { id: 1, name: 'Kanreg I Yogyakarta', region: 'Kanreg I', kind: 'kanreg' },
  { id: 2, name: 'BKD Sleman', region: 'Kanreg I', kind: 'instansi' },
  { id: 3, name: 'UPT Makassar', region: 'Kanreg IV', kind: 'upt' },
  { id: 4, name: 'aula Bantul', region: null, kind: 'lainnya' }
];

describe('today on a zone clock', () => {
  it('is WIB by default, and turns at midnight of that clock', () => {
    const utc = Date.UTC(2026, 11, 6, 16, 59, 59); // 23:59:59 WIB
    expect(todayIn(utc)).toBe('2026-12-06');
    expect(todayIn(utc + 1000)).toBe('2026-12-07');
    // 00:59:59 WITA the next day already
    expect(todayIn(Date.UTC(2026, 11, 6, 16, 0, 0), 'Asia/Makassar')).toBe('2026-12-07');
    expect(todayIn(Date.UTC(2026, 11, 6, 14, 59, 0), 'Asia/Jayapura')).toBe('2026-12-06');
  });
});

describe('the query in the URL', () => {
  it('defaults to today for both ends, with no filter', () => {
    expect(queryFromParams(params(''), TODAY)).toEqual({ from: TODAY, to: TODAY });
  });

  it('reads every key and writes them back, so a link reproduces the report', () => {
    const s = '?from=2026-11-01&to=2026-11-30&region=Kanreg+I&agency=Pemkab+Sleman&venueKind=instansi&venueId=2';
    const q = queryFromParams(params(s), TODAY);
    expect(q).toEqual({ from: '2026-11-01', to: '2026-11-30', region: 'Kanreg I', agency: 'Pemkab Sleman', venueKind: 'instansi', venueId: 2 });
    expect(queryToSearch(q)).toBe(s);
    expect(queryFromParams(params(queryToSearch(q)), TODAY)).toEqual(q);
  });

  it('always writes the period, never the filters left at "all"', () => {
    expect(queryToSearch({ from: TODAY, to: TODAY })).toBe(`?from=${TODAY}&to=${TODAY}`);
  });

  it('drops what is malformed: a date that is not one, an unknown kind, a venue id that is not a number', () => {
    const q = queryFromParams(params('from=2026-02-30&to=06-12-2026&venueKind=stadion&venueId=abc&region=%20%20&agency='), TODAY);
    expect(q).toEqual({ from: TODAY, to: TODAY });
    expect(queryFromParams(params('venueId=0'), TODAY).venueId).toBeUndefined();
    expect(queryFromParams(params('venueId=99999999999'), TODAY).venueId).toBeUndefined();
  });

  it('makes a one-day period of a lone end', () => {
    expect(queryFromParams(params('from=2026-11-02'), TODAY)).toEqual({ from: '2026-11-02', to: '2026-11-02' });
    expect(queryFromParams(params('to=2026-11-03'), TODAY)).toEqual({ from: '2026-11-03', to: '2026-11-03' });
  });

  it('keeps a backwards period as typed (it is said to be backwards, not turned round)', () => {
    const q = queryFromParams(params('from=2026-11-10&to=2026-11-01'), TODAY);
    expect(q).toEqual({ from: '2026-11-10', to: '2026-11-01' });
    expect(periodProblem(q)).toEqual({ kind: 'order' });
  });

  it('trims the text filters', () => {
    expect(queryFromParams(params('region=%20Kanreg%20I%20'), TODAY).region).toBe('Kanreg I');
  });

  it('every query it reads from a URL the server takes as well, its period checks aside', () => {
    for (const s of ['', 'from=2026-11-01&to=2026-11-30&venueKind=upt&venueId=3&region=Kanreg%20IV&agency=BKN']) {
      const q = queryFromParams(params(s), TODAY);
      const sent = Object.fromEntries(new URLSearchParams(queryToSearch(q)));
      expect(evaluationQuerySchema.safeParse(sent).success).toBe(true);
    }
  });

  it('compares queries by what they ask', () => {
    expect(sameQuery({ from: TODAY, to: TODAY, region: 'A' }, { region: 'A', to: TODAY, from: TODAY })).toBe(true);
    expect(sameQuery({ from: TODAY, to: TODAY }, { from: TODAY, to: TODAY, venueId: 1 })).toBe(false);
  });

  it('isDate takes only real YYYY-MM-DD dates', () => {
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-1-01')).toBe(false);
    expect(isDate('')).toBe(false);
    expect(isDate(null)).toBe(false);
  });
});

describe('the period', () => {
  it('counts both ends', () => {
    expect(periodDays({ from: TODAY, to: TODAY })).toBe(1);
    expect(periodDays({ from: '2026-12-01', to: '2026-12-31' })).toBe(31);
  });

  it('is refused as the server refuses it: backwards, or wider than EVALUATION_MAX_DAYS', () => {
    expect(periodProblem({ from: TODAY, to: TODAY })).toBeNull();
    const widest = { from: '2026-01-01', to: '2027-01-01' }; // 366 days
    expect(periodDays(widest)).toBe(EVALUATION_MAX_DAYS);
    expect(periodProblem(widest)).toBeNull();
    expect(periodProblem({ from: '2026-01-01', to: '2027-01-02' })).toEqual({ kind: 'tooLong', days: EVALUATION_MAX_DAYS + 1, max: EVALUATION_MAX_DAYS });
    // the server agrees on both
    expect(evaluationQuerySchema.safeParse(widest).success).toBe(true);
    expect(evaluationQuerySchema.safeParse({ from: '2026-01-01', to: '2027-01-02' }).success).toBe(false);
    expect(evaluationQuerySchema.safeParse({ from: '2026-11-10', to: '2026-11-01' }).success).toBe(false);
  });

  it('the quick picks: today, the last 7 days, this month up to today', () => {
    expect(quickPeriod('today', TODAY)).toEqual({ from: TODAY, to: TODAY });
    expect(quickPeriod('week', TODAY)).toEqual({ from: '2026-11-30', to: TODAY });
    expect(periodDays(quickPeriod('week', TODAY))).toBe(7);
    expect(quickPeriod('month', TODAY)).toEqual({ from: '2026-12-01', to: TODAY });
    expect(quickPeriod('week', '2027-01-03')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('says which quick pick a period is (today first on the 1st of a month)', () => {
    expect(activeQuick({ from: TODAY, to: TODAY }, TODAY)).toBe('today');
    expect(activeQuick({ from: '2026-11-30', to: TODAY }, TODAY)).toBe('week');
    expect(activeQuick({ from: '2026-12-01', to: TODAY }, TODAY)).toBe('month');
    expect(activeQuick({ from: '2026-12-01', to: '2026-12-01' }, '2026-12-01')).toBe('today');
    expect(activeQuick({ from: '2026-11-01', to: '2026-11-30' }, TODAY)).toBeNull();
  });

  it('a new period keeps the scope', () => {
    expect(withPeriod({ from: TODAY, to: TODAY, region: 'Kanreg I' }, { from: '2026-12-01', to: TODAY })).toEqual({ from: '2026-12-01', to: TODAY, region: 'Kanreg I' });
  });
});

describe('the scope', () => {
  it('offers the regions and kinds of the caller\'s venues, the venues the region and kind leave, and the agencies known', () => {
    const o = scopeOptions(VENUES, ['Pemkab Sleman', 'BKN', 'Pemkab Sleman'], { from: TODAY, to: TODAY });
    expect(o.regions).toEqual(['Kanreg I', 'Kanreg IV']);
    expect(o.kinds).toEqual(['kanreg', 'upt', 'instansi', 'lainnya']);
    expect(o.venues.map((v) => v.id)).toEqual([4, 2, 1, 3]); // by name
    expect(o.agencies).toEqual(['BKN', 'Pemkab Sleman']);
    const inRegion = scopeOptions(VENUES, [], { from: TODAY, to: TODAY, region: 'Kanreg I', venueKind: 'instansi' });
    expect(inRegion.venues.map((v) => v.id)).toEqual([2]);
  });

  it('keeps what the URL asks for as a choice, even when it is not among the caller\'s', () => {
    const o = scopeOptions(VENUES, [], { from: TODAY, to: TODAY, region: 'Kanreg IX', agency: 'Pemprov X', venueId: 77 });
    expect(o.regions).toContain('Kanreg IX');
    expect(o.agencies).toEqual(['Pemprov X']);
    expect(o.venues.map((v) => v.id)).toContain(77);
  });

  it('a filter set to "all" is removed from the query', () => {
    const q = withScope({ from: TODAY, to: TODAY, region: 'Kanreg I', agency: 'BKN' }, { agency: undefined }, VENUES);
    expect(q).toEqual({ from: TODAY, to: TODAY, region: 'Kanreg I' });
  });

  it('a venue the new region or kind leaves out is dropped; one still in it stays', () => {
    const q = { from: TODAY, to: TODAY, venueId: 2 };
    expect(withScope(q, { region: 'Kanreg IV' }, VENUES)).toEqual({ from: TODAY, to: TODAY, region: 'Kanreg IV' });
    expect(withScope(q, { region: 'Kanreg I' }, VENUES)).toEqual({ from: TODAY, to: TODAY, region: 'Kanreg I', venueId: 2 });
    expect(withScope(q, { venueKind: 'kanreg' }, VENUES)).toEqual({ from: TODAY, to: TODAY, venueKind: 'kanreg' });
    // the agency says nothing about the venue
    expect(withScope(q, { agency: 'BKN' }, VENUES)).toEqual({ from: TODAY, to: TODAY, venueId: 2, agency: 'BKN' });
  });

  it('clears every filter at once, the period kept', () => {
    const q = { from: '2026-12-01', to: TODAY, region: 'Kanreg I', venueKind: 'kanreg' as const, venueId: 1, agency: 'BKN' };
    expect(isScoped(q)).toBe(true);
    expect(withoutScope(q)).toEqual({ from: '2026-12-01', to: TODAY });
    expect(isScoped(withoutScope(q))).toBe(false);
  });
});

describe('the issue form', () => {
  const RECS = 'Perbaiki jaringan cadangan di lokasi dengan kendala terbanyak sebelum sesi berikutnya.';
  const filled = (): IssueDraft => ({
    recommendations: `  ${RECS}  `,
    ketua: { name: ' Siti Rahayu ', nip: '197906042002042011', jabatan: 'Kepala Bidang' },
    anggota: [{ name: 'Budi Santoso', nip: '', jabatan: '' }]
  });

  it('starts empty, with one anggota row', () => {
    const d = emptyDraft();
    expect(d.anggota).toHaveLength(1);
    const issues = draftIssues(d);
    expect(issues.get('recommendations')).toEqual({ kind: 'required' });
    expect(issues.get('ketua.name')).toEqual({ kind: 'required' });
    expect(issues.get('anggota.0.name')).toEqual({ kind: 'required' });
  });

  it('wants RECOMMENDATIONS_MIN characters at least, and at most RECOMMENDATIONS_MAX, counted trimmed', () => {
    const d = filled();
    d.recommendations = `${'x'.repeat(RECOMMENDATIONS_MIN - 1)}    `;
    expect(draftIssues(d).get('recommendations')).toEqual({ kind: 'tooShort', min: RECOMMENDATIONS_MIN, n: RECOMMENDATIONS_MIN - 1 });
    d.recommendations = 'x'.repeat(RECOMMENDATIONS_MIN);
    expect(draftIssues(d).has('recommendations')).toBe(false);
    d.recommendations = 'x'.repeat(RECOMMENDATIONS_MAX + 3);
    expect(draftIssues(d).get('recommendations')).toEqual({ kind: 'tooLong', max: RECOMMENDATIONS_MAX, over: 3 });
    // never cut: the text stays as typed
    expect(d.recommendations).toHaveLength(RECOMMENDATIONS_MAX + 3);
  });

  it('checks a NIP typed with the one NIP rule; an empty NIP is fine', () => {
    expect(memberNipProblem('')).toBeNull();
    expect(memberNipProblem(' 197906042002042011 ')).toBeNull();
    expect(memberNipProblem('12345')).toBe('format');
    expect(memberNipProblem('197913422002042011')).toBe('birth_date');
    const d = filled();
    d.anggota[0].nip = '197906042002043011';
    expect(draftIssues(d).get('anggota.0.nip')).toEqual({ kind: 'nip', problem: 'sex' });
  });

  it('adds anggota up to EVALUATION_MEMBERS_MAX and never removes the last one', () => {
    let d = emptyDraft();
    for (let i = 0; i < 20; i++) d = addAnggota(d);
    expect(d.anggota).toHaveLength(EVALUATION_MEMBERS_MAX);
    for (let i = 0; i < 20; i++) d = removeAnggota(d, 0);
    expect(d.anggota).toHaveLength(1);
  });

  it('removes the row asked for, keeping what the others hold', () => {
    let d = filled();
    d = addAnggota(d);
    d.anggota[1].name = 'Dewi';
    d = addAnggota(d);
    d.anggota[2].name = 'Eko';
    d = removeAnggota(d, 1);
    expect(d.anggota.map((m) => m.name)).toEqual(['Budi Santoso', 'Eko']);
  });

  it('a filled form has no problem, and its body is what the server takes: trimmed, an empty NIP or jabatan null', () => {
    const d = filled();
    expect(draftIssues(d).size).toBe(0);
    const query = { from: '2026-12-01', to: TODAY, venueId: 2, region: 'Kanreg I' };
    const body = issueBody(query, d);
    expect(body).toEqual({
      query,
      recommendations: RECS,
      ketua: { name: 'Siti Rahayu', nip: '197906042002042011', jabatan: 'Kepala Bidang' },
      anggota: [{ name: 'Budi Santoso', nip: null, jabatan: null }]
    });
    expect(evaluationIssueSchema.safeParse(body).success).toBe(true);
    // the body's query is a copy: changing the page's query later does not change what was sent
    expect(body.query).not.toBe(query);
  });
});

describe('the report read for the page', () => {
  const zero = () => Object.fromEntries(ALL_PROBLEM_KINDS.map((k) => [k, 0])) as Record<ProblemKind, number>;
  const day = (date: string, sessions: number, p: Partial<Record<ProblemKind, number>>): TrendDay => ({ date, sessions, participants: sessions * 10, problems: { ...zero(), ...p } });

  it('the share followed, in whole percent (never rounded up to 100), none when it applies to no session', () => {
    expect(followedPercent({ applicable: 0, followed: 0 })).toBeNull();
    expect(followedPercent({ applicable: 3, followed: 3 })).toBe(100);
    expect(followedPercent({ applicable: 200, followed: 199 })).toBe(99);
    expect(followedPercent({ applicable: 3, followed: 1 })).toBe(33);
  });

  it('tells overrides from sessions not followed, the latter whole even when the list is cut', () => {
    const e = (excepted: boolean) => ({ sessionId: 1, sessionCode: 'S1', venueName: 'V', date: TODAY, excepted, detail: '' });
    expect(exceptionCounts({ applicable: 10, followed: 8, exceptions: [e(true), e(false), e(false)] })).toEqual({ excepted: 1, failed: 2, truncated: false });
    const cut = Array.from({ length: EVALUATION_ITEMS_LIMIT }, () => e(false));
    expect(exceptionCounts({ applicable: 900, followed: 400, exceptions: cut })).toEqual({ excepted: 0, failed: 500, truncated: true });
  });

  it('sums a day\'s problems per stage', () => {
    const d = day(TODAY, 4, { schedule_override: 1, late_registration: 2, incident: 3, station_fault: 1, late_finalisation: 1, correction: 2 });
    expect(stageTotals(d)).toEqual({ planning: 3, execution: 4, reporting: 3 });
  });

  it('the trend as the chart takes it: days in order as day numbers, sessions, then the stages', () => {
    const data = trendData([day('2026-12-02', 5, { incident: 2 }), day('2026-12-01', 3, { import_refused: 1, correction: 1 })]);
    expect(data[0]).toEqual([Date.UTC(2026, 11, 1) / 86_400_000, Date.UTC(2026, 11, 2) / 86_400_000]);
    expect(data[1]).toEqual([3, 5]);
    expect(data[2]).toEqual([1, 0]);
    expect(data[3]).toEqual([0, 2]);
    expect(data[4]).toEqual([1, 0]);
  });

  it('draws a trend from two days on; a single day is no trend', () => {
    expect(trendDrawable([day(TODAY, 1, {})])).toBe(false);
    expect(trendDrawable([])).toBe(false);
    expect(trendDrawable([day('2026-12-05', 1, {}), day(TODAY, 1, {})])).toBe(true);
  });

  it('writes counts and ratios in the language\'s digits', () => {
    expect(formatNumber('id', 1680)).toBe('1.680');
    expect(formatNumber('en', 1680)).toBe('1,680');
    expect(formatNumber('id', 10 / 18)).toBe('0,56');
    expect(formatNumber('en', 0.5)).toBe('0.5');
  });

  it('names the categories of incidents and postponements by the dictionaries\' keys', () => {
    expect(categoryKey('incident', 'late_arrival')).toBe('incidents.cat.late_arrival');
    expect(categoryKey('postponement', 'listrik')).toBe('postpone.category.listrik');
    expect(categoryKey('checklist_failure', 'B.4')).toBeNull();
  });
});
