/**
 * A whole session, end to end (Perban BKN 4/2024 Pasal 11–14): proctor A (pengawas)
 * starts the preparation, completes the daftar periksa (Lampiran I.B), opens registration,
 * imports the roster, checks two people in (Pasal 14(2)) — the third cannot be marked absent yet,
 * 90 minutes before the test (Lampiran I.A 1.a cut-off) — issues the session PIN and reads it off
 * the projector view (Pasal 14(1)i), and starts the test, recording the third absent as it does
 * (the dialog says so, from the server's preview). Simulated
 * station PCs type the PIN they were shown (one mistypes it once and is refused), their
 * participants work through ProASN to the end; A pauses and resumes one of them and records an
 * incident, then ends the session. Proctor B (instruktur, a second browser) only watches: after
 * every step B's pages — never reloaded — show it.
 */
import { expect, test, type Page } from '@playwright/test';
import { startSimulation, type Simulation } from '../../agent/sim/simulator.ts';
import { participantCsv } from '../../demo/seed.ts';
import type { PinAttemptRow } from '../../protocol/index.ts';
import { startTestServer, until, type TestServer } from '../helpers/server.ts';
import { signedInPage } from './fixtures.ts';
import {
  expectNotReloaded, fillChecklist, importRoster, markNoReload, readProjectorPin, registerPresent
} from './session-steps.ts';

let srv: TestServer;
let sim: Simulation | null = null;
/** what the projector shows, as the participants in the room read it; null until it is on screen */
let projectorPin: string | null = null;

test.beforeAll(async () => {
  // A session still to run (in 90 minutes, so nobody registers late) and no roster: it comes by import.
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 100, writeMs: 200, webBuildDir: 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 4, spares: 1, session: 'scheduled', startsInMin: 90, roster: false }
  ]);
});
test.afterAll(async () => {
  await sim?.stop();
  await srv?.dispose();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `.tmp/e2e-session-${name}.png`, fullPage: true });

async function live(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
  await markNoReload(page);
}

