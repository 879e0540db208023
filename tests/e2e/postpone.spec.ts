/**
 * Postponing a running session with its Berita Acara Penundaan and resuming it, in Chromium
 * (Perban BKN 4/2024 Pasal 12(2)e–f, 12(3), Lampiran III): the proctor fills in the form, the
 * berita acara's number is shown with its PDF (HTTP 200, application/pdf), the participants who
 * were working are paused (their tests not ended), the follow-ups are ticked off, a new daftar
 * periksa is completed, and the session resumes on a new date. Each new screen is photographed at
 * 1366×768 to /tmp/shots/.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { call, helloStation, startTestServer, type TestServer } from '../helpers/server.ts';
import { workingDaysAhead } from '../helpers/postpone.ts';
import { signedInPage } from './fixtures.ts';
import { fillChecklist, fillPostponeForm } from './session-steps.ts';

let srv: TestServer;
const sockets: { close(): void }[] = [];

test.beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 100, writeMs: 200, webBuildDir: 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 3, session: 'running' }
  ]);
  mkdirSync('/tmp/shots', { recursive: true });
});
test.afterAll(async () => {
  for (const s of sockets) s.close();
  await srv?.dispose();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/shots/postpone-${name}.png` });

test('a running session postponed through its berita acara, followed up, checked again and resumed', async ({ browser }) => {
  test.setTimeout(120_000);
  const [pc1, pc2] = srv.seeded;
  const roomId = pc1.roomId;
  // two participants are at work at their PCs
  for (const s of [pc1, pc2]) {
    const stream = `e2e-pp-${s.code}`;
    const { st } = await helloStation(srv.url, s.token, stream);
    sockets.push(st);
    const ack = await call(st, 'station:events', { v: 1, stream, events: [{ seq: 1, at: Date.now(), type: 'login', nip: s.participant!.nip }] });
    expect(ack.ok).toBe(true);
  }

  const page = await signedInPage(browser, srv, 'pengawas');
  await page.goto(`${srv.url}/rooms/${roomId}`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
  await expect(page.getByTestId('session-state')).toHaveText(/berjalan/i);

  await test.step('Tunda sesi opens the Lampiran III form; the running test is named', async () => {
    await page.getByTestId('session-more').click();
    await page.getByTestId('session-action-postpone').click();
    const d = page.getByTestId('postpone-dialog');
    await expect(d.getByRole('heading', { name: 'Tunda sesi: Berita Acara Penundaan' })).toBeVisible();
    await expect(d.getByTestId('postpone-running')).toContainText('2 peserta');
    // the BKN signer is the signed-in proctor
    await expect(d.getByTestId('postpone-signer-bkn-nip')).toHaveValue(srv.accounts.pengawas.nip);
    await shot(page, '1-form-empty');

    // sent half-filled: the server names what is missing, next to each field
    await d.getByTestId('postpone-confirm').click();
    await expect(d.getByTestId('postpone-error')).toContainText('Berita acara penundaan belum lengkap');
    await expect(d.getByTestId('pp-reason-error')).toBeVisible();
    await expect(d.getByTestId('postpone-followups-error')).toContainText('sedikitnya satu kegiatan');
    await shot(page, '2-form-refused');

    await fillPostponeForm(d);
    // a third follow-up added and taken away again
    await d.getByTestId('postpone-followup-add').click();
    await d.getByRole('button', { name: 'Hapus kegiatan 3' }).click();
    await shot(page, '3-form-filled');
    await d.getByTestId('postpone-confirm').click();
  });

  let pdfHref = '';
  await test.step('the berita acara is issued: its number and its PDF', async () => {
    const done = page.getByTestId('postpone-done');
    await expect(done).toBeVisible();
    await expect(page.getByTestId('postpone-number')).toHaveText(/^BA-TND\/T\/\d{4}\/0001$/);
    await shot(page, '4-issued');
    pdfHref = (await page.getByTestId('postpone-pdf').getAttribute('href'))!;
    const pdf = await page.context().request.get(`${srv.url}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByTestId('postpone-close').click();
    await expect(page.getByTestId('session-state')).toHaveText(/ditunda/i);
  });

  await test.step('those at work were paused, not ended', async () => {
    const sessionId = srv.hub.rooms.get(roomId)!.session!.id;
    const list = await (await page.context().request.get(`${srv.url}/api/sessions/${sessionId}/actions`)).json();
    expect(list.actions.map((a: { kind: string }) => a.kind)).toEqual(['pause', 'pause']);
  });

  await test.step('the postponed panel: follow-ups ticked off one by one', async () => {
    const panel = page.getByTestId('postponement-panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('postponement-pdf')).toHaveAttribute('href', pdfHref);
    await expect(panel.getByTestId('postponement-readiness')).toContainText('Sesi dilanjutkan setelah');
    await shot(page, '5-postponed-panel');
    const buttons = panel.getByTestId('postponement-mark-done');
    await expect(buttons).toHaveCount(2);
    await buttons.first().click();
    await expect(buttons).toHaveCount(1);
    await buttons.first().click();
    await expect(buttons).toHaveCount(0);
    await expect(panel.getByTestId('postponement-followup').nth(1)).toHaveAttribute('data-done', 'true');
    await expect(panel.getByTestId('postponement-checklist')).toContainText('belum diselesaikan');
    await shot(page, '6-followups-done');
  });

  await test.step('a new daftar periksa, completed as layak', async () => {
    await page.getByTestId('postponement-checklist-link').click();
    await fillChecklist(page);
    await page.goto(`${srv.url}/rooms/${roomId}`);
    const panel = page.getByTestId('postponement-panel');
    await expect(panel.getByTestId('postponement-checklist')).toContainText('selesai, layak');
    await expect(panel.getByTestId('postponement-readiness')).toContainText('sesi dapat dilanjutkan');
    await shot(page, '7-ready');
  });

  await test.step('resumed on a new date: back to preparation', async () => {
    await page.getByTestId('session-next-action').click();
    const d = page.getByTestId('resume-dialog');
    await expect(d).toBeVisible();
    // inside the lead time: refused in words (this proctor is no koordinator: no override offered)
    await d.getByTestId('resume-date').fill(workingDaysAhead(1));
    await d.getByTestId('resume-time').fill('09:00');
    await d.getByTestId('resume-confirm').click();
    await expect(d.getByTestId('resume-error')).toContainText('hari kerja');
    await expect(d.getByTestId('resume-override')).toHaveCount(0);
    await d.getByTestId('resume-date').fill(workingDaysAhead(10));
    await shot(page, '8-resume');
    await d.getByTestId('resume-confirm').click();
    await expect(d).toBeHidden();
    await expect(page.getByTestId('session-state')).toHaveText(/persiapan/i);
    await expect(page.getByTestId('postponement-panel')).toHaveCount(0);
    await shot(page, '9-resumed');
  });
});
