/**
 * Regression tests for the session-control review (import and preparation), over a real server and a
 * real SQLite file:
 *  - a crafted ~1 MB .xlsx that unpacks to hundreds of MB (a zip bomb) is refused at once, and the
 *    server keeps answering meanwhile; only one import is read at a time (429 for the other);
 *  - a file that arrives, or is still being read, when the test starts is not imported (the state is
 *    read after the body, and again after parsing);
 *  - postponing a session reopens its daftar periksa (Pasal 12(2)e, 12(3); Lampiran I.B): registration
 *    opens again only after the room is checked again.
 * Every test has a venue of its own (tests/helpers/per-test.ts): R1 scheduled with an empty
 * roster (the import target), R2 scheduled with a roster.
 */
import http from 'node:http';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { demoNip } from '../../demo/seed.ts';
import { IMPORT_COLUMNS, IMPORT_LIMITS } from '../../protocol/session.ts';
import { api, apiRaw, checklistBody, openSession, roomSessionId } from '../helpers/server.ts';
import { venuePerTest } from '../helpers/per-test.ts';
import { postponeBody, workingDaysAhead } from '../helpers/postpone.ts';
import { xlsxBomb } from '../helpers/zip.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const venues = venuePerTest({ heartbeatMs: 1000, flushMs: 50 }, [
  { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 3, session: 'scheduled', startsInMin: 90, roster: false },
  { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 2, session: 'scheduled', startsInMin: 120 }
]);

/** A venue of the test's own: its proctor, S1 (R1: empty roster, the import target) and S2 (R2: a roster). */
async function setup() {
  const v = await venues.venue();
  const { srv } = v;
  const pengawas = await v.login('pengawas');
  const S1 = await roomSessionId(srv.url, pengawas, v.roomIds[0]);
  const S2 = await roomSessionId(srv.url, pengawas, v.roomIds[1]);
  const importFile = (session: number, data: Buffer | string, type = XLSX) =>
    apiRaw(srv.url, pengawas, 'POST', `/sessions/${session}/participants/import`, data, type);
  const rosterSize = async (session: number) => (await api(srv.url, pengawas, 'GET', `/sessions/${session}/attendance`)).body.rows.length as number;
  const transition = (session: number, body: object) => api(srv.url, pengawas, 'POST', `/sessions/${session}/transition`, body);
  return { v, srv, pengawas, S1, S2, importFile, rosterSize, transition };
}

async function roster(n: number, from = 5000): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Peserta');
  ws.addRow([...IMPORT_COLUMNS]);
  for (let i = 0; i < n; i++) ws.addRow([demoNip(from + i), `Peserta Impor ${i + 1}`, 'Analis SDM Aparatur', 'Ahli Pertama', 'Bagian Kepegawaian', 'Instansi A', `IMP-${from + i}`]);
  ws.getColumn(1).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('XLSX import under load and attack', () => {
  it('a ~1 MB workbook whose sheet unpacks to ~420 MB: 400 with an error on row 0 in under 2 s, and /api/health answers meanwhile', async () => {
    const { srv, S1, importFile, rosterSize } = await setup();
    const { file, sheetSize } = xlsxBomb(480);
    expect(file.length).toBeLessThan(IMPORT_LIMITS.maxBytes); // it gets past the upload limit
    expect(sheetSize).toBeGreaterThan(8 * 1024 * 1024 * 50);

    const health: number[] = [];
    let done = false;
    const probe = async () => {
      while (!done) {
        const t = performance.now();
        const r = await fetch(`${srv.url}/api/health`);
        expect(r.status).toBe(200);
        health.push(performance.now() - t);
        await new Promise((ok) => setTimeout(ok, 20));
      }
    };
    const t0 = performance.now();
    const probing = probe();
    const r = await importFile(S1, file).finally(() => { done = true; });
    const took = performance.now() - t0;
    await probing;
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(r.body.errors).toEqual([expect.objectContaining({ row: 0, message: expect.stringMatching(/unpacks to far more/) })]);
    expect(took).toBeLessThan(2000);
    expect(health.length).toBeGreaterThan(0);
    expect(Math.max(...health)).toBeLessThan(1000);
    expect(await rosterSize(S1)).toBe(0);
  });

  it('two imports at once: one is read, the other is told to retry (429); the retry then goes through', async () => {
    const { S1, importFile, rosterSize } = await setup();
    const file = await roster(IMPORT_LIMITS.maxRows);
    const [a, b] = await Promise.all([importFile(S1, file), importFile(S1, file)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 429]);
    const refused = a.status === 429 ? a : b;
    expect(refused.body).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(await rosterSize(S1)).toBe(IMPORT_LIMITS.maxRows);
    const again = await importFile(S1, file);
    expect(again.status).toBe(200);
    expect(await rosterSize(S1)).toBe(IMPORT_LIMITS.maxRows);
  });
});