test('a whole session, checklist to end, run by one proctor and seen live by another', async ({ browser }) => {
  test.setTimeout(180_000);
  const [pc1, pc2, pc3, spare] = srv.seeded;
  expect(spare.code).toBe('R1-C1');
  const [present1, present2, missing] = [pc1, pc2, pc3].map((s) => s.participant!);
  const roomId = pc1.roomId;
  const roomUrl = `${srv.url}/rooms/${roomId}`;

  // The room's PCs are switched on during the preparation (the checklist reads them). Nobody
  // sits at pc3: its participant stays away. A participant types the PIN shown on the projector
  // before the exam application lets them in; the one at pc2 mistypes it once.
  sim = await startSimulation({
    serverUrl: srv.url,
    stations: srv.seeded.map((s) => ({ token: s.token, code: s.code, roomId: s.roomId, participant: s === pc3 ? null : s.participant })),
    heartbeatMs: 500,
    // 138–175 simulated minutes of instruments fit in ~8 s, but each instrument still reports
    // progress every 3–6 real seconds: a participant finishes ~30 s after logging in
    timeScale: 1200,
    faults: false,
    seed: 1,
    pin: () => projectorPin,
    wrongPinFirst: [pc2.code]
  });

  const a = await signedInPage(browser, srv, 'pengawas');
  const b = await signedInPage(browser, srv, 'instruktur');
  const bPages = [b];
  const bPage = async (path: string) => {
    const p = await b.context().newPage();
    await live(p, `${roomUrl}/${path}`);
    bPages.push(p);
    return p;
  };
  await live(a, roomUrl);
  await live(b, roomUrl);
  const bState = b.getByTestId('session-state');
  /** the number on one of the session chips of B's room page (the chip may carry a "!" marker) */
  const bCount = (key: string) => b.getByTestId(`session-count-${key}`).locator('strong');
  await expect(bState).toHaveText('terjadwal');
  await expect(b.getByTestId('count-online')).toHaveText('4'); // every PC reports in

  await test.step('preparation: A starts it, B sees the stage change', async () => {
    await a.getByRole('button', { name: 'Mulai persiapan' }).click();
    await expect(a.getByTestId('session-state')).toHaveText('persiapan');
    await expect(bState).toHaveText('persiapan');
    await expect(b.getByTestId('session-next')).toHaveText('Langkah berikutnya: isi daftar periksa lalu buka registrasi.');
  });

  const bChecklist = await bPage('checklist');
  await test.step('daftar periksa: A completes it, B sees it complete', async () => {
    await expect(bChecklist.getByTestId('checklist-status')).toHaveAttribute('data-status', 'none');
    await a.getByTestId('link-checklist').click();
    await expect(a).toHaveURL(`${roomUrl}/checklist`);
    // the stations are up: the system suggests "sesuai" for "all PCs connected" (B.2)
    await expect(a.getByTestId('suggest-B.2')).toContainText('4 dari 4 PC terhubung');
    await fillChecklist(a);
    await shot(a, 'checklist');
    await expect(bChecklist.getByTestId('checklist-status')).toHaveAttribute('data-status', 'complete');
    await expect(bChecklist.getByTestId('checklist-status')).toContainText('Selesai');
    await expect(b.getByTestId('link-checklist')).toHaveText('Daftar periksa (lengkap · layak)');
  });

  await test.step('registration opens: B sees the stage and the checklist become a record', async () => {
    await a.goto(roomUrl);
    await a.getByRole('button', { name: 'Buka registrasi' }).click();
    await expect(a.getByTestId('session-state')).toHaveText('registrasi dibuka');
    await expect(bState).toHaveText('registrasi dibuka');
    await expect(bChecklist.getByTestId('checklist-locked')).toBeVisible();
  });

  const bDesk = await bPage('registration');
  await test.step('import: A uploads the roster file, B sees three expected', async () => {
    await expect(bDesk.getByTestId('count-all').locator('.n')).toHaveText('0');
    await a.getByTestId('link-registration').click();
    await expect(a).toHaveURL(`${roomUrl}/registration`);
    await importRoster(a, participantCsv([present1, present2, missing], 'Instansi A'), 3);
    await expect(bDesk.getByTestId('count-all').locator('.n')).toHaveText('3');
    await expect(bDesk.getByTestId('count-expected').locator('.n')).toHaveText('3');
    await expect(bCount('present')).toHaveText('0/3');
    await expect(bCount('expected')).toHaveText('3');
  });

  await test.step('desk: two present (three checks and a PC each); the third not absent yet, before the cut-off; B sees each', async () => {
    await registerPresent(a, present1, pc1.stationId);
    await expect(bDesk.getByTestId(`att-${present1.nip}`)).toHaveAttribute('data-status', 'present');
    await expect(bDesk.getByTestId(`att-${present1.nip}`)).toContainText(pc1.code);
    await registerPresent(a, present2, pc2.stationId);
    // 90 minutes before the test nobody is absent yet: "Tandai tidak hadir" is not offered
    await a.getByRole('button', { name: `Buka registrasi ${missing.name}` }).click();
    const dialog = a.getByTestId('checkin-dialog');
    await expect(dialog.getByTestId('ci-absent-not-yet')).toContainText('Tidak hadir baru dapat dicatat setelah batas registrasi');
    await expect(dialog.getByRole('button', { name: 'Tandai tidak hadir' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await shot(a, 'desk');
    await expect(bDesk.getByTestId('count-present').locator('.n')).toHaveText('2');
    await expect(bDesk.getByTestId('count-expected').locator('.n')).toHaveText('1');
    await expect(bCount('present')).toHaveText('2/3');
    // the seated people are on their tiles, not logged in yet
    for (const [pc, who] of [[pc1, present1], [pc2, present2]] as const) {
      await expect(b.getByTestId(`tile-${pc.code}`)).toContainText(who.name);
      await expect(b.getByTestId(`tile-${pc.code}`)).toContainText('belum login');
    }
  });

  let pin = '';
  await test.step('PIN: A issues it and puts it on the projector; B sees a PIN is active (not the PIN)', async () => {
    await a.goto(roomUrl);
    const bPin = b.getByTestId('pin-status');
    await expect(bPin).toHaveAttribute('data-active', 'false');
    await a.getByTestId('pin-control').getByRole('button', { name: 'Terbitkan PIN' }).click();
    await a.getByTestId('pin-issue-dialog').getByRole('button', { name: 'Terbitkan PIN' }).click();
    await expect(a.getByTestId('pin-status')).toHaveAttribute('data-active', 'true');
    await expect(bPin).toHaveAttribute('data-active', 'true');
    await expect(bPin).toContainText('PIN aktif');
    await expect(bPin).toContainText('salah PIN: 0');

    const projectorOpened = a.waitForEvent('popup');
    await a.getByRole('button', { name: 'Tampilkan di proyektor' }).click();
    const projector = await projectorOpened;
    await expect(projector).toHaveURL(`${roomUrl}/projector`);
    pin = await readProjectorPin(projector);
    await expect(projector.getByText('Masukkan PIN sesi ini pada aplikasi ujian')).toBeVisible();
    // registration is still open: the projector says the PIN works once the test is started
    await expect(projector.getByTestId('projector-not-started')).toContainText('Tes belum dimulai: PIN dapat dipakai setelah pengawas memulai tes.');
    await shot(projector, 'projector');
    // the PIN is shown on the projector only, never on a proctor's room page (an all-digit PIN
    // could occur inside a NIP by chance, so only a PIN with a letter is looked for)
    if (/[A-Z]/.test(pin)) {
      await expect(a.locator('body')).not.toContainText(pin);
      await expect(b.locator('body')).not.toContainText(pin);
    }
  });

  await test.step('start: the dialog says the third will be recorded absent; A starts the test; B sees it running and the absence', async () => {
    await a.getByRole('button', { name: 'Mulai tes' }).click();
    const dialog = a.getByTestId('transition-dialog');
    // the server's own sentence and the count it will record (GET …/transition-preview)
    await expect(dialog.getByTestId('start-unregistered')).toContainText('1 peserta dalam daftar belum diregistrasi hadir atau tidak hadir');
    await expect(dialog.getByRole('button', { name: 'Mulai tes' })).toBeDisabled();
    await dialog.getByLabel('Tandai 1 peserta yang belum registrasi dan belum login tidak hadir, lalu mulai tes').check();
    await dialog.getByRole('button', { name: 'Mulai tes' }).click();
    await expect(a.getByTestId('session-state')).toHaveText('berjalan');
    await expect(bState).toHaveText('berjalan');
    await expect(bCount('absent')).toHaveText('1');
    await expect(bDesk.getByTestId(`att-${missing.nip}`)).toHaveAttribute('data-status', 'absent');
    await expect(bDesk.getByTestId('count-absent').locator('.n')).toHaveText('1');
    // the room reads the PIN off the projector and types it in
    projectorPin = pin;
  });

  await test.step('stations verify the PIN: one wrong attempt refused, then both log in; B sees it', async () => {
    await expect(b.getByTestId('pin-status')).toContainText('salah PIN: 1');
    await expect(b.getByTestId('count-logged-in')).toHaveText('2', { timeout: 30_000 });
    const res = await a.request.get(`${srv.url}/api/sessions/${(await sessionId(a, roomId))}/pin/attempts`);
    expect(res.status()).toBe(200);
    const attempts = ((await res.json()) as { attempts: PinAttemptRow[] }).attempts;
    const wrong = attempts.filter((x) => x.outcome === 'wrong');
    expect(wrong.map((x) => [x.stationCode, x.nip])).toEqual([[pc2.code, present2.nip]]);
    expect(attempts.filter((x) => x.outcome === 'ok').map((x) => x.stationCode).sort()).toEqual([pc1.code, pc2.code]);
    // nobody at pc3 (absent) or the spare typed anything
    expect(attempts.every((x) => x.stationCode === pc1.code || x.stationCode === pc2.code)).toBe(true);
    for (const pc of [pc1, pc2]) await expect(b.getByTestId(`tile-${pc.code}`)).not.toContainText('belum login');
    // the absent one was never given a PC: pc3 stays empty
    await expect(b.getByTestId(`tile-${pc3.code}`)).not.toContainText(missing.name);
    await shot(b, 'running-b');
  });

  await test.step('pause and resume one participant: B sees "Dijeda", then sees it lifted', async () => {
    const tileB = b.getByTestId(`tile-${pc1.code}`);
    const bar = a.getByTestId('action-bar');
    await a.getByRole('checkbox', { name: `Pilih PC ${pc1.code}` }).check();
    await expect(bar.getByTestId('pick-count')).toContainText('1 peserta dipilih');
    await bar.getByRole('button', { name: 'Jeda', exact: true }).click();
    await expect(bar.getByTestId('act-note')).toHaveText('Jeda: dikirim ke 1 PC, menunggu konfirmasi PC.');
    await expect(tileB.locator('[data-flag="paused"]')).toHaveText(/Dijeda/);
    // the PC applied it (the exam application froze) and confirmed: nothing left pending
    await until(() => sim!.stations[0].script?.paused, 10_000);
    await expect(tileB.locator('[data-flag="pending"]')).toHaveCount(0);
    await shot(b, 'paused-b');

    await bar.getByRole('button', { name: 'Lanjutkan', exact: true }).click();
    await expect(tileB.locator('[data-flag="paused"]')).toHaveCount(0);
    await until(() => sim!.stations[0].script?.paused === false, 10_000);
    await expect(tileB.locator('[data-flag="pending"]')).toHaveCount(0);
    await bar.getByRole('button', { name: 'Hapus pilihan' }).click();
  });

  const bIncidents = await bPage('incidents');
  await test.step('incident: A records one from a station panel; B sees it in the list and the count', async () => {
    await expect(bIncidents.getByText('Belum ada kejadian yang dicatat untuk sesi ini.')).toBeVisible();
    await expect(bCount('incidents')).toHaveText('0');
    await a.getByRole('button', { name: `Buka rincian stasiun ${pc2.code}` }).click();
    await a.getByTestId('station-session').getByRole('button', { name: 'Catat kejadian' }).click();
    const dialog = a.getByTestId('incident-dialog');
    await expect(dialog.getByLabel('PC', { exact: true })).toHaveValue(String(pc2.stationId));
    await dialog.getByLabel('Kategori').selectOption('application_error');
    await dialog.getByLabel('Uraian kejadian').fill('Aplikasi ujian tertutup sendiri; peserta masuk kembali.');
    await dialog.getByLabel('Tindakan yang diambil').fill('Dibantu petugas TI, progres tersimpan.');
    await dialog.getByRole('button', { name: 'Simpan kejadian' }).click();
    await expect(dialog).toBeHidden();
    await a.getByRole('button', { name: 'Tutup rincian' }).click();

    const row = bIncidents.getByTestId('incident-row');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-category', 'application_error');
    await expect(row).toContainText(pc2.code);
    await expect(row).toContainText(present2.name);
    await expect(row).toContainText('Aplikasi ujian tertutup sendiri');
    await expect(bCount('incidents')).toHaveText('1');
  });

  await test.step('participants finish: B sees both tiles finished', async () => {
    await expect(b.getByTestId('count-finished')).toHaveText('2', { timeout: 60_000 });
    for (const pc of [pc1, pc2]) await expect(b.getByTestId(`tile-${pc.code}`)).toContainText('✓ Selesai');
    await shot(b, 'finished-b');
  });

  await test.step('A ends the session; B sees it finished', async () => {
    await a.getByRole('button', { name: 'Akhiri sesi' }).click();
    const dialog = a.getByTestId('transition-dialog');
    await expect(dialog).toContainText('Semua peserta sudah selesai atau diakhiri.');
    await dialog.getByRole('button', { name: 'Akhiri sesi' }).click();
    await expect(a.getByTestId('session-state')).toHaveText('selesai');
    await expect(bState).toHaveText('selesai');
    await expect(bIncidents.getByTestId('incident-row')).toHaveCount(1);
  });

  // Everything B saw came in live: none of B's pages was loaded again.
  for (const p of bPages) await expectNotReloaded(p);
});

async function sessionId(page: Page, roomId: number): Promise<number> {
  const r = await page.request.get(`${srv.url}/api/rooms/${roomId}/session`);
  return ((await r.json()) as { session: { id: number } }).session.id;
}
