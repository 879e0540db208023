/**
 * The monitoring and evaluation report's rules (server/domain/evaluation.ts; Perban BKN 4/2024
 * Pasal 16(4)–(5)) on hand-built facts: every procedure check, every kind of problem in its stage,
 * the items' cap, the ranking's ties, a trend with every date (zeros included), and a session's date
 * read in its venue's zone.
 */
import { describe, expect, it } from 'vitest';
import type {
  EvaluationAuditRecord, EvaluationSessionRecord, EvaluationVenueRecord
} from '../../db/queries/evaluation.ts';
import { evaluationReportOf, finalisationDue, rankProblems, type EvaluationFacts } from '../../server/domain/evaluation.ts';
import { zonedInstant } from '../../server/domain/activity-rules.ts';
import { ALL_PROBLEM_KINDS, EVALUATION_ITEMS_LIMIT, EVALUATION_RANK_LIMIT, stageOf, type EvaluationReport, type ProblemKind } from '../../protocol/evaluation.ts';
import type { VenueTimeZone } from '../../protocol/activity.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const FROM = '2026-03-02';
const TO = '2026-03-04';
/** well after the period: every day of it is over */
const NOW = zonedInstant('2026-03-10', '12:00', 'Asia/Jakarta');

const venue = (id: number, name: string, timeZone: VenueTimeZone = 'Asia/Jakarta', region: string | null = 'Kanreg I'): EvaluationVenueRecord =>
  ({ id, name, kind: 'kanreg', region, timeZone });

let nextId = 1;
function session(venueId: number, date: string, time: string, zone: VenueTimeZone, over: Partial<EvaluationSessionRecord> = {}): EvaluationSessionRecord {
  const id = nextId++;
  return {
    id, code: `S${id}`, name: `Sesi ${id}`, state: 'scheduled', roomId: venueId * 10, venueId,
    scheduledAt: zonedInstant(date, time, zone), durationMin: 180, startedAt: null, finishedAt: null, stateChangedAt: null,
    activityId: null, agency: null, purpose: null, lateRegistrationReason: null, lateRegistrationAt: null,
    roster: 0, present: 0, openedAt: null, finalisedAt: null, checklistCompletedAt: null, checklistUpdatedAt: null, checklistItemsJson: null,
    baPenyelenggaraan: 0, baPenundaan: 0, postponements: 0,
    ...over
  };
}

/** A session held and finalised on its day: the checklist before registration, its berita acara, finalised an hour after its end. */
function goodSession(venueId: number, date: string, zone: VenueTimeZone = 'Asia/Jakarta', over: Partial<EvaluationSessionRecord> = {}) {
  const s = session(venueId, date, '08:00', zone, over);
  return {
    ...s,
    state: 'finalised' as const,
    checklistCompletedAt: s.scheduledAt - 2 * HOUR, checklistUpdatedAt: s.scheduledAt - 2 * HOUR, openedAt: s.scheduledAt - HOUR,
    startedAt: s.scheduledAt, finishedAt: s.scheduledAt + 180 * MIN, finalisedAt: s.scheduledAt + 200 * MIN, stateChangedAt: s.scheduledAt + 200 * MIN,
    baPenyelenggaraan: 1, roster: 10, present: 9,
    ...over
  };
}

function facts(over: Partial<EvaluationFacts> & { venues: EvaluationVenueRecord[] }): EvaluationFacts {
  return {
    period: { from: FROM, to: TO },
    scope: { region: null, agency: null, venueKind: null, venueId: null, venueIds: over.venues.map((v) => v.id) },
    sessions: [], incidents: [], postponements: [], stationFaultCounts: [], stationFaults: [], corrections: [], audit: [],
    ...over
  };
}

function auditRow(action: EvaluationAuditRecord['action'], venueId: number, at: number, after: object, over: Partial<EvaluationAuditRecord> = {}): EvaluationAuditRecord {
  return {
    id: nextId++, at, action, venueId, targetType: 'session', targetId: null, actorName: 'Koordinator', afterJson: JSON.stringify(after),
    sessionId: null, sessionCode: null, agency: null, ...over
  };
}

