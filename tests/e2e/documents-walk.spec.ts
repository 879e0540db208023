/**
 * A session's whole record as official documents, in Chromium at 1366×768 (Perban BKN 4/2024
 * Pasal 12(2)e–f, 12(3), 14(1)l–m, Lampiran I–III; SE BKN 6/2026 §5.g.2). A running session with
 * two participants at work is postponed through the Berita Acara Penundaan form — its number is
 * shown before the room says "ditunda", and those at work are paused —; the follow-ups are ticked,
 * a new daftar periksa is completed as layak (it is issued as a document, its number shown), and
 * the session resumes on a new date. It is walked to running again (registration opened, a PIN,
 * the test started), one participant completes the whole series, one is at work and one never logs
 * in; the proctor ends it with a reason, gives each who did not complete a reason, and finalises
 * with the agency's co-signer. The documents issued are listed with their numbers — the session
 * is its activity's only one, so the Berita Acara Serah Terima comes with them —; the session's
 * documents page lists its five, the activity page all six, and every PDF downloads. An edit
 * afterwards is refused as the session is finalised, and one document's code is verified signed
 * out (a wrong code is not).
 * Each new screen is photographed to /tmp/shots/.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { sessions } from '../../db/schema.ts';
import { zonedDate } from '../../server/domain/activity-rules.ts';
import { INSTRUMENTS } from '../../protocol/index.ts';
import { DOCUMENT_TITLES, type DocumentRow } from '../../protocol/documents.ts';
import { api, call, helloStation, keepAlive, startTestServer, type StationClient, type TestServer } from '../helpers/server.ts';
import { workingDaysAhead } from '../helpers/postpone.ts';
import { signIn } from './fixtures.ts';
import { fillChecklist, fillPostponeForm, postAsPage } from './session-steps.ts';

let srv: TestServer;
let activityId: number;
const stations: { st: StationClient; stop: () => void }[] = [];

const SHOTS = '/tmp/shots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/documents-walk-${name}.png` });

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 100, writeMs: 200, webBuildDir: 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 3, session: 'running' }
  ]);
  // the running session is the only one of an activity (Pasal 8) that runs a month
  const koordinator = await srv.login('koordinator');
  const a = await api(srv.url, koordinator, 'POST', '/activities', {
    purpose: 'pemetaan', agency: 'Instansi A', venueId: srv.seeded[0].venueId, dateFrom: zonedDate(Date.now(), 'Asia/Jakarta'), dateTo: workingDaysAhead(30)
  });
  expect(a.status, JSON.stringify(a.body)).toBe(201);
  activityId = a.body.activity.id;
  srv.db.update(sessions).set({ activityId }).where(eq(sessions.id, srv.hub.rooms.get(srv.seeded[0].roomId)!.session!.id)).run();
});
test.afterAll(async () => {
  for (const s of stations) {
    s.stop();
    s.st.close();
  }
  await srv?.dispose();
});

/**
 * A station PC reporting `events` (numbered from 1 in a new stream), kept online by heartbeats,
 * applying every proctor's command it is sent (a pause) as the agent does.
 */
async function station(i: number, events: object[]) {
  const stream = `docwalk-${i}-${Date.now()}`;
  const { st } = await helloStation(srv.url, srv.seeded[i].token, stream);
  st.on('station:command', (c: { id: number }) => void call(st, 'station:command-ack', { v: 1, id: c.id, result: 'applied' }));
  stations.push({ st, stop: keepAlive(st, 400) });
  const now = Date.now();
  const ack = await call(st, 'station:events', { v: 1, stream, events: events.map((e, k) => ({ ...e, seq: k + 1, at: now + k })) });
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
}