describe('postponing reopens the daftar periksa', () => {
  it('postponed with a completed checklist: back to a draft; resume is refused until it is completed again, then open is allowed', async () => {
    const { srv, pengawas, S2, transition } = await setup();
    expect((await transition(S2, { action: 'prepare' })).status).toBe(200);
    const v0 = (await api(srv.url, pengawas, 'GET', `/sessions/${S2}/checklist`)).body.checklist.version;
    const done = await api(srv.url, pengawas, 'PUT', `/sessions/${S2}/checklist`, checklistBody(v0, { filled: true, complete: true }));
    expect(done.status).toBe(200);
    expect((await api(srv.url, pengawas, 'GET', `/sessions/${S2}`)).body.session.checklist).toEqual({ status: 'complete', conclusion: 'layak' });

    const postponed = await api(srv.url, pengawas, 'POST', `/sessions/${S2}/postpone`, postponeBody({ category: 'listrik', reason: 'listrik ruang belum stabil, genset rusak' }));
    expect(postponed.status).toBe(201);
    expect(postponed.body.session).toMatchObject({ state: 'postponed', checklist: { status: 'draft' } });
    const list = (await api(srv.url, pengawas, 'GET', `/sessions/${S2}/checklist`)).body.checklist;
    expect(list).toMatchObject({ completedAt: null, version: done.body.checklist.version + 1 });

    // the follow-ups are done; the old form cannot reopen registration: the room is checked again first
    const p = postponed.body.postponement;
    for (const f of p.followUps) expect((await api(srv.url, pengawas, 'POST', `/postponements/${p.id}/followups/${f.id}/done`)).status).toBe(200);
    const early = await api(srv.url, pengawas, 'POST', `/sessions/${S2}/resume`, { date: workingDaysAhead(10), time: '08:00' });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/checklist/i);
    expect(early.body.pesan).toMatch(/daftar periksa/i);

    const again = await api(srv.url, pengawas, 'PUT', `/sessions/${S2}/checklist`, checklistBody(list.version, { filled: true, complete: true }));
    expect(again.status).toBe(200);
    expect((await api(srv.url, pengawas, 'POST', `/sessions/${S2}/resume`, { date: workingDaysAhead(10), time: '08:00' })).status).toBe(200);
    const opened = await transition(S2, { action: 'open' });
    expect(opened.status).toBe(200);
    expect(opened.body.session).toMatchObject({ state: 'open', checklist: { status: 'complete' } });
  });

});

describe('an import that lands after the test started', () => {
  it('a file whose upload ends after the test started is not imported (the state is read once the body is in)', async () => {
    const { srv, pengawas, S2, rosterSize, transition } = await setup();
    await openSession(srv.url, pengawas, S2);
    const rows = (await api(srv.url, pengawas, 'GET', `/sessions/${S2}/attendance`)).body.rows as { participantId: number }[];
    expect((await api(srv.url, pengawas, 'POST', `/sessions/${S2}/participants/${rows[0].participantId}/check-in`, { idCard: true, participantCard: true, faceMatch: true })).status).toBe(200);
    expect((await api(srv.url, pengawas, 'POST', `/sessions/${S2}/pin`, { lifetimeMin: 30 })).status).toBe(200);
    const before = rows.length;
    const csv = `${IMPORT_COLUMNS.join(';')}\r\n${demoNip(9100)};Terlambat Diimpor;Analis SDM Aparatur;Ahli Pertama;Bagian Kepegawaian;Instansi A;X-1\r\n`;
    const u = new URL(`${srv.url}/api/sessions/${S2}/participants/import`);
    const answer = new Promise<{ status: number; body: any }>((ok, ko) => {
      const req = http.request({
        host: u.hostname, port: u.port, path: u.pathname, method: 'POST',
        headers: { cookie: pengawas.cookie, 'x-csrf-token': pengawas.csrf, 'content-type': 'text/csv', 'content-length': Buffer.byteLength(csv) }
      }, (res) => {
        let b = '';
        res.on('data', (d) => (b += d));
        res.on('end', () => ok({ status: res.statusCode!, body: JSON.parse(b) }));
      });
      req.on('error', ko);
      req.write(csv.slice(0, 20));
      setTimeout(async () => {
        const st = await transition(S2, { action: 'start', markAbsent: true });
        expect(st.status).toBe(200);
        req.end(csv.slice(20));
      }, 200);
    });
    const r = await answer;
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('INVALID_STATE');
    expect(await rosterSize(S2)).toBe(before);
  });

  it('a workbook still being read when the test starts is not imported (the state is checked again after parsing)', async () => {
    const { srv, pengawas, S1, importFile, rosterSize, transition } = await setup();
    // a roster to start with (someone to register present)
    expect((await importFile(S1, await roster(3))).status).toBe(200);
    await openSession(srv.url, pengawas, S1);
    const rows = (await api(srv.url, pengawas, 'GET', `/sessions/${S1}/attendance`)).body.rows as { participantId: number }[];
    expect((await api(srv.url, pengawas, 'POST', `/sessions/${S1}/participants/${rows[0].participantId}/check-in`, { idCard: true, participantCard: true, faceMatch: true })).status).toBe(200);
    expect((await api(srv.url, pengawas, 'POST', `/sessions/${S1}/pin`, { lifetimeMin: 30 })).status).toBe(200);
    const file = await roster(IMPORT_LIMITS.maxRows, 8000); // 2,000 new people: parsing takes a moment
    const u = new URL(`${srv.url}/api/sessions/${S1}/participants/import`);
    let started: Promise<{ status: number }> | null = null;
    const r = await new Promise<{ status: number; body: any }>((ok, ko) => {
      const req = http.request({
        host: u.hostname, port: u.port, path: u.pathname, method: 'POST',
        headers: { cookie: pengawas.cookie, 'x-csrf-token': pengawas.csrf, 'content-type': XLSX, 'content-length': file.length }
      }, (res) => {
        let b = '';
        res.on('data', (d) => (b += d));
        res.on('end', () => ok({ status: res.statusCode!, body: JSON.parse(b) }));
      });
      req.on('error', ko);
      // the whole file is sent; the start follows at once, while the server reads the workbook
      req.end(file, () => { started = transition(S1, { action: 'start', markAbsent: true }); });
    });
    expect((await started!)!.status).toBe(200);
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(409);
    expect(r.body.code).toBe('INVALID_STATE');
    expect(await rosterSize(S1)).toBe(rows.length);
  });
});
