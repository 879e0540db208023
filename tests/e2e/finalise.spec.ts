/**
 * Finalising a session in the browser (Perban BKN 4/2024 Pasal 14(1)l–m, 14(3)–(4); SE BKN 6/2026
 * §5.g.2). A session of Ruang CAT 1 runs with three on the roster: one completes every instrument
 * and the questionnaire, one is still at work, one was recorded absent at the start. The proctor
 * ends the session in the room (with a reason: the one at work is ended), then opens "Tutup sesi":
 * the dialog lists the two who did not complete with how far they got and the suggested reason
 * already chosen, says they still lack a saved reason, and keeps the button disabled; the proctor
 * changes one reason to "Lainnya" with a note, saves, and finalises. Afterwards an edit of the
 * session (an incident) is refused with the one message of a finalised session.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { INSTRUMENTS } from '../../protocol/index.ts';
import { api, call, helloStation, keepAlive, openSession, roomSessionId, startTestServer, type Session, type StationClient, type TestServer } from '../helpers/server.ts';
import { signIn } from './fixtures.ts';
import { postAsPage } from './session-steps.ts';

let srv: TestServer;
let pengawas: Session;
let sessionId: number;
let roomId: number;
const stations: { st: StationClient; stop: () => void }[] = [];
let people: { participantId: number; nip: string; name: string }[] = [];

const SHOTS = '/tmp/shots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/finalise-${name}.png` });

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 100, writeMs: 200, webBuildDir: 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 3, session: 'scheduled', startsInMin: 90 }
  ]);
  roomId = srv.seeded[0].roomId;
  pengawas = await srv.login('pengawas');
  sessionId = await roomSessionId(srv.url, pengawas, roomId);
  const step = async (method: string, path: string, body?: unknown) => {
    const r = await api(srv.url, pengawas, method, path, body);
    expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBe(200);
    return r.body;
  };
  // up to the start over the API: two checked in, the third recorded absent at the start
  await openSession(srv.url, pengawas, sessionId);
  people = (await step('GET', `/sessions/${sessionId}/attendance`)).rows;
  expect(people).toHaveLength(3);
  for (const p of people.slice(0, 2)) await step('POST', `/sessions/${sessionId}/participants/${p.participantId}/check-in`, { idCard: true, participantCard: true, faceMatch: true });
  await step('POST', `/sessions/${sessionId}/pin`, { lifetimeMin: 30 });
  await step('POST', `/sessions/${sessionId}/transition`, { action: 'start', markAbsent: true });
  // the first completes the whole series, the second is at work (potensi, half way)
  const send = async (i: number, events: object[]) => {
    const stream = `finalise-${i}-${Date.now()}`;
    const { st } = await helloStation(srv.url, srv.seeded[i].token, stream);
    stations.push({ st, stop: keepAlive(st, 400) });
    const now = Date.now();
    const r = await call(st, 'station:events', { v: 1, stream, events: events.map((e, k) => ({ ...e, seq: k + 1, at: now + k })) });
    expect(r.ok, JSON.stringify(r)).toBe(true);
  };
  await send(0, [{ type: 'login', nip: people[0].nip }, ...INSTRUMENTS.map((instrument) => ({ type: 'progress', instrument, percent: 100 })), { type: 'finished' }, { type: 'questionnaire' }]);
  await send(1, [{ type: 'login', nip: people[1].nip }, { type: 'progress', instrument: 'potensi', percent: 50 }]);
});

test.afterAll(async () => {
  for (const s of stations) {
    s.stop();
    s.st.close();
  }
  await srv?.dispose();
});

test('finish, a reason for each who did not complete, finalise; then the session is frozen', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await signIn(context, srv, 'pengawas');
  const page = await context.newPage();
  const [done, working, absent] = people;

  await test.step('the proctor ends the session with a reason: the one at work is ended', async () => {
    await page.goto(`${srv.url}/rooms/${roomId}`);
    await expect(page.getByTestId('session-state')).toHaveText('berjalan');
    await page.getByRole('button', { name: 'Akhiri sesi' }).click();
    const dialog = page.getByTestId('transition-dialog');
    await dialog.getByTestId('transition-reason').fill('Waktu sesi berakhir; satu peserta belum selesai.');
    await dialog.getByTestId('transition-confirm').click();
    await expect(page.getByTestId('session-state')).toHaveText('selesai');
  });

  const dialog = page.getByTestId('transition-dialog');
  const row = (nip: string) => dialog.locator(`[data-testid="completion-row"][data-nip="${nip}"]`);

  await test.step('"Tutup sesi" lists who did not complete, with progress and the suggested reason; Tutup sesi is disabled', async () => {
    await page.getByRole('button', { name: 'Tutup sesi' }).click();
    await expect(dialog.getByTestId('completion')).toBeVisible();
    await expect(dialog.getByTestId('completion-row')).toHaveCount(2);
    await expect(row(done.nip)).toHaveCount(0);
    await expect(row(working.nip).getByTestId('completion-progress')).toHaveText('Potensi · 30% dari seluruh rangkaian');
    await expect(row(working.nip).getByTestId('completion-reason')).toHaveValue('ended_by_proctor');
    await expect(row(absent.nip).getByTestId('completion-progress')).toHaveText('Tidak login');
    await expect(row(absent.nip).getByTestId('completion-reason')).toHaveValue('absent');
    await expect(row(absent.nip).getByTestId('completion-state')).toHaveText('Belum disimpan');
    await expect(dialog.getByTestId('completion-missing')).toHaveText(/2 peserta belum diberi alasan/);
    await expect(dialog.getByTestId('transition-confirm')).toBeDisabled();
    await shot(page, '1-reasons-suggested');
  });

  await test.step('"Lainnya" needs a note; the reasons are saved; the button is enabled', async () => {
    await row(working.nip).getByTestId('completion-reason').selectOption('other');
    await expect(row(working.nip).getByText('Tuliskan keterangan untuk alasan "Lainnya".')).toBeVisible();
    await expect(dialog.getByTestId('completion-save')).toHaveText('Simpan alasan (1)');
    await row(working.nip).getByTestId('completion-note').fill('Komputer peserta mati saat instrumen potensi');
    await expect(dialog.getByTestId('completion-save')).toHaveText('Simpan alasan (2)');
    await dialog.getByTestId('completion-save').click();
    await expect(dialog.getByTestId('completion-missing')).toHaveText(/Setiap peserta yang tidak menyelesaikan sudah diberi alasan/);
    await expect(row(working.nip).getByTestId('completion-state')).toHaveText('Tersimpan');
    await expect(row(absent.nip).getByTestId('completion-state')).toHaveText('Tersimpan');
    await expect(dialog.getByTestId('transition-confirm')).toBeEnabled();
    await shot(page, '2-reasons-saved');
  });

  await test.step('the session is finalised, co-signed for the agency by whom the daftar periksa names', async () => {
    await expect(dialog.getByTestId('finalise-signer-name')).toHaveValue('Panitia Instansi');
    await dialog.getByTestId('finalise-signer-jabatan').fill('Kepala Bidang Kepegawaian');
    await dialog.getByTestId('transition-confirm').click();
    await expect(page.getByTestId('issued-documents').getByTestId('issued-document')).toHaveCount(3);
    await expect(page.getByTestId('session-none')).toBeVisible();
    const list = await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/completion`);
    expect(list.body.participants.find((p: { nip: string }) => p.nip === working.nip).recorded).toMatchObject({ reason: 'other', note: 'Komputer peserta mati saat instrumen potensi' });
  });

  await test.step('an edit of the finalised session — an incident — is refused with the one message', async () => {
    // the pages of a finalised session offer no edit; the request a stale page would send is refused
    const r = await postAsPage(page, `/sessions/${sessionId}/incidents`, { category: 'other', description: 'dicatat setelah final', actionTaken: '' });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'INVALID_STATE', messageCode: 'session.finalised' });
    expect(r.body.pesan).toBe('Sesi ini sudah difinalisasi: catatannya tidak dapat diubah. Koreksi dibuat sebagai dokumen baru oleh koordinator.');
  });
  await context.close();
});