test('postponed, checked, resumed, run, finished, finalised: every document issued, downloaded and verified', async ({ browser }) => {
  test.setTimeout(240_000);
  const [pc1, pc2, pc3] = srv.seeded;
  const roomId = pc1.roomId;
  const sessionId = srv.hub.rooms.get(roomId)!.session!.id;
  // two participants are at work at their PCs; the third has not logged in
  await station(0, [{ type: 'login', nip: pc1.participant!.nip }, { type: 'progress', instrument: 'manajerial_sosiokultural', percent: 40 }]);
  await station(1, [{ type: 'login', nip: pc2.participant!.nip }]);

  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await signIn(context, srv, 'pengawas');
  const page = await context.newPage();
  const documentsOf = async (): Promise<DocumentRow[]> => (await (await page.request.get(`${srv.url}/api/sessions/${sessionId}/documents`)).json()).documents;

  await page.goto(`${srv.url}/rooms/${roomId}`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
  await expect(page.getByTestId('session-state')).toHaveText(/berjalan/i);
  await expect(page.getByTestId('link-documents')).toBeVisible();

  await test.step('the documents page before anything is issued says when documents are made', async () => {
    await page.getByTestId('link-documents').click();
    await expect(page.getByRole('heading', { name: 'Dokumen resmi sesi' })).toBeVisible();
    await expect(page.getByTestId('documents-empty')).toContainText('Berita Acara Penundaan terbit saat sesi ditunda');
    await shot(page, '01-documents-empty');
    await page.goto(`${srv.url}/rooms/${roomId}`);
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
  });

  let baNumber = '';
  await test.step('postponed through the berita acara: its number first, then "ditunda", those at work paused', async () => {
    await page.getByTestId('session-more').click();
    await page.getByTestId('session-action-postpone').click();
    const d = page.getByTestId('postpone-dialog');
    await expect(d.getByTestId('postpone-running')).toContainText('2 peserta');
    await fillPostponeForm(d);
    await d.getByTestId('postpone-confirm').click();

    await expect(page.getByTestId('postpone-number')).toHaveText(/^BA-TND\/T\/\d{4}\/0001$/);
    baNumber = (await page.getByTestId('postpone-number').textContent())!;
    // the berita acara is stored before the session is postponed (the server issues it first)
    const issued = await documentsOf();
    expect(issued.map((x) => [x.kind, x.number])).toEqual([['ba_penundaan', baNumber]]);
    await shot(page, '02-postpone-issued');
    await page.getByTestId('postpone-close').click();
    await expect(page.getByTestId('session-state')).toHaveText(/ditunda/i);
    // the two at work are paused (their tests not ended); the third was never at work
    for (const s of [pc1, pc2]) await expect(page.getByTestId(`tile-${s.code}`).locator('[data-flag="paused"]')).toHaveText(/Dijeda/);
    await expect(page.getByTestId(`tile-${pc3.code}`).locator('[data-flag="paused"]')).toHaveCount(0);
    await shot(page, '03-postponed-paused');
  });

  await test.step('the follow-ups ticked off', async () => {
    const panel = page.getByTestId('postponement-panel');
    const buttons = panel.getByTestId('postponement-mark-done');
    await expect(buttons).toHaveCount(2);
    await buttons.first().click();
    await expect(buttons).toHaveCount(1);
    await buttons.first().click();
    await expect(buttons).toHaveCount(0);
  });

  let checklistNumber = '';
  await test.step('a new daftar periksa completed as layak: issued as a document, its number and PDF shown', async () => {
    await page.getByTestId('postponement-checklist-link').click();
    await fillChecklist(page);
    const issued = page.getByTestId('checklist-document');
    await expect(issued).toContainText(/Daftar periksa diterbitkan sebagai dokumen nomor \S+/);
    checklistNumber = ((await issued.textContent())!.match(/nomor (\S+)\./) ?? [])[1];
    expect(checklistNumber).toBeTruthy();
    const pdf = await page.request.get(`${srv.url}${await page.getByTestId('checklist-document-pdf').getAttribute('href')}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await issued.scrollIntoViewIfNeeded();
    await shot(page, '04-checklist-issued');
  });

  await test.step('resumed on a date the lead time allows: back to preparation', async () => {
    await page.goto(`${srv.url}/rooms/${roomId}`);
    await expect(page.getByTestId('postponement-panel').getByTestId('postponement-readiness')).toContainText('sesi dapat dilanjutkan');
    await page.getByTestId('session-next-action').click();
    const d = page.getByTestId('resume-dialog');
    await d.getByTestId('resume-date').fill(workingDaysAhead(10));
    await d.getByTestId('resume-time').fill('09:00');
    await d.getByTestId('resume-confirm').click();
    await expect(d).toBeHidden();
    await expect(page.getByTestId('session-state')).toHaveText(/persiapan/i);
  });

  await test.step('walked to running again: registration opened, a PIN issued, the test started', async () => {
    await page.getByRole('button', { name: 'Buka registrasi' }).click();
    await expect(page.getByTestId('session-state')).toHaveText(/registrasi/i);
    await page.getByTestId('pin-control').getByRole('button', { name: 'Terbitkan PIN' }).click();
    await page.getByTestId('pin-issue-dialog').getByRole('button', { name: 'Terbitkan PIN' }).click();
    await expect(page.getByTestId('pin-status')).toHaveAttribute('data-active', 'true');
    await page.getByRole('button', { name: 'Mulai tes' }).click();
    const dialog = page.getByTestId('transition-dialog');
    await expect(dialog.getByTestId('start-ready')).toBeVisible();
    await dialog.getByRole('button', { name: 'Mulai tes' }).click();
    await expect(page.getByTestId('session-state')).toHaveText(/berjalan/i);
    // the two paused at the postponement are still paused: the proctor lets them go on
    for (const s of [pc1, pc2]) await expect(page.getByTestId(`tile-${s.code}`).locator('[data-flag="paused"]')).toHaveText(/Dijeda/);
    const bar = page.getByTestId('action-bar');
    for (const s of [pc1, pc2]) await page.getByRole('checkbox', { name: `Pilih PC ${s.code}` }).check();
    await expect(bar.getByTestId('pick-count')).toContainText('2 peserta dipilih');
    await bar.getByRole('button', { name: 'Lanjutkan', exact: true }).click();
    for (const s of [pc1, pc2]) await expect(page.getByTestId(`tile-${s.code}`).locator('[data-flag="paused"]')).toHaveCount(0);
    await bar.getByRole('button', { name: 'Hapus pilihan' }).click();
    // the first completes every instrument and the questionnaire; the second goes on working
    await station(0, [{ type: 'login', nip: pc1.participant!.nip }, ...INSTRUMENTS.map((instrument) => ({ type: 'progress', instrument, percent: 100 })), { type: 'finished' }, { type: 'questionnaire' }]);
    await station(1, [{ type: 'login', nip: pc2.participant!.nip }, { type: 'progress', instrument: 'potensi', percent: 50 }]);
    await expect(page.getByTestId(`tile-${pc1.code}`)).toContainText('Selesai');
    await shot(page, '05-running-again');
  });

  await test.step('finished with a reason while one is still at work', async () => {
    await page.getByRole('button', { name: 'Akhiri sesi' }).click();
    const dialog = page.getByTestId('transition-dialog');
    await dialog.getByTestId('transition-reason').fill('Waktu sesi berakhir; satu peserta belum selesai.');
    await dialog.getByTestId('transition-confirm').click();
    await expect(page.getByTestId('session-state')).toHaveText(/selesai/i);
  });

  let finalised: string[] = [];
  await test.step('finalised: a reason for each who did not complete, the agency co-signer, the documents issued', async () => {
    await page.getByRole('button', { name: 'Tutup sesi' }).click();
    const dialog = page.getByTestId('transition-dialog');
    await expect(dialog.getByTestId('completion-row')).toHaveCount(2);
    await expect(dialog.getByTestId('transition-confirm')).toBeDisabled();
    // the co-signer's name comes from the daftar periksa; the jabatan is the proctor's to type
    const signer = dialog.getByTestId('finalise-signer');
    await expect(signer.getByTestId('finalise-signer-name')).toHaveValue('Panitia Instansi Uji');
    await expect(signer.getByTestId('finalise-signer-nip')).toHaveValue('198703152012122002');
    await expect(signer.getByTestId('finalise-signer-jabatan')).toHaveValue('');
    await shot(page, '06-finalise-dialog');
    // the one who was present but never logged in has no suggestion: "Lainnya" with a note
    const citra = dialog.locator(`[data-testid="completion-row"][data-nip="${pc3.participant!.nip}"]`);
    await citra.getByTestId('completion-reason').selectOption('other');
    await citra.getByTestId('completion-note').fill('Hadir di ruang, tidak login setelah sesi dilanjutkan');
    await dialog.getByTestId('completion-save').click();
    await expect(dialog.getByTestId('completion-missing')).toHaveText(/Setiap peserta yang tidak menyelesaikan sudah diberi alasan/);
    await expect(dialog.getByTestId('transition-confirm')).toBeEnabled();
    // sent without a jabatan: pointed at, nothing sent
    await dialog.getByTestId('transition-confirm').click();
    await expect(dialog.getByTestId('fs-jabatan-error')).toHaveText('Wajib diisi.');
    await signer.getByTestId('finalise-signer-name').fill('Drs. Agus Prasetyo');
    await signer.getByTestId('finalise-signer-jabatan').fill('Sekretaris Badan Kepegawaian Daerah');
    await dialog.getByTestId('transition-reason').fill('Sesi dilanjutkan setelah penundaan karena listrik padam.');
    await signer.scrollIntoViewIfNeeded();
    await shot(page, '07-finalise-signer');
    await dialog.getByTestId('transition-confirm').click();

    const issued = page.getByTestId('issued-documents');
    // the activity's last session: the handover berita acara comes with the session's three
    await expect(issued.getByTestId('issued-document')).toHaveCount(4);
    expect(await issued.getByTestId('issued-document').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual([
      'daftar_hadir', 'daftar_selesai', 'ba_penyelenggaraan', 'ba_serah_terima'
    ]);
    finalised = await issued.getByTestId('issued-number').allTextContents();
    for (const n of finalised) expect(n).toMatch(/^[A-Z-]+\/T\/\d{4}\/\d{4}$/);
    // issued with the step, it counts this session as held and its berita acara as made: the
    // session, and the two berita acara of the activity (the penundaan and the penyelenggaraan)
    const all: DocumentRow[] = (await (await page.request.get(`${srv.url}/api/activities/${activityId}/documents`)).json()).documents;
    const handover = all.find((d) => d.kind === 'ba_serah_terima')!;
    const text = (await (await page.request.get(`${srv.url}/api/documents/${handover.id}/html`)).text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toMatch(/Jumlah sesi\s*:\s*1 Sesi/);
    expect(text).toContain('sejumlah 2 Berita Acara');
    await expect(page.getByTestId('session-none')).toBeVisible();
    await shot(page, '08-finalised-issued');
  });

  let docs: DocumentRow[] = [];
  await test.step('the documents page lists all five, and every PDF downloads', async () => {
    await page.getByTestId('issued-all').click();
    await expect(page).toHaveURL(new RegExp(`/rooms/${roomId}/documents\\?session=${sessionId}$`));
    await expect(page.getByTestId('session-final')).toBeVisible();
    const rows = page.getByTestId('document-row');
    await expect(rows).toHaveCount(5);
    docs = await documentsOf();
    expect(docs.map((d) => d.kind).sort()).toEqual(['ba_penundaan', 'ba_penyelenggaraan', 'daftar_hadir', 'daftar_periksa', 'daftar_selesai']);
    const numbers = await page.getByTestId('document-number').allTextContents();
    // the session's own: all but the handover, which is the activity's (on the activity page below)
    expect(numbers).toEqual([baNumber, checklistNumber, ...finalised.slice(0, 3)]);
    // each row: the title in words, the co-signer, the code as printed, a zone named with the time
    const hadir = page.locator('[data-testid="document-row"][data-kind="daftar_hadir"]');
    await expect(hadir).toContainText(DOCUMENT_TITLES.daftar_hadir);
    await expect(hadir).toContainText('Drs. Agus Prasetyo');
    await expect(hadir).toContainText('WIB');
    await expect(hadir.getByTestId('document-verify')).toHaveText(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    await shot(page, '09-documents-page');

    const links = await page.getByTestId('document-pdf').evaluateAll((els) => els.map((e) => [e.getAttribute('href'), e.getAttribute('target')]));
    expect(links).toHaveLength(5);
    for (const [href, target] of links) {
      expect(target).toBe('_blank');
      const pdf = await page.request.get(`${srv.url}${href}`);
      expect(pdf.status(), href!).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    const prints = await page.getByTestId('document-print').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    const html = await page.request.get(`${srv.url}${prints[0]}`);
    expect(html.status()).toBe(200);
    expect(html.headers()['content-type']).toContain('text/html');
  });

  await test.step('the activity page lists all six, each with its session, and every PDF downloads', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await signIn(ctx, srv, 'koordinator');
    const p = await ctx.newPage();
    await p.goto(`${srv.url}/activities/${activityId}`);
    const card = p.getByTestId('activity-documents');
    const rows = card.getByTestId('document-row');
    await expect(rows).toHaveCount(6);
    const handover = card.locator('[data-testid="document-row"][data-kind="ba_serah_terima"]');
    await expect(handover).toContainText(DOCUMENT_TITLES.ba_serah_terima);
    await expect(handover).toContainText('— (kegiatan)');
    await expect(card.locator('[data-testid="document-row"][data-kind="daftar_hadir"]')).toContainText('R1-S1');
    for (const href of await card.getByTestId('document-pdf').evaluateAll((els) => els.map((e) => e.getAttribute('href')))) {
      const pdf = await p.request.get(`${srv.url}${href}`);
      expect(pdf.status(), href!).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    await card.scrollIntoViewIfNeeded();
    await shot(p, '10-activity-documents');
    await ctx.close();
  });

  await test.step('a correction by the koordinator: the old version says it was replaced, the new one what it corrects', async () => {
    const hadir = docs.find((d) => d.kind === 'daftar_hadir')!;
    const koordinator = await srv.login('koordinator');
    const reason = 'Gelar penanda tangan instansi tertinggal';
    const r = await api(srv.url, koordinator, 'POST', `/documents/${hadir.id}/correct`, { reason, signers: [{ index: 1, name: 'Drs. Agus Prasetyo, M.Si.', nip: '198703152012122002' }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await page.reload();
    const rows = page.locator(`[data-testid="document-row"][data-kind="daftar_hadir"]`);
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0).getByTestId('document-replaced')).toHaveText('diganti oleh versi 2');
    await expect(rows.nth(1).getByTestId('document-correction')).toHaveText(`koreksi dari versi 1: ${reason}`);
    await expect(rows.nth(1)).toContainText('Drs. Agus Prasetyo, M.Si.');
    await expect(rows.nth(1).getByTestId('document-number')).toHaveText(hadir.number);
    // the correction sits right under the version it corrects
    const kinds = await page.getByTestId('document-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['ba_penundaan', 'daftar_periksa', 'daftar_hadir', 'daftar_hadir', 'daftar_selesai', 'ba_penyelenggaraan']);
    await rows.nth(0).scrollIntoViewIfNeeded();
    await shot(page, '11-documents-corrected');
  });

  await test.step('an edit afterwards — an incident — is refused: the session is finalised', async () => {
    await page.goto(`${srv.url}/rooms/${roomId}/incidents?session=${sessionId}`);
    await expect(page.getByTestId('session-final')).toContainText('final');
    await expect(page.getByTestId('incident-add')).toHaveCount(0);
    // the request a page left open before finalising would send
    const r = await postAsPage(page, `/sessions/${sessionId}/incidents`, { category: 'other', description: 'dicatat setelah final', actionTaken: '' });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'INVALID_STATE', messageCode: 'session.finalised' });
    expect(r.body.pesan).toContain('Sesi ini sudah difinalisasi');
    await shot(page, '12-incidents-final');
  });

  await test.step('signed out, a document verifies by its code; a wrong code does not', async () => {
    const doc = docs.find((d) => d.kind === 'ba_penyelenggaraan')!;
    const anon = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const p = await anon.newPage();
    await p.goto(`${srv.url}/verify/${doc.code}`);
    await expect(p.getByTestId('verify-result')).toContainText(`Dokumen asli: ${DOCUMENT_TITLES.ba_penyelenggaraan} Nomor ${doc.number}`);
    await shot(p, '13-verify-found');
    const wrong = doc.code.slice(0, 9) + (doc.code[9] === 'Z' ? 'Y' : 'Z');
    await p.goto(`${srv.url}/verify/${wrong}`);
    await expect(p.getByTestId('verify-result')).toContainText('Kode tidak dikenal');
    await shot(p, '14-verify-wrong');
    await anon.close();
  });

  await context.close();
});