const check = (r: Omit<EvaluationReport, 'ok'>, name: string) => r.procedure.find((p) => p.check === name)!;
const count = (r: Omit<EvaluationReport, 'ok'>, kind: ProblemKind) => r.stages.find((s) => s.stage === stageOf(kind))!.counts.find((c) => c.kind === kind)!;
const itemsOf = (r: Omit<EvaluationReport, 'ok'>, kind: ProblemKind) => r.stages.flatMap((s) => s.items).filter((i) => i.kind === kind);

describe('the procedure checks', () => {
  it('checklist before registration: applies to sessions whose registration opened; completed after it, or never, is an exception', () => {
    const v = venue(1, 'Kanreg I Yogyakarta');
    const good = goodSession(1, '2026-03-02');
    const after = goodSession(1, '2026-03-02', 'Asia/Jakarta', { checklistCompletedAt: good.openedAt! + 10 * MIN, openedAt: good.openedAt });
    const never = goodSession(1, '2026-03-03', 'Asia/Jakarta', { checklistCompletedAt: null });
    const notOpened = session(1, '2026-03-04', '08:00', 'Asia/Jakarta');
    const r = evaluationReportOf(facts({ venues: [v], sessions: [good, after, never, notOpened] }), NOW);
    const row = check(r, 'checklist_before_registration');
    expect(row).toMatchObject({ applicable: 3, followed: 1 });
    expect(row.exceptions.map((e) => e.sessionId).sort()).toEqual([after.id, never.id].sort());
    expect(row.exceptions.every((e) => !e.excepted && e.venueName === 'Kanreg I Yogyakarta')).toBe(true);
    expect(row.exceptions.find((e) => e.sessionId === after.id)!.detail).toMatch(/setelah pendaftaran dibuka/);
    expect(row.exceptions.find((e) => e.sessionId === never.id)!.detail).toMatch(/tanpa daftar periksa.*Pasal 14 ayat \(1\)/);
  });

  it('berita acara: a finalised session needs its Berita Acara Penyelenggaraan, a postponed one its Berita Acara Penundaan', () => {
    const v = venue(1, 'V');
    const good = goodSession(1, '2026-03-02');
    const noBa = goodSession(1, '2026-03-02', 'Asia/Jakarta', { baPenyelenggaraan: 0 });
    const postponed = session(1, '2026-03-03', '08:00', 'Asia/Jakarta', { state: 'postponed', postponements: 1, baPenundaan: 1 });
    const postponedNoBa = session(1, '2026-03-03', '09:00', 'Asia/Jakarta', { state: 'postponed' });
    const r = evaluationReportOf(facts({ venues: [v], sessions: [good, noBa, postponed, postponedNoBa] }), NOW);
    const row = check(r, 'berita_acara');
    expect(row).toMatchObject({ applicable: 4, followed: 2 });
    expect(row.exceptions.find((e) => e.sessionId === noBa.id)!.detail).toMatch(/Berita Acara Penyelenggaraan/);
    expect(row.exceptions.find((e) => e.sessionId === postponedNoBa.id)!.detail).toMatch(/Berita Acara Penundaan/);
  });

  it('finalised on its day: a finalisation the next day, or none once the day is over, is an exception; a day not over is not judged', () => {
    const v = venue(1, 'V');
    const good = goodSession(1, '2026-03-02');
    const nextDay = goodSession(1, '2026-03-02', 'Asia/Jakarta', { finalisedAt: zonedInstant('2026-03-03', '09:00', 'Asia/Jakarta') });
    const never = { ...goodSession(1, '2026-03-03'), state: 'finished' as const, finalisedAt: null };
    const today = { ...goodSession(1, '2026-03-04'), state: 'finished' as const, finalisedAt: null };
    const now = zonedInstant('2026-03-04', '20:00', 'Asia/Jakarta');
    const r = evaluationReportOf(facts({ venues: [v], sessions: [good, nextDay, never, today] }), now);
    const row = check(r, 'finalised_on_day');
    expect(row).toMatchObject({ applicable: 3, followed: 1 });
    expect(row.exceptions.find((e) => e.sessionId === nextDay.id)!.detail).toMatch(/2026-03-03 09:00 WIB, bukan pada hari pelaksanaan 2026-03-02/);
    expect(row.exceptions.find((e) => e.sessionId === never.id)!.detail).toMatch(/belum difinalisasi/);
  });

  it('schedule rules and registration lead time: an override or exception with a reason is followed, listed as excepted with the reason quoted', () => {
    const v = venue(1, 'V');
    const overridden = goodSession(1, '2026-03-02', 'Asia/Jakarta', { purpose: 'proasn', activityId: 7, agency: 'Pemkab Sleman', lateRegistrationReason: 'Data peserta dari instansi terlambat' });
    const plain = goodSession(1, '2026-03-03', 'Asia/Jakarta', { purpose: 'proasn', activityId: 7, agency: 'Pemkab Sleman' });
    const mapping = goodSession(1, '2026-03-03', 'Asia/Jakarta', { purpose: 'pemetaan', activityId: 8, agency: 'Pemkab Sleman' });
    // the override was made before the period (within the lead time before the session)
    const planned = auditRow('session.planned', 1, zonedInstant('2026-02-27', '10:00', 'Asia/Jakarta'),
      { overrideReason: 'Permintaan instansi pengguna', workingDays: 1, minWorkingDays: 5 }, { sessionId: overridden.id, sessionCode: overridden.code, agency: 'Pemkab Sleman' });
    const r = evaluationReportOf(facts({ venues: [v], sessions: [overridden, plain, mapping], audit: [planned] }), NOW);
    const sched = check(r, 'schedule_rules');
    expect(sched).toMatchObject({ applicable: 3, followed: 3 });
    expect(sched.exceptions).toEqual([expect.objectContaining({ sessionId: overridden.id, excepted: true, date: '2026-03-02' })]);
    expect(sched.exceptions[0].detail).toMatch(/1 hari kerja sebelum pelaksanaan \(paling sedikit 5\).*“Permintaan instansi pengguna”.*Pasal 9 ayat \(5\) huruf b/);
    const reg = check(r, 'registration_lead_time');
    expect(reg).toMatchObject({ applicable: 2, followed: 2 });
    expect(reg.exceptions).toEqual([expect.objectContaining({ sessionId: overridden.id, excepted: true })]);
    expect(reg.exceptions[0].detail).toMatch(/“Data peserta dari instansi terlambat”.*SE BKN 6\/2026/);
    // the override was recorded before the period: not a planning problem of it
    expect(count(r, 'schedule_override').count).toBe(0);
  });

  it('lists at most EVALUATION_ITEMS_LIMIT exceptions per check, the newest first; its counts stay whole', () => {
    const v = venue(1, 'V');
    const many = Array.from({ length: EVALUATION_ITEMS_LIMIT + 10 }, (_, k) => goodSession(1, k % 2 ? '2026-03-02' : '2026-03-04', 'Asia/Jakarta', { baPenyelenggaraan: 0 }));
    const row = check(evaluationReportOf(facts({ venues: [v], sessions: many }), NOW), 'berita_acara');
    expect(row).toMatchObject({ applicable: EVALUATION_ITEMS_LIMIT + 10, followed: 0 });
    expect(row.exceptions).toHaveLength(EVALUATION_ITEMS_LIMIT);
    expect(row.exceptions[0].date).toBe('2026-03-04');
    expect(row.exceptions.filter((e) => e.date === '2026-03-04')).toHaveLength((EVALUATION_ITEMS_LIMIT + 10) / 2);
  });

  it('lists every check, in order, even with no session', () => {
    const r = evaluationReportOf(facts({ venues: [venue(1, 'V')] }), NOW);
    expect(r.procedure.map((p) => p.check)).toEqual(['checklist_before_registration', 'berita_acara', 'finalised_on_day', 'schedule_rules', 'registration_lead_time']);
    expect(r.procedure.every((p) => p.applicable === 0 && p.followed === 0 && p.exceptions.length === 0)).toBe(true);
  });
});

