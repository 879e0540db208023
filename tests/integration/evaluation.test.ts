/**
 * GET /api/evaluation, the monitoring and evaluation report (Perban BKN 4/2024 Pasal 16(4)–(5)),
 * over a real server and a real SQLite file. Two venues T and T2 in two regions, each with the same
 * rooms: R1 with a running session, R2 with a session finished five hours ago and never finalised,
 * R3 with one still to come. On T, over the API: an incident and a PC gone silent in R1's session,
 * then its postponement; a session planned today by the koordinator's override; a refused
 * participant file. The report puts each in its stage; a koordinator scoped to T's region sees T
 * only, a filter outside its scope is refused in words, an activity's team does not widen it; a bad
 * period is 400; a proctor and an agency's operator are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, stationTransitions } from '../../db/schema.ts';
import type { EvaluationReport, ProblemKind } from '../../protocol/evaluation.ts';
import { plusDays } from '../../protocol/schedule.ts';
import { zonedDate } from '../../server/domain/activity-rules.ts';
import { api, apiRaw, helloStation, roomSessionId, startTestServer, until, type Session, type TestServer } from '../helpers/server.ts';
import { postponeBody } from '../helpers/postpone.ts';
import { evaluationReport } from '../../server/evaluation/evaluation.service.ts';
import { evaluationReportOffThread, evaluationThreadRunning } from '../../server/evaluation/evaluation-pool.ts';

const HOUR = 3_600_000;
let srv: TestServer;
let today: string;
let period: string;
let koordinator: Session;
let admin: Session;
const ids = { running: 0, finished: 0, upcoming: 0, planned: 0, incident: 0, station: 0, venueT: 0, venueT2: 0, activity: 0 };

beforeAll(async () => {
  const now = Date.now();
  srv = await startTestServer({}, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'running' },
    { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 2, session: 'scheduled', state: 'finished', scheduledAt: now - 5 * HOUR },
    { code: 'R3', name: 'Ruang CAT 3', rows: 1, cols: 2, session: 'scheduled', startsInMin: 120, roster: false }
  ], { venues: 2 });
  today = zonedDate(now, 'Asia/Jakarta');
  // yesterday to tomorrow: the session finished five hours ago may be yesterday's in WIB
  period = `from=${plusDays(today, -1)}&to=${plusDays(today, 1)}`;
  const t = srv.venues[0];
  ids.venueT = t.seeded[0].venueId;
  ids.venueT2 = srv.venues[1].seeded[0].venueId;
  koordinator = await t.login('koordinator');
  admin = await t.login('admin');
  const pengawas = await t.login('pengawas');
  ids.running = await roomSessionId(srv.url, pengawas, t.roomIds[0]);
  ids.finished = await roomSessionId(srv.url, pengawas, t.roomIds[1]);
  ids.upcoming = await roomSessionId(srv.url, pengawas, t.roomIds[2]);

  // execution: an incident and a PC gone silent in R1's running session, then its postponement
  const inc = await api(srv.url, pengawas, 'POST', `/sessions/${ids.running}/incidents`, {
    category: 'power_failure', description: 'Listrik padam 3 menit; UPS menyala.', actionTaken: 'Tes dilanjutkan setelah listrik pulih.'
  });
  expect(inc.status, JSON.stringify(inc.body)).toBe(200);
  ids.incident = inc.body.incident.id;
  const pc = t.seeded.find((s) => s.roomId === t.roomIds[0])!;
  ids.station = pc.stationId;
  srv.db.insert(stationTransitions).values({ stationId: pc.stationId, at: Date.now(), fromState: 'online', toState: 'offline', reason: 'silent', value: 31 }).run();
  // another PC of the room: its agent connects, then its connection closes (the PC switched off)
  const other = t.seeded.find((s) => s.roomId === t.roomIds[0] && s.stationId !== pc.stationId)!;
  const { st } = await helloStation(srv.url, other.token, `stream-eval-${Date.now()}`);
  await until(() => srv.hub.snapshot(other.roomId)!.stations.find((x) => x.id === other.stationId)!.state === 'online');
  st.close();
  await until(() => srv.db.select().from(stationTransitions).where(and(eq(stationTransitions.stationId, other.stationId), eq(stationTransitions.reason, 'disconnected'))).all().length === 1);
  const pp = await api(srv.url, pengawas, 'POST', `/sessions/${ids.running}/postpone`, postponeBody());
  expect(pp.status, JSON.stringify(pp.body)).toBe(201);

  // planning: a session planned today, inside the lead time, by the koordinator's override
  const a = await api(srv.url, koordinator, 'POST', '/activities', { purpose: 'pemetaan', agency: 'Instansi A', venueId: ids.venueT, dateFrom: today, dateTo: plusDays(today, 30) });
  expect(a.status, JSON.stringify(a.body)).toBe(201);
  const planned = await api(srv.url, koordinator, 'POST', `/activities/${a.body.activity.id}/sessions`, {
    roomId: t.roomIds[2], date: today, time: '23:50', capacity: 2, name: 'Sesi Malam', overrideReason: 'Permintaan instansi, peserta sudah siap'
  });
  expect(planned.status, JSON.stringify(planned.body)).toBe(201);
  ids.planned = planned.body.session.id;
  ids.activity = a.body.activity.id;
  // the koordinator of T2 on the activity's team: it runs the activity's rooms, it does not evaluate T
  const team = await api(srv.url, koordinator, 'POST', `/activities/${a.body.activity.id}/team`, { userId: srv.venues[1].accounts.koordinator.id, teamRole: 'koordinator' });
  expect(team.status, JSON.stringify(team.body)).toBe(200);

  // planning: a participant file refused (a row without a valid NIP), nothing saved
  const refused = await apiRaw(srv.url, pengawas, 'POST', `/sessions/${ids.upcoming}/participants/import`,
    'nip,nama,jabatan,instansi,nomor_peserta\n123,Tanpa NIP Benar,Analis,Instansi A,P-001\n', 'text/csv');
  expect(refused.status, JSON.stringify(refused.body)).toBe(400);
  // and one for the whole activity, not even a spreadsheet
  const refusedAll = await apiRaw(srv.url, pengawas, 'POST', `/activities/${ids.activity}/participants/import`, Buffer.from([0, 1, 2, 3]), 'application/octet-stream');
  expect(refusedAll.status, JSON.stringify(refusedAll.body)).toBe(400);
});
afterAll(async () => {
  await srv?.dispose();
});

const report = async (who: Session, query = period) => {
  const r = await api(srv.url, who, 'GET', `/evaluation?${query}`);
  return r as { status: number; body: EvaluationReport & { code?: string; messageCode?: string; pesan?: string } };
};
const itemsOf = (r: EvaluationReport, kind: ProblemKind) => r.stages.flatMap((s) => s.items).filter((i) => i.kind === kind);
const countOf = (r: EvaluationReport, kind: ProblemKind) => r.stages.flatMap((s) => s.counts).find((c) => c.kind === kind)!.count;
const stageOfItem = (r: EvaluationReport, kind: ProblemKind) => r.stages.find((s) => s.items.some((i) => i.kind === kind))?.stage;

describe('GET /api/evaluation', () => {
  it('the refused file is in the audit trail, with its count of errors', () => {
    const row = srv.db.select().from(auditLog).where(and(eq(auditLog.action, 'participant.import_refused'), eq(auditLog.targetId, String(ids.upcoming)))).get();
    expect(row).toMatchObject({ venueId: ids.venueT, targetType: 'session' });
    // the first three problems in words, the count whole
    expect(JSON.parse(row!.afterJson!)).toEqual({ errors: 3, rows: 1, kind: 'csv', errorSample: expect.stringMatching(/^baris 1 \(jenjang\): .*; baris 2 \(nip\): NIP "123"/) });
    // a file refused for the whole activity: no rows, the refusal in words
    const all = srv.db.select().from(auditLog).where(and(eq(auditLog.action, 'participant.import_refused'), eq(auditLog.targetType, 'activity'))).get();
    expect(all).toMatchObject({ venueId: ids.venueT, targetId: String(ids.activity) });
    expect(JSON.parse(all!.afterJson!)).toEqual({ errors: 0, errorSample: expect.stringMatching(/CSV|XLSX/) });
  });

  it('lists the day\'s problems in their stages: override and refused file (planning), incident, PC and postponement (execution), late finalisation (reporting)', async () => {
    const { status, body } = await report(koordinator);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.period).toEqual({ from: plusDays(today, -1), to: plusDays(today, 1) });
    expect(body.scope).toEqual({ region: null, agency: null, venueKind: null, venueId: null, venueIds: [ids.venueT] });

    expect(stageOfItem(body, 'schedule_override')).toBe('planning');
    expect(itemsOf(body, 'schedule_override')).toEqual([expect.objectContaining({
      sessionId: ids.planned, venueId: ids.venueT, agency: 'Instansi A', category: 'planned', date: today,
      detail: expect.stringContaining('“Permintaan instansi, peserta sudah siap”')
    })]);
    expect(stageOfItem(body, 'import_refused')).toBe('planning');
    expect(itemsOf(body, 'import_refused')).toEqual([
      expect.objectContaining({ sessionId: null, agency: 'Instansi A', category: null, detail: expect.stringMatching(/ditolak/) }),
      expect.objectContaining({ sessionId: ids.upcoming, category: 'csv', detail: expect.stringMatching(/ditolak/) })
    ]);

    expect(stageOfItem(body, 'incident')).toBe('execution');
    expect(itemsOf(body, 'incident')).toEqual([expect.objectContaining({ sessionId: ids.running, category: 'power_failure', detail: 'Listrik padam 3 menit; UPS menyala.' })]);
    expect(itemsOf(body, 'station_fault')).toEqual([
      expect.objectContaining({ sessionId: ids.running, detail: expect.stringMatching(/^Koneksi agen PC .* terputus/) }),
      expect.objectContaining({ sessionId: ids.running, detail: expect.stringMatching(/31 detik/) })
    ]);
    expect(stageOfItem(body, 'postponement')).toBe('execution');
    expect(itemsOf(body, 'postponement')).toEqual([expect.objectContaining({ sessionId: ids.running, category: 'listrik' })]);

    expect(stageOfItem(body, 'late_finalisation')).toBe('reporting');
    expect(itemsOf(body, 'late_finalisation')).toEqual([expect.objectContaining({ sessionId: ids.finished, detail: expect.stringMatching(/^Belum difinalisasi/) })]);

    // the procedure: the running session's checklist came before registration; the override is an exception kept with its reason
    const check = (name: string) => body.procedure.find((p) => p.check === name)!;
    expect(check('checklist_before_registration').applicable).toBeGreaterThanOrEqual(1);
    expect(check('schedule_rules').exceptions).toEqual([expect.objectContaining({ sessionId: ids.planned, excepted: true })]);
    // the postponed session has its Berita Acara Penundaan
    expect(check('berita_acara').exceptions.filter((e) => e.sessionId === ids.running)).toEqual([]);
    expect(check('berita_acara').applicable).toBeGreaterThanOrEqual(1);

    expect(body.totals).toMatchObject({ venues: 1, activities: 1, postponed: 1, cancelled: 0 });
    expect(body.totals.sessions).toBe(4);
    expect(body.venues.map((v) => v.venueId)).toEqual([ids.venueT]);
    expect(body.venues[0].total).toBe(body.stages.reduce((n, s) => n + s.counts.reduce((m, c) => m + c.count, 0), 0));
    expect(body.agencies.map((a) => a.agency)).toEqual(['Instansi A']);
    expect(body.trend.map((d) => d.date)).toEqual([plusDays(today, -1), today, plusDays(today, 1)]);
    expect(body.trend.reduce((n, d) => n + d.problems.incident, 0)).toBe(1);
  });

  it('is computed on the report thread, reading the same file: the same report as in place', async () => {
    const caller = { caps: new Set(['evaluation.view'] as const), national: false, venueIds: new Set([ids.venueT]) };
    const q = { from: plusDays(today, -1), to: plusDays(today, 1) };
    const now = Date.now();
    const off = await evaluationReportOffThread(srv.db, caller, q, now);
    expect(evaluationThreadRunning()).toBe(true);
    expect(off).toEqual(evaluationReport(srv.db, caller, q, now));
    expect(off.ok && off.scope.venueIds).toEqual([ids.venueT]);
  });

  it('the admin sees both venues; the koordinator of a region only its own', async () => {
    const all = (await report(admin)).body;
    expect(all.scope.venueIds.sort((a, b) => a - b)).toEqual([ids.venueT, ids.venueT2].sort((a, b) => a - b));
    // T2's finished session is late too
    expect(countOf(all, 'late_finalisation')).toBe(2);
    expect(new Set(all.venues.map((v) => v.venueId))).toEqual(new Set([ids.venueT, ids.venueT2]));
    const mine = (await report(koordinator)).body;
    expect(countOf(mine, 'late_finalisation')).toBe(1);
    // narrowed by the filters: T2 alone for the admin, by venue or by region
    const t2 = (await report(admin, `${period}&venueId=${ids.venueT2}`)).body;
    expect(t2.scope).toMatchObject({ venueId: ids.venueT2, venueIds: [ids.venueT2] });
    expect(countOf(t2, 'incident')).toBe(0);
    expect((await report(admin, `${period}&region=${encodeURIComponent('Kanreg Uji 2')}`)).body.scope.venueIds).toEqual([ids.venueT2]);
    // the agency: only its activity's sessions and planning steps
    const agency = (await report(admin, `${period}&agency=${encodeURIComponent('Instansi A')}`)).body;
    expect(agency.totals.sessions).toBe(1);
    expect(countOf(agency, 'schedule_override')).toBe(1);
    expect(countOf(agency, 'import_refused')).toBe(1); // the activity's file; the session's has no activity
    expect(countOf(agency, 'incident')).toBe(0);
  });

  it('refuses a filter outside the koordinator\'s scope in words (403); an activity\'s team does not widen it', async () => {
    for (const q of [`venueId=${ids.venueT2}`, `region=${encodeURIComponent('Kanreg Uji 2')}`]) {
      const r = await report(koordinator, `${period}&${q}`);
      expect(r.status, q).toBe(403);
      expect(r.body.messageCode).toBe('evaluation.outOfScope');
      expect(r.body.pesan).toMatch(/di luar lingkup/);
    }
    const k2 = await srv.venues[1].login('koordinator');
    expect((await report(k2)).body.scope.venueIds).toEqual([ids.venueT2]);
    expect((await report(k2, `${period}&venueId=${ids.venueT}`)).status).toBe(403);
    // an agency whose activities are all at T is outside T2's koordinator's scope
    expect((await report(k2, `${period}&agency=${encodeURIComponent('Instansi A')}`)).status).toBe(403);
    // a venue that does not exist is not found
    expect((await report(admin, `${period}&venueId=99999`)).status).toBe(404);
  });

  it('refuses a bad period (400): the end before the start, more than 366 days, not a date', async () => {
    for (const q of [`from=${today}&to=${plusDays(today, -1)}`, `from=${today}&to=${plusDays(today, 366)}`, `from=${today}&to=besok`, `from=${today}`]) {
      const r = await report(koordinator, q);
      expect(r.status, q).toBe(400);
      expect(r.body.code).toBe('INVALID_PAYLOAD');
    }
    // a year and a day is the longest
    expect((await report(koordinator, `from=${today}&to=${plusDays(today, 365)}`)).status).toBe(200);
  });

  it('refuses a proctor and an agency\'s operator (403)', async () => {
    for (const role of ['pengawas', 'operator_instansi'] as const) {
      const r = await report(await srv.venues[0].login(role));
      expect(r.status, role).toBe(403);
    }
  });
});
