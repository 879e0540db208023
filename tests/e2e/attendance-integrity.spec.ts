/**
 * Who sat the test must match who the desk let in (Perban BKN 4/2024 Pasal 14(1)e, g, j
 * and 14(2)a–b), in Chromium, with real station agents at the PCs of Ruang CAT 1:
 *   - a participant the desk has not registered is refused at the PIN, with words the exam
 *     application shows; where the venue chooses flag-only they get in and their tile is flagged
 *     until the desk registers them;
 *   - starting with "mark the rest absent" leaves whoever is logged in at a PC out of the absences;
 *   - a login at another PC than the seat is flagged on both tiles and in the desk's list, and the
 *     proctor resolves it from the station panel by moving the seat there with a reason.
 * The session is walked to "registrasi dibuka" over the API; everything the proctor decides here
 * goes through the pages.
 */
import { rmSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { StationAgent } from '../../agent/station-agent.ts';
import { PIN_OUTCOME_TEXT } from '../../protocol/messages/pin-outcomes.ts';
import { api, openSession, startTestServer, until, type Session, type TestServer } from '../helpers/server.ts';
import { realAgent, signedInPage } from './fixtures.ts';

let srv: TestServer;
let pengawas: Session;
let roomId: number;
let sessionId: number;
let pin = '';
const agents: { agent: StationAgent; dir: string }[] = [];
type Seed = TestServer['seeded'][number];
let pcs: Seed[];
let spare: Seed;

test.beforeAll(async () => {
  // 30 minutes before the test: past the registration cut-off; the roster seeded, nobody seated yet
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 100, writeMs: 200, webBuildDir: 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 6, spares: 1, session: 'scheduled', startsInMin: 30 }
  ]);
  pcs = srv.seeded.filter((s) => s.participant);
  spare = srv.seeded.find((s) => s.code === 'R1-C1')!;
  roomId = pcs[0].roomId;
  pengawas = await srv.login('pengawas');
  sessionId = (await api(srv.url, pengawas, 'GET', `/rooms/${roomId}/session`)).body.session.id;
  await openSession(srv.url, pengawas, sessionId);
  const rows = (await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/attendance`)).body.rows as { participantId: number; nip: string }[];
  // the desk registered the first two and seated them at their PCs; the other three have not come by
  for (const i of [0, 1]) {
    const pid = rows.find((r) => r.nip === pcs[i].participant!.nip)!.participantId;
    const r = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/participants/${pid}/check-in`, { idCard: true, participantCard: true, faceMatch: true, stationId: pcs[i].stationId });
    expect(r.status).toBe(200);
  }
  pin = (await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/pin`, { lifetimeMin: 120 })).body.pin.pin;
  for (const s of [...pcs, spare]) {
    const a = realAgent(srv.url, s, 500);
    agents.push(a);
    await a.agent.start();
  }
});
test.afterAll(async () => {
  for (const a of agents) {
    await a.agent.stop();
    rmSync(a.dir, { recursive: true, force: true });
  }
  await srv?.dispose();
});

const agentAt = (s: Seed) => agents[[...pcs, spare].indexOf(s)].agent;
const nip = (i: number) => pcs[i].participant!.nip;
const name = (i: number) => pcs[i].participant!.name;
const shot = (page: Page, n: string) => page.screenshot({ path: `.tmp/e2e-integrity-${n}.png`, fullPage: true });
const tile = (page: Page, s: Seed) => page.getByTestId(`tile-${s.code}`);

async function live(page: Page, path: string) {
  await page.goto(`${srv.url}/rooms/${roomId}${path}`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
}

test('unregistered logins refused (flag-only: flagged), the start leaves logged-in people unmarked, a login at another PC moved', async ({ browser }) => {
  test.setTimeout(150_000);
  for (const s of [...pcs, spare]) await until(() => srv.hub.stations.get(s.stationId)!.view.state === 'online', 10_000);
  const room = await signedInPage(browser, srv, 'pengawas');
  const desk = await room.context().newPage();
  await live(room, '');
  await live(desk, '/registration');

  await test.step('before "Mulai tes" the PIN opens nothing: the exam application is told the test has not started', async () => {
    const r = await agentAt(pcs[0]).verifyPin(pin, nip(0));
    expect(r).toMatchObject({ ok: true, valid: false, outcome: 'not_started', text: PIN_OUTCOME_TEXT.not_started });
    await expect(tile(room, pcs[0])).toContainText('belum login');
  });

  await test.step('someone the desk never saw logs in through the exam application: stored, flagged on the tile and at the desk', async () => {
    agentAt(pcs[3]).report({ type: 'login', nip: nip(3), name: name(3) });
    await expect(tile(room, pcs[3]).locator('[data-flag="unregistered"]')).toHaveText(/Login tanpa registrasi/);
    await expect(tile(room, pcs[3])).toHaveAttribute('data-integrity', 'unregistered');
    await expect(room.getByTestId('session-count-unregistered')).toContainText('1');
    await expect(desk.getByTestId(`integrity-unregistered-${nip(3)}`)).toBeVisible();
    await expect(desk.getByTestId(`login-at-${nip(3)}`)).toHaveText(`login di ${pcs[3].code}`);
  });

  await test.step('start with "mark the rest absent": the dialog, from the server, counts 2 to mark and says the one logged in is left alone', async () => {
    await room.getByRole('button', { name: 'Mulai tes' }).click();
    const dialog = room.getByTestId('transition-dialog');
    await expect(dialog.getByTestId('start-unregistered')).toContainText('2 peserta dalam daftar belum diregistrasi hadir atau tidak hadir');
    await expect(dialog.getByTestId('start-logged-in')).toContainText('1 peserta belum registrasi tetapi sudah login di PC: mereka tidak akan ditandai tidak hadir');
    await dialog.getByLabel('Tandai 2 peserta yang belum registrasi dan belum login tidak hadir, lalu mulai tes').check();
    await shot(room, 'start-dialog');
    await dialog.getByRole('button', { name: 'Mulai tes' }).click();
    await expect(room.getByTestId('session-state')).toHaveText('berjalan');
    // at the desk: the two never seen are absent; the one at a PC is not, and is still flagged for the desk
    await expect(desk.getByTestId(`att-${nip(2)}`)).toHaveAttribute('data-status', 'absent');
    await expect(desk.getByTestId(`att-${nip(4)}`)).toHaveAttribute('data-status', 'absent');
    await expect(desk.getByTestId(`att-${nip(3)}`)).toHaveAttribute('data-status', 'expected');
    await expect(desk.getByTestId(`integrity-unregistered-${nip(3)}`)).toBeVisible();
    await shot(desk, 'after-start-desk');
  });

  await test.step('a registered participant logs in with the PIN; an unregistered one is refused with words for the exam application', async () => {
    expect(await agentAt(pcs[0]).verifyPin(pin, nip(0))).toMatchObject({ valid: true, outcome: 'ok' });
    const refused = await agentAt(pcs[2]).verifyPin(pin, nip(2));
    expect(refused).toMatchObject({ ok: true, valid: false, outcome: 'unregistered' });
    expect(refused.ok && refused.text?.id).toBe('Anda belum registrasi di meja registrasi. Silakan ke meja registrasi terlebih dahulu.');
    const attempts = (await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/pin/attempts`)).body.attempts;
    expect(attempts[0]).toMatchObject({ stationCode: pcs[2].code, nip: nip(2), outcome: 'unregistered' });
  });

  await test.step('flag-only: the proctor switches the venue\'s rule at the desk; the participant gets in and the tile is flagged until the desk registers them', async () => {
    const policy = desk.getByTestId('login-policy');
    await expect(policy).toHaveAttribute('data-policy', 'refuse');
    await policy.getByLabel('Diizinkan, ditandai di PC sampai diregistrasi').check();
    await expect(policy).toHaveAttribute('data-policy', 'flag');
    const r = await agentAt(pcs[2]).verifyPin(pin, nip(2));
    expect(r).toMatchObject({ valid: true, outcome: 'ok' });
    agentAt(pcs[2]).report({ type: 'login', nip: nip(2), name: name(2) });
    await expect(tile(room, pcs[2]).locator('[data-flag="unregistered"]')).toBeVisible();
    await expect(room.getByTestId('session-count-unregistered')).toContainText('2');
    await shot(room, 'flagged');
    // the desk checks their identity and registers them: the flag goes
    await desk.getByRole('button', { name: `Buka registrasi ${name(2)}` }).click();
    const dialog = desk.getByTestId('checkin-dialog');
    for (const check of ['Kartu identitas sesuai', 'Kartu asesi sesuai', 'Wajah cocok dengan foto']) await dialog.getByLabel(check).check();
    const late = dialog.getByTestId('ci-late-confirm');
    if (await late.isVisible()) await late.check();
    await dialog.getByRole('button', { name: 'Daftarkan hadir' }).click();
    await expect(desk.getByTestId(`att-${nip(2)}`)).toHaveAttribute('data-status', 'present');
    await expect(tile(room, pcs[2]).locator('[data-flag="unregistered"]')).toHaveCount(0);
    await expect(room.getByTestId('session-count-unregistered')).toContainText('1');
  });

  await test.step('a login at another PC than the seat: flagged on both tiles and at the desk', async () => {
    // participant 1, seated at A02 by the desk, sits down at the spare PC instead
    expect(await agentAt(spare).verifyPin(pin, nip(1))).toMatchObject({ valid: true });
    agentAt(spare).report({ type: 'login', nip: nip(1), name: name(1) });
    await expect(tile(room, spare).locator('[data-flag="wrong-pc"]')).toHaveText(new RegExp(`Bukan PC-nya · kursi ${pcs[1].code}`));
    await expect(tile(room, pcs[1]).locator('[data-flag="seated-here"]')).toHaveText(new RegExp(`Login di ${spare.code}`));
    await expect(room.getByTestId('session-count-wrong-pc')).toContainText('1');
    await expect(desk.getByTestId(`integrity-wrong_pc-${nip(1)}`)).toHaveText(/Login di PC lain/);
    await expect(desk.getByTestId(`login-at-${nip(1)}`)).toHaveText(`login di ${spare.code}`);
    await shot(room, 'wrong-pc');
  });

  await test.step('the proctor resolves it from the spare PC\'s panel: the seat moves there, with a reason; both flags go', async () => {
    await room.getByRole('button', { name: `Buka rincian stasiun ${spare.code}` }).click();
    const panel = room.getByTestId('integrity-panel');
    await expect(panel).toContainText(`${name(1)} login di PC ini, padahal meja registrasi menempatkannya di ${pcs[1].code}.`);
    await panel.getByRole('button', { name: `Pindahkan kursinya ke ${spare.code}…` }).click();
    await panel.getByLabel('Alasan pemindahan (masuk riwayat dan berita acara)').fill('Peserta duduk di PC cadangan; PC A02 dipakai untuk cadangan.');
    await panel.getByRole('button', { name: 'Pindahkan kursi' }).click();
    await expect(room.getByTestId('integrity-note')).toHaveText(`✓ Kursi ${name(1)} dipindah ke ${spare.code}.`);
    await expect(tile(room, spare).locator('[data-flag="wrong-pc"]')).toHaveCount(0);
    await expect(tile(room, pcs[1]).locator('[data-flag="seated-here"]')).toHaveCount(0);
    await expect(tile(room, spare)).toContainText(name(1));
    await expect(room.getByTestId('session-count-wrong-pc')).toHaveCount(0);
    await expect(desk.getByTestId(`att-${nip(1)}`)).toContainText(spare.code);
    await expect(desk.getByTestId(`integrity-wrong_pc-${nip(1)}`)).toHaveCount(0);
    await expect(desk.getByTestId(`moves-${nip(1)}`)).toContainText('Peserta duduk di PC cadangan');
    await shot(room, 'resolved');
  });
});