describe('the problems of each stage', () => {
  const v = venue(1, 'Kanreg I');
  const s = goodSession(1, '2026-03-03', 'Asia/Jakarta', {
    agency: 'Pemkab Sleman', activityId: 3,
    checklistItemsJson: JSON.stringify({ 'B.4': { value: 'tidak_sesuai', keterangan: 'dua PC 300 Kbps' }, 'C.5': { value: 'tidak_sesuai', keterangan: '' }, A: { value: 'sesuai', keterangan: '' } })
  });
  const lateFinal = goodSession(1, '2026-03-03', 'Asia/Jakarta', { finalisedAt: 0 });
  lateFinal.finalisedAt = finalisationDue(lateFinal) + MIN;
  const onGrace = goodSession(1, '2026-03-03', 'Asia/Jakarta', { finalisedAt: 0 });
  onGrace.finalisedAt = finalisationDue(onGrace);
  const running = { ...session(1, '2026-03-04', '08:00', 'Asia/Jakarta'), state: 'running' as const };
  const at = (time: string) => zonedInstant('2026-03-03', time, 'Asia/Jakarta');
  const f = facts({
    venues: [v],
    sessions: [s, lateFinal, onGrace, running],
    audit: [
      auditRow('session.rescheduled', 1, at('07:00'), { overrideReason: 'Gedung dipakai acara lain', workingDays: 2, minWorkingDays: 3 }, { sessionId: s.id, sessionCode: s.code, agency: 'Pemkab Sleman' }),
      auditRow('session.late_registration_allowed', 1, at('07:10'), { overrideReason: 'Nama peserta baru diterima' }, { sessionId: s.id, sessionCode: s.code, agency: 'Pemkab Sleman' }),
      auditRow('participant.import_refused', 1, at('07:20'), { errors: 4, rows: 10, kind: 'csv', errorSample: 'baris 2 (nip): NIP tidak valid' }, { sessionId: s.id, sessionCode: s.code, agency: 'Pemkab Sleman' }),
      // before the period: an override that is only the schedule check's, not a problem of the period
      auditRow('session.planned', 1, zonedInstant('2026-02-20', '10:00', 'Asia/Jakarta'), { overrideReason: 'Lama sekali' }, { sessionId: s.id })
    ],
    incidents: [
      { id: 1, sessionId: s.id, category: 'power_failure', description: 'Listrik padam 3 menit', occurredAt: at('09:00') },
      { id: 2, sessionId: s.id, category: 'power_failure', description: 'Listrik padam lagi', occurredAt: at('10:00') },
      { id: 3, sessionId: s.id, category: 'cheating', description: 'Peserta membuka catatan', occurredAt: at('09:30') }
    ],
    postponements: [{ id: 1, sessionId: s.id, sessionCode: s.code, venueId: 1, agency: 'Pemkab Sleman', category: 'listrik', reason: 'Listrik padam di gedung', createdAt: at('10:30'), sessions: 2 }],
    // counted in the store; the newest of each reason listed
    stationFaultCounts: [
      { sessionId: s.id, reason: 'silent', count: 1 }, { sessionId: s.id, reason: 'disconnected', count: 1 },
      { sessionId: s.id, reason: 'latency', count: 1 }, { sessionId: s.id, reason: 'bandwidth', count: 1 }
    ],
    stationFaults: [
      { id: 1, sessionId: s.id, stationCode: 'PC-01', at: at('09:05'), reason: 'silent', value: 45 },
      { id: 4, sessionId: s.id, stationCode: 'PC-04', at: at('09:04'), reason: 'disconnected', value: null },
      { id: 2, sessionId: s.id, stationCode: 'PC-02', at: at('09:06'), reason: 'latency', value: 3 },
      { id: 3, sessionId: s.id, stationCode: 'PC-03', at: at('09:07'), reason: 'bandwidth', value: 320 }
    ],
    corrections: [{ id: 9, sessionId: s.id, kind: 'ba_penyelenggaraan', number: 'BAP/T/2026/0001', version: 2, correctionReason: 'Salah tulis jumlah peserta', issuedAt: at('15:00') }]
  });
  const r = evaluationReportOf(f, zonedInstant('2026-03-04', '13:00', 'Asia/Jakarta'));

  it('counts every kind in its stage, with categories, and words each item', () => {
    expect(r.stages.map((x) => x.stage)).toEqual(['planning', 'execution', 'reporting']);
    expect(r.stages.map((x) => x.counts.map((c) => c.kind))).toEqual([
      ['schedule_override', 'late_registration', 'import_refused'],
      ['checklist_failure', 'postponement', 'station_fault', 'latency_breach', 'bandwidth_breach', 'incident'],
      ['late_finalisation', 'correction']
    ]);
    expect(count(r, 'schedule_override')).toEqual({ kind: 'schedule_override', count: 1, byCategory: [{ category: 'rescheduled', count: 1 }] });
    expect(count(r, 'late_registration').count).toBe(1);
    expect(count(r, 'import_refused').count).toBe(1);
    expect(itemsOf(r, 'import_refused')[0].detail).toMatch(/ditolak.*4 kesalahan.*NIP tidak valid/);
    expect(count(r, 'checklist_failure').byCategory).toEqual([{ category: 'B.4', count: 1 }, { category: 'C.5', count: 1 }]);
    expect(itemsOf(r, 'checklist_failure').find((i) => i.category === 'B.4')!.detail).toMatch(/500 Kbps.*dua PC 300 Kbps/);
    expect(count(r, 'postponement')).toMatchObject({ count: 1, byCategory: [{ category: 'listrik', count: 1 }] });
    expect(itemsOf(r, 'postponement')[0].detail).toMatch(/Listrik padam di gedung \(2 sesi ditunda\)/);
    // gone silent, or its agent's connection closed: both a PC lost during the session
    expect(count(r, 'station_fault').count).toBe(2);
    expect(itemsOf(r, 'station_fault')[0].detail).toMatch(/PC-01.*45 detik.*offline pukul 09:05 WIB/);
    expect(itemsOf(r, 'station_fault')[1].detail).toMatch(/Koneksi agen PC PC-04 terputus.*offline pukul 09:04 WIB/);
    expect(itemsOf(r, 'latency_breach')[0].detail).toMatch(/PC-02.*300 ms/);
    expect(itemsOf(r, 'bandwidth_breach')[0].detail).toMatch(/PC-03.*500 Kbps \(320 Kbps\)/);
    expect(count(r, 'incident')).toMatchObject({ count: 3, byCategory: [{ category: 'power_failure', count: 2 }, { category: 'cheating', count: 1 }] });
    expect(count(r, 'correction')).toMatchObject({ count: 1, byCategory: [{ category: 'ba_penyelenggaraan', count: 1 }] });
    expect(itemsOf(r, 'correction')[0].detail).toMatch(/BAP\/T\/2026\/0001 versi 2.*“Salah tulis jumlah peserta”/);
  });

  it('late finalisation: finalised after the end + grace, or running past it; exactly at the grace is on time', () => {
    const late = itemsOf(r, 'late_finalisation');
    expect(late.map((i) => i.sessionId).sort()).toEqual([lateFinal.id, running.id].sort());
    expect(late.find((i) => i.sessionId === running.id)!.detail).toMatch(/Belum difinalisasi; batasnya 2026-03-04 12:00 WIB/);
    expect(late.find((i) => i.sessionId === lateFinal.id)!.detail).toMatch(/lewat batas/);
  });

  it('lists each stage newest first with the place, agency and session; the session-bound items on the session\'s date', () => {
    const execution = r.stages[1].items;
    expect(execution.map((i) => i.at)).toEqual([...execution.map((i) => i.at)].sort((a, b) => b - a));
    const inc = itemsOf(r, 'incident')[0];
    expect(inc).toMatchObject({ venueId: 1, venueName: 'Kanreg I', agency: 'Pemkab Sleman', sessionId: s.id, sessionCode: s.code, date: '2026-03-03', category: 'power_failure' });
    expect(r.stages.every((x) => !x.truncated)).toBe(true);
  });

  it('an agency filter keeps the audit rows and postponements of that agency only', () => {
    const other = evaluationReportOf({ ...f, scope: { ...f.scope, agency: 'Pemkot Bandung' } }, NOW);
    expect(count(other, 'schedule_override').count).toBe(0);
    expect(count(other, 'postponement').count).toBe(0);
  });

  it('caps the items per kind, the counts whole, and says so', () => {
    const many = Array.from({ length: EVALUATION_ITEMS_LIMIT + 5 }, (_, k) => ({ id: 100 + k, sessionId: s.id, category: 'other', description: `kejadian ${k}`, occurredAt: at('09:00') + k * 1000 }));
    const big = evaluationReportOf({ ...f, incidents: many }, NOW);
    expect(count(big, 'incident').count).toBe(EVALUATION_ITEMS_LIMIT + 5);
    expect(itemsOf(big, 'incident')).toHaveLength(EVALUATION_ITEMS_LIMIT);
    expect(itemsOf(big, 'incident')[0].detail).toBe(`kejadian ${EVALUATION_ITEMS_LIMIT + 4}`);
    expect(big.stages[1].truncated).toBe(true);
    expect(big.stages[0].truncated).toBe(false);
  });

  it('counts the PCs\' faults from the store\'s tallies, listing the newest only; they rank and trend by their count', () => {
    const faults = evaluationReportOf({ ...f, stationFaultCounts: [{ sessionId: s.id, reason: 'latency', count: 450 }, { sessionId: lateFinal.id, reason: 'latency', count: 50 }] }, NOW);
    expect(count(faults, 'latency_breach').count).toBe(500);
    expect(itemsOf(faults, 'latency_breach')).toHaveLength(1);
    expect(faults.stages[1].truncated).toBe(true);
    expect(faults.trend.find((d) => d.date === '2026-03-03')!.problems.latency_breach).toBe(500);
    expect(faults.venues[0].byStage.execution).toBe(count(faults, 'checklist_failure').count + 1 + 500 + 3 + 0);
  });
});

