/**
 * Postponing a session with its Berita Acara Penundaan, and resuming it (Perban BKN 4/2024 Pasal
 * 12(2)e–f, 12(3), Lampiran III), over a real server and a real SQLite file:
 *  - a running session postponed through the form: the berita acara is stored first (its row and
 *    its audit row before the state change), whoever was working is paused (their progress kept,
 *    nobody ended), the PIN ends, the checklist is opened again, the rooms are told;
 *  - the plain lifecycle step can no longer postpone or resume;
 *  - scope 'activity' covers the activity's other sessions at the venue that have not started;
 *  - resuming waits for every follow-up and a new daftar periksa that says layak, then needs a
 *    date outside the lead time — inside it only with a koordinator's reason.
 * Every test has a venue of its own (tests/helpers/per-test.ts): R1 (T0–T4 with participants, T5
 * a spare) with a running session, R2 with a session in preparation.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, documents, participantActions, sessions, sessionTransitions, userRoles } from '../../db/schema.ts';
import { zonedDate, zonedInstant } from '../../server/domain/activity-rules.ts';
import type { StationCommand } from '../../protocol/index.ts';
import { api, call, checklistBody, helloStation, roomSessionId } from '../helpers/server.ts';
import { closeAfterTest, participantIdsAt, proctorRoom, venuePerTest, watchRoom } from '../helpers/per-test.ts';
import { postponeBody, readyToResume, workingDaysAhead } from '../helpers/postpone.ts';

const venues = venuePerTest({ heartbeatMs: 1000, flushMs: 50, writeMs: 100 }, [
  { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'running' },
  { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 2, session: 'preparation' }
]);

async function setup() {
  const v = await venues.venue();
  const { srv, seeded, pengawas, roomId, sessionId } = await proctorRoom(v);
  const prep = await roomSessionId(srv.url, pengawas, v.roomIds[1]);
  const post = (id: number, body: object, who = pengawas) => api(srv.url, who, 'POST', `/sessions/${id}/postpone`, body);
  const resume = (id: number, body: object, who = pengawas) => api(srv.url, who, 'POST', `/sessions/${id}/resume`, body);
  const auditOf = (ids: number[]) => srv.db.select().from(auditLog).where(and(eq(auditLog.targetType, 'session'), inArray(auditLog.targetId, ids.map(String)))).orderBy(asc(auditLog.id)).all();
  return { v, srv, seeded, pengawas, roomId, sessionId, prep, post, resume, auditOf };
}

describe('postponing a running session', () => {
  it('stores the berita acara first, then postpones, pauses whoever works (progress kept), ends the PIN, reopens the checklist, tells the room', async () => {
    const { v, srv, seeded, pengawas, roomId, sessionId, post, auditOf } = await setup();
    const pid = await participantIdsAt(v, pengawas, sessionId, seeded.slice(0, 3));
    const commands: StationCommand[][] = [[], [], []];
    for (const i of [0, 1]) {
      const stream = `stream-pp-${i}-${Date.now()}`;
      const st = (await helloStation(srv.url, seeded[i].token, stream)).st;
      closeAfterTest(st);
      st.on('station:command', (c) => commands[i].push(c));
      const r = await call(st, 'station:events', { v: 1, stream, events: [{ seq: 1, at: Date.now(), type: 'login', nip: seeded[i].participant!.nip }] });
      expect(r.ok).toBe(true);
    }
    const watch = await watchRoom(srv, await v.login('instruktur'), roomId);
    const tile = (i: number) => srv.hub.snapshot(roomId)!.stations.find((s) => s.id === seeded[i].stationId)!;
    await expect.poll(() => tile(1).participant?.loggedIn).toBe(true);

    // the plain step cannot postpone any more: it points at the form
    const plain = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/transition`, { action: 'postpone', reason: 'listrik padam' });
    expect(plain.status).toBe(400);
    expect(plain.body.messageCode).toBe('postponement.useForm');

    // an incomplete form: every missing field named, nothing issued
    const docsBefore = srv.db.select({ id: documents.id }).from(documents).all().length;
    const bad = await post(sessionId, postponeBody({ followUps: [' '], signers: { bkn: { name: 'Pengawas', nip: '12345' }, instansi: { name: '', nip: null } } }));
    expect(bad.status).toBe(400);
    expect(bad.body.messageCode).toBe('postponement.incomplete');
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(['followUps', 'signers.bkn.nip', 'signers.instansi.name']);
    expect(srv.db.select({ id: documents.id }).from(documents).all().length).toBe(docsBefore);

    const r = await post(sessionId, postponeBody());
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const p = r.body.postponement;
    expect(r.body.session).toMatchObject({ id: sessionId, state: 'postponed', pin: { active: false }, actions: ['resume'] });
    expect(p).toMatchObject({
      sessionId, scope: 'session', category: 'listrik', sessions: [expect.objectContaining({ id: sessionId, state: 'postponed' })],
      followUps: [
        { position: 1, text: 'Perbaikan instalasi listrik gedung', doneAt: null, doneBy: null },
        { position: 2, text: 'Uji coba genset selama 30 menit', doneAt: null, doneBy: null }
      ],
      document: { id: expect.any(Number), number: expect.stringMatching(/^BA-TND\/T\d*\/\d{4}\/0001$/), code: expect.any(String) },
      resumedAt: null
    });

    // Pasal 12(2)f: the document was stored before (or with) the state change
    const doc = srv.db.select().from(documents).where(eq(documents.id, p.document.id)).get()!;
    expect(doc).toMatchObject({ kind: 'ba_penundaan', sessionId, number: p.document.number });
    expect(doc.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const step = srv.db.select().from(sessionTransitions).where(and(eq(sessionTransitions.sessionId, sessionId), eq(sessionTransitions.toState, 'postponed'))).get()!;
    expect(step).toMatchObject({ action: 'postpone', fromState: 'running', reason: `listrik: ${postponeBody().reason}` });
    expect(doc.createdAt).toBeLessThanOrEqual(step.at);
    const issuedRow = srv.db.select().from(auditLog).where(and(eq(auditLog.action, 'document.issued'), eq(auditLog.targetId, String(doc.id)))).get()!;
    const rows = auditOf([sessionId]);
    const postponed = rows.find((a) => a.action === 'session.postpone')!;
    expect(issuedRow.id).toBeLessThan(postponed.id);
    expect(JSON.parse(postponed.afterJson!)).toMatchObject({
      state: 'postponed', postponeCategory: 'listrik', postponeScope: 'session', postponementId: p.id, documentId: doc.id, number: doc.number, paused: 2
    });

    // those working are paused with the reason, nobody ended: their answers and time are kept
    const acts = srv.db.select().from(participantActions).where(eq(participantActions.sessionId, sessionId)).all();
    expect(acts.map((a) => [a.participantId, a.kind]).sort()).toEqual([[pid[0], 'pause'], [pid[1], 'pause']].sort());
    expect(acts[0].reason).toMatch(/^Sesi ditunda — listrik: listrik padam/);
    for (const i of [0, 1]) await expect.poll(() => commands[i].map((c) => c.kind)).toEqual(['pause']);
    expect(tile(0).participant).toMatchObject({ loggedIn: true, endedAt: null });
    expect(rows.find((a) => a.action === 'participant.action_requested')).toBeDefined();

    // the room is told at once
    await expect.poll(() => watch.summaries.at(-1)?.state).toBe('postponed');

    // listed with the session, with what resuming waits for
    const list = await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/postponements`);
    expect(list.status).toBe(200);
    expect(list.body.postponements.map((x: { id: number }) => x.id)).toEqual([p.id]);
    expect(list.body.readiness).toEqual({ followUpsOpen: 2, checklistLayak: false });

    // the PDF of the berita acara is the stored one
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("scope 'activity': the activity's other sessions at the venue that have not started go with it, a started or other activity's session does not", async () => {
    const { v, srv, pengawas, sessionId, prep, post } = await setup();
    const koordinator = await v.login('koordinator');
    const venueId = v.seeded[0].venueId;
    const today = zonedDate(Date.now(), 'Asia/Jakarta');
    const a = await api(srv.url, koordinator, 'POST', '/activities', { purpose: 'pemetaan', agency: 'Instansi A', venueId, dateFrom: today, dateTo: workingDaysAhead(30) });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const activityId = a.body.activity.id;
    const later = await api(srv.url, koordinator, 'POST', `/activities/${activityId}/sessions`, { roomId: v.roomIds[1], date: workingDaysAhead(10), time: '08:00', capacity: 2 });
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    const other = await api(srv.url, koordinator, 'POST', '/activities', { purpose: 'pemetaan', agency: 'Instansi B', venueId, dateFrom: today, dateTo: workingDaysAhead(30) });
    const otherSession = await api(srv.url, koordinator, 'POST', `/activities/${other.body.activity.id}/sessions`, { roomId: v.roomIds[1], date: workingDaysAhead(12), time: '08:00', capacity: 2 });
    expect(otherSession.status).toBe(201);
    // the seeded running and preparation sessions belong to the activity too
    srv.db.update(sessions).set({ activityId }).where(inArray(sessions.id, [sessionId, prep])).run();

    const r = await post(sessionId, postponeBody({ scope: 'activity', category: 'bencana', reason: 'banjir di sekitar gedung' }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.postponement.sessions.map((s: { id: number }) => s.id)).toEqual([sessionId, prep, later.body.session.id]);
    const state = (id: number) => srv.db.select({ s: sessions.state }).from(sessions).where(eq(sessions.id, id)).get()!.s;
    expect([sessionId, prep, later.body.session.id].map(state)).toEqual(['postponed', 'postponed', 'postponed']);
    expect(state(otherSession.body.session.id)).toBe('scheduled');
    // one berita acara, listing the sessions; each session's step and audit row name it
    const doc = srv.db.select().from(documents).where(eq(documents.id, r.body.postponement.document.id)).get()!;
    expect(JSON.parse(doc.modelJson).blocks.some((b: { kind: string }) => b.kind === 'table')).toBe(true);
    for (const id of [prep, later.body.session.id]) {
      const row = srv.db.select().from(auditLog).where(and(eq(auditLog.action, 'session.postpone'), eq(auditLog.targetId, String(id)))).get()!;
      expect(JSON.parse(row.afterJson!)).toMatchObject({ postponeScope: 'activity', documentId: doc.id, postponementId: r.body.postponement.id });
    }
    // the covered session shows the same postponement (to whoever controls sessions: not the koordinator)
    const list = await api(srv.url, pengawas, 'GET', `/sessions/${prep}/postponements`);
    expect(list.body.postponements.map((x: { id: number }) => x.id)).toEqual([r.body.postponement.id]);
    expect((await api(srv.url, koordinator, 'GET', `/sessions/${prep}/postponements`)).status).toBe(403);
  });
});

describe('the berita acara and the postponement commit together', () => {
  it('a session that moved while its berita acara was being rendered is not postponed, and no berita acara, number or audit row is left of it', async () => {
    const { srv, seeded, pengawas, sessionId, post } = await setup();
    // someone logged in: once the test is closed it took place, and a finished session that took
    // place is not postponed (it is finalised)
    const stream = `stream-pp-race-${Date.now()}`;
    const st = (await helloStation(srv.url, seeded[0].token, stream)).st;
    closeAfterTest(st);
    expect((await call(st, 'station:events', { v: 1, stream, events: [{ seq: 1, at: Date.now(), type: 'login', nip: seeded[0].participant!.nip }] })).ok).toBe(true);
    const docs = () => srv.db.select().from(documents).where(eq(documents.sessionId, sessionId)).all();
    const issuedRows = () => srv.db.select().from(auditLog).where(eq(auditLog.action, 'document.issued')).all().length;
    const before = issuedRows();
    // the postponement renders its document off the event loop; meanwhile the test is closed
    const postponing = post(sessionId, postponeBody());
    const closed = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/transition`, { action: 'finish', reason: 'waktu sesi berakhir lebih dahulu' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const refused = await postponing;
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(srv.db.select().from(sessions).where(eq(sessions.id, sessionId)).get()!.state).toBe('finished');
    expect(docs()).toEqual([]);
    expect(issuedRows()).toBe(before);
  });
});

describe('resuming a postponed session (Pasal 12(3))', () => {
  it('refused until every follow-up is done and a new checklist says layak; then a new date outside the lead time moves it to preparation', async () => {
    const { srv, pengawas, prep, post, resume, auditOf } = await setup();
    const r = await post(prep, postponeBody({ category: 'sarana', reason: 'proyektor dan meja administrasi belum tersedia' }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const p = r.body.postponement;
    const far = workingDaysAhead(10);

    const plain = await api(srv.url, pengawas, 'POST', `/sessions/${prep}/transition`, { action: 'resume' });
    expect(plain.status).toBe(400);
    expect(plain.body.messageCode).toBe('postponement.useResume');

    const early = await resume(prep, { date: far, time: '09:30' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'INVALID_STATE', messageCode: 'postponement.followUpsOpen', params: { n: 2 } });

    const f1 = await api(srv.url, pengawas, 'POST', `/postponements/${p.id}/followups/${p.followUps[0].id}/done`);
    expect(f1.status).toBe(200);
    expect(f1.body.postponement.followUps[0]).toMatchObject({ doneAt: expect.any(Number), doneBy: expect.any(String) });
    // again: nothing changes (once, by whom it was first)
    const f1again = await api(srv.url, pengawas, 'POST', `/postponements/${p.id}/followups/${p.followUps[0].id}/done`);
    expect(f1again.body.postponement.followUps[0].doneAt).toBe(f1.body.postponement.followUps[0].doneAt);
    expect((await api(srv.url, pengawas, 'POST', `/postponements/${p.id}/followups/999999/done`)).status).toBe(404);
    expect((await resume(prep, { date: far, time: '09:30' })).body.params).toEqual({ n: 1 });
    expect((await api(srv.url, pengawas, 'POST', `/postponements/${p.id}/followups/${p.followUps[1].id}/done`)).status).toBe(200);
    const done = auditOf([prep]).filter((a) => a.action === 'postponement.followup_done');
    expect(done).toHaveLength(2);
    expect(JSON.parse(done[0].afterJson!)).toMatchObject({ postponementId: p.id, followUp: '1. Perbaikan instalasi listrik gedung' });

    // the room has not been checked again yet
    const noCheck = await resume(prep, { date: far, time: '09:30' });
    expect(noCheck.status).toBe(409);
    expect(noCheck.body.messageCode).toBe('postponement.checklistNeeded');
    const { version } = (await api(srv.url, pengawas, 'GET', `/sessions/${prep}/checklist`)).body.checklist;
    const unfit = checklistBody(version, { filled: true, complete: true });
    unfit.conclusion = 'tidak_layak';
    unfit.recommendation = 'Genset belum dapat dinyalakan; pemeriksaan diulang setelah perbaikan.';
    expect((await api(srv.url, pengawas, 'PUT', `/sessions/${prep}/checklist`, unfit)).status).toBe(200);
    expect((await resume(prep, { date: far, time: '09:30' })).body.messageCode).toBe('postponement.checklistNeeded');
    const v2 = (await api(srv.url, pengawas, 'GET', `/sessions/${prep}/checklist`)).body.checklist.version;
    // a completed checklist is a record: it can only be changed while postponed/preparing, so it is filled in again
    const fit = await api(srv.url, pengawas, 'PUT', `/sessions/${prep}/checklist`, checklistBody(v2, { filled: true, complete: true }));
    expect(fit.status, JSON.stringify(fit.body)).toBe(200);
    expect((await api(srv.url, pengawas, 'GET', `/sessions/${prep}/postponements`)).body.readiness).toEqual({ followUpsOpen: 0, checklistLayak: true });

    // the lead time (3 working days, Pasal 9(5)b): tomorrow is refused for a pengawas, in words
    const soon = await resume(prep, { date: workingDaysAhead(1), time: '09:30' });
    expect(soon.status).toBe(409);
    expect(soon.body.messageCode).toBe('activity.leadTimeShort');
    const notKoordinator = await resume(prep, { date: workingDaysAhead(1), time: '09:30', overrideReason: 'instansi meminta segera dilanjutkan' });
    expect(notKoordinator.status).toBe(403);
    expect(notKoordinator.body.messageCode).toBe('activity.overrideRole');

    const ok = await resume(prep, { date: far, time: '09:30' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ overridden: false, session: { state: 'preparation', scheduledAt: zonedInstant(far, '09:30', 'Asia/Jakarta') } });
    const after = (await api(srv.url, pengawas, 'GET', `/sessions/${prep}/postponements`)).body;
    expect(after.readiness).toBeNull();
    expect(after.postponements[0]).toMatchObject({ resumedAt: expect.any(Number), resumedBy: expect.any(String) });
    const row = auditOf([prep]).findLast((a) => a.action === 'session.resume')!;
    expect(JSON.parse(row.afterJson!)).toMatchObject({ state: 'preparation', postponementId: p.id, documentId: p.document.id, number: p.document.number });
    // the checklist completed after the postponement stands: registration may open
    expect((await api(srv.url, pengawas, 'POST', `/sessions/${prep}/transition`, { action: 'open' })).status).toBe(200);
    // a resumed postponement's follow-ups no longer change; a follow-up of it is answered as it is
    expect((await api(srv.url, pengawas, 'POST', `/postponements/${p.id}/followups/${p.followUps[1].id}/done`)).status).toBe(200);
  });

  it("inside the lead time only with a koordinator's reason, audited", async () => {
    const { v, srv, pengawas, prep, post, resume, auditOf } = await setup();
    expect((await post(prep, postponeBody())).status).toBe(201);
    await readyToResume(srv.url, pengawas, prep);
    const tomorrow = workingDaysAhead(1);
    // this proctor is also the region's koordinator
    srv.db.insert(userRoles).values({ userId: v.accounts.pengawas.id, role: 'koordinator' }).run();
    const short = await resume(prep, { date: tomorrow, time: '10:00', overrideReason: 'segera' });
    expect(short.status).toBe(400);
    expect(short.body.messageCode).toBe('activity.overrideReason');
    const ok = await resume(prep, { date: tomorrow, time: '10:00', overrideReason: 'instansi meminta segera dilanjutkan, ruang sudah siap' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ overridden: true, session: { state: 'preparation' } });
    const row = auditOf([prep]).findLast((a) => a.action === 'session.resume')!;
    expect(JSON.parse(row.afterJson!)).toMatchObject({ overrideReason: 'instansi meminta segera dilanjutkan, ruang sudah siap', minWorkingDays: 3 });
  });
});