describe('the venues and agencies with the most problems', () => {
  it('ranks by problems, then by the share per session, then by name; at most the limit', () => {
    const incident = (sessionId: number, id: number) => ({ id, sessionId, category: 'other', description: 'x', occurredAt: 0 });
    const venues = [venue(1, 'Bandung'), venue(2, 'Aceh'), venue(3, 'Cirebon'), venue(4, 'Denpasar', 'Asia/Makassar')];
    const a1 = goodSession(1, '2026-03-02', 'Asia/Jakarta', { agency: 'Instansi Z' });
    const b1 = goodSession(2, '2026-03-02', 'Asia/Jakarta', { agency: 'Instansi Y' });
    const b2 = goodSession(2, '2026-03-03', 'Asia/Jakarta', { agency: 'Instansi Y' });
    const c1 = goodSession(3, '2026-03-02');
    const d1 = goodSession(4, '2026-03-02', 'Asia/Makassar');
    const r = evaluationReportOf(facts({
      venues, sessions: [a1, b1, b2, c1, d1],
      incidents: [incident(a1.id, 1), incident(a1.id, 2), incident(b1.id, 3), incident(b2.id, 4), incident(c1.id, 5), incident(d1.id, 6)]
    }), NOW);
    // Bandung 2/1 before Aceh 2/2; Cirebon and Denpasar 1/1 each, by name
    expect(r.venues.map((x) => [x.venueName, x.total, x.sessions])).toEqual([['Bandung', 2, 1], ['Aceh', 2, 2], ['Cirebon', 1, 1], ['Denpasar', 1, 1]]);
    expect(r.venues[0]).toMatchObject({ venueId: 1, venueKind: 'kanreg', region: 'Kanreg I', timeZone: 'Asia/Jakarta', byStage: { planning: 0, execution: 2, reporting: 0 } });
    expect(r.agencies.map((x) => [x.agency, x.total, x.sessions])).toEqual([['Instansi Z', 2, 1], ['Instansi Y', 2, 2]]);
  });

  it('keeps the first EVALUATION_RANK_LIMIT', () => {
    const rows = Array.from({ length: EVALUATION_RANK_LIMIT + 3 }, (_, k) => ({ total: k, byStage: { planning: 0, execution: k, reporting: 0 }, sessions: 1, agency: `A${k}` }));
    const ranked = rankProblems(rows, (x) => x.agency);
    expect(ranked).toHaveLength(EVALUATION_RANK_LIMIT);
    expect(ranked[0].agency).toBe(`A${EVALUATION_RANK_LIMIT + 2}`);
  });
});

describe('the trend and the zones', () => {
  it('has every date of the period, zeros included, and adds up to the counts', () => {
    const v = venue(1, 'V');
    const s = goodSession(1, '2026-03-02', 'Asia/Jakarta', { roster: 12 });
    const r = evaluationReportOf(facts({
      venues: [v], sessions: [s], incidents: [{ id: 1, sessionId: s.id, category: 'other', description: 'x', occurredAt: s.scheduledAt + HOUR }]
    }), NOW);
    expect(r.trend.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(r.trend[0]).toMatchObject({ sessions: 1, participants: 12 });
    expect(r.trend[0].problems.incident).toBe(1);
    for (const d of r.trend.slice(1)) {
      expect(d.sessions).toBe(0);
      expect(d.participants).toBe(0);
      expect(Object.keys(d.problems).sort()).toEqual([...ALL_PROBLEM_KINDS].sort());
      expect(Object.values(d.problems).every((n) => n === 0)).toBe(true);
    }
    for (const kind of ALL_PROBLEM_KINDS) expect(r.trend.reduce((n, d) => n + d.problems[kind], 0), kind).toBe(count(r, kind).count);
  });

  it('counts a session on its date in its venue\'s zone: a WITA session at 23:30 local on its local date, 00:30 WITA on the next', () => {
    const makassar = venue(2, 'UPT Makassar', 'Asia/Makassar');
    const jayapura = venue(3, 'UPT Jayapura', 'Asia/Jayapura');
    const late = session(2, '2026-03-04', '23:30', 'Asia/Makassar', { roster: 3 });
    const early = session(3, '2026-03-02', '00:30', 'Asia/Jayapura', { roster: 4 }); // 2026-03-01 15:30 UTC
    const before = session(2, '2026-03-01', '23:30', 'Asia/Makassar', { roster: 5 }); // 15:30 UTC on the 1st, outside
    const after = session(2, '2026-03-05', '00:30', 'Asia/Makassar', { roster: 6 }); // 16:30 UTC on the 4th, outside
    expect(new Date(after.scheduledAt).toISOString().slice(0, 10)).toBe('2026-03-04');
    const r = evaluationReportOf(facts({ venues: [makassar, jayapura], sessions: [late, early, before, after] }), NOW);
    expect(r.totals.sessions).toBe(2);
    expect(r.trend.map((d) => d.participants)).toEqual([4, 0, 3]);
  });

  it('totals: venues held at, activities, states now, participants and present (a cancelled session is not held)', () => {
    const v = [venue(1, 'A'), venue(2, 'B')];
    const r = evaluationReportOf(facts({
      venues: v,
      sessions: [
        goodSession(1, '2026-03-02', 'Asia/Jakarta', { activityId: 1, roster: 10, present: 8 }),
        session(1, '2026-03-03', '08:00', 'Asia/Jakarta', { activityId: 1, state: 'postponed', roster: 5 }),
        session(2, '2026-03-03', '08:00', 'Asia/Jakarta', { activityId: 2, state: 'cancelled', roster: 7 })
      ]
    }), NOW);
    expect(r.totals).toEqual({ venues: 1, activities: 2, sessions: 3, finalised: 1, postponed: 1, cancelled: 1, participants: 15, present: 8 });
    expect(r.generatedAt).toBe(NOW);
    expect(r.period).toEqual({ from: FROM, to: TO });
  });
});
