/**
 * A finished session does not disappear. A session of Ruang CAT 1 is walked
 * over the API to "selesai" with a completed daftar periksa, two people present and one absent,
 * an incident and a visitor; the proctor then closes it in the browser ("Tutup sesi"). The room
 * has no current session any more, but its history lists the session, and from there the
 * checklist, the incidents, the attendance and the roster are reached — every record shown,
 * every page saying "Sesi sudah final — hanya baca", and no control that could change anything.
 */
import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { walkSession, type WalkedSession } from '../helpers/session-walk.ts';
import { signedInPage } from './fixtures.ts';

let srv: TestServer;
let roomId: number;
let sessionId: number;
let walked: WalkedSession;

const INCIDENT = 'Listrik padam 3 menit di ruang ujian; UPS menyala.';
const VISITOR = 'Tamu Monitoring Kanreg';

test.beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 100, writeMs: 200, webBuildDir: 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 4, spares: 1, session: 'scheduled', startsInMin: 90 }
  ]);
  roomId = srv.seeded[0].roomId;
  const pengawas = await srv.login('pengawas');
  const r = await fetch(`${srv.url}/api/rooms/${roomId}/session`, { headers: { cookie: pengawas.cookie } });
  sessionId = ((await r.json()) as { session: { id: number } }).session.id;
  // everything up to "selesai" through the API; the close itself through the page
  walked = await walkSession(srv.url, pengawas, sessionId, { presentCount: 2, until: 'finished', incident: INCIDENT, visitor: VISITOR, station: srv.seeded[0] });
  expect(walked.present).toHaveLength(2);
  expect(walked.absent).toHaveLength(1);
});
test.afterAll(async () => {
  await srv?.dispose();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `.tmp/e2e-history-${name}.png`, fullPage: true });

/** labels of controls that change a record: none may be on a finalised session's page */
const EDITING = /Simpan|Ubah|Tambah|Catat|Daftarkan|Tandai|Impor|Pindah|Pilih PC|Keluar|Selesaikan|Buka registrasi|Terbitkan|Cabut|Mulai|Akhiri|Tutup sesi|Pakai saran/;

/** the visible buttons of the page's content, and its fields that accept input (a search box only finds) */
async function controls(page: Page) {
  const main = page.locator('main');
  const buttons: string[] = [];
  for (const b of await main.getByRole('button').all()) {
    if (await b.isVisible()) buttons.push(((await b.getAttribute('aria-label')) ?? (await b.innerText())).trim());
  }
  let fields = 0;
  for (const f of await main.locator('input:not([type="search"]):not([type="hidden"]), textarea').all()) {
    if ((await f.isVisible()) && (await f.isEnabled()) && (await f.isEditable().catch(() => false))) fields++;
  }
  return { buttons, fields };
}

async function expectReadOnly(page: Page) {
  const banner = page.getByTestId('session-final');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Sesi sudah final — hanya baca');
  await expect(banner).toContainText('R1-S1');
  const c = await controls(page);
  expect(c.buttons.filter((b) => EDITING.test(b)), `edit buttons on ${page.url()}`).toEqual([]);
  expect(c.fields, `editable fields on ${page.url()}`).toBe(0);
  return c;
}

test('a finalised session is reached from its room\'s history, every record shown read-only', async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await signedInPage(browser, srv, 'pengawas');
  const roomUrl = `${srv.url}/rooms/${roomId}`;
  const [p1, p2] = walked.present;
  const [gone] = walked.absent;

  await test.step('the proctor closes the session ("Tutup sesi"); the room has no current session, and says where its record is', async () => {
    await a.goto(roomUrl);
    await expect(a.getByTestId('session-state')).toHaveText('selesai');
    await a.getByRole('button', { name: 'Tutup sesi' }).click();
    const dialog = a.getByTestId('transition-dialog');
    // the agency's co-signer of the documents finalising issues: the daftar periksa's, with a jabatan
    await dialog.getByTestId('finalise-signer-jabatan').fill('Kepala Bidang Kepegawaian');
    await dialog.getByTestId('transition-confirm').click();
    await a.getByTestId('issued-documents').getByTestId('issued-close').click();
    const none = a.getByTestId('session-none');
    await expect(none).toBeVisible();
    await expect(none.getByTestId('session-none-history')).toHaveText('Riwayat sesi →');
    await expect(a.getByTestId('history-link')).toBeVisible();
    await shot(a, 'room-closed');
  });

  await test.step('the session pages without a chosen session say there is none in progress and point at the last one', async () => {
    for (const [path, testid] of [['checklist', 'checklist-no-session'], ['incidents', 'incident-no-session'], ['registration', 'registration-no-session']] as const) {
      await a.goto(`${roomUrl}/${path}`);
      const none = a.getByTestId(testid);
      await expect(none).toHaveAttribute('data-history', 'true');
      await expect(none).toContainText('Tidak ada sesi yang sedang berjalan di ruang ini.');
      await expect(none).toContainText('Sesi terakhir: Sesi 1 ProASN Ruang CAT 1 (R1-S1), ditutup');
      await expect(none.getByTestId('open-last-session')).toHaveAttribute('href', `/rooms/${roomId}/${path}?session=${sessionId}`);
      await expect(none.getByTestId('no-session-history')).toHaveText('Lihat riwayat sesi (1)');
      if (path === 'checklist') await shot(a, 'no-current-session');
    }
    await a.goto(`${roomUrl}/participants`);
    await expect(a.getByTestId('participants-no-session')).toContainText('Sesi terakhir: Sesi 1 ProASN Ruang CAT 1 (R1-S1)');
  });

  await test.step('Riwayat sesi lists the session, finalised and read-only, with its counts', async () => {
    await a.goto(roomUrl);
    await a.getByTestId('session-none-history').click();
    await expect(a).toHaveURL(`${roomUrl}/sessions`);
    await expect(a.getByRole('heading', { name: 'Riwayat sesi' })).toBeVisible();
    const row = a.getByTestId('history-R1-S1');
    await expect(row).toHaveAttribute('data-state', 'finalised');
    await expect(row).toHaveAttribute('data-readonly', 'true');
    await expect(row).toHaveAttribute('data-current', 'false');
    await expect(row.getByTestId('history-readonly')).toContainText('final — hanya baca');
    await expect(row).toContainText('2 hadir · 1 tidak hadir · 3 peserta');
    await expect(row).toContainText('lengkap · layak');
    await shot(a, 'list');
  });

  await test.step('the signed daftar periksa: complete, both signers, nothing editable', async () => {
    await a.getByTestId('history-R1-S1').getByTestId('history-open-checklist-R1-S1').click();
    await expect(a).toHaveURL(`${roomUrl}/checklist?session=${sessionId}`);
    await expect(a.getByTestId('checklist-session')).toContainText('Sesi 1 ProASN Ruang CAT 1');
    await expect(a.getByTestId('checklist-status')).toHaveAttribute('data-status', 'complete');
    await expect(a.getByTestId('checklist-form')).toHaveAttribute('data-editing', 'false');
    await expect(a.getByTestId('signer-bkn')).toContainText('Pengawas BKN');
    await expect(a.getByTestId('signer-instansi')).toContainText('Panitia Instansi');
    for (const id of ['checklist-edit', 'checklist-save', 'checklist-complete']) await expect(a.getByTestId(id)).toHaveCount(0);
    await expectReadOnly(a);
    await shot(a, 'checklist');
  });

  await test.step('the incidents: the one recorded, its history viewable, no way to add or change one', async () => {
    await a.goBack();
    await a.getByTestId('history-open-incidents-R1-S1').click();
    await expect(a).toHaveURL(`${roomUrl}/incidents?session=${sessionId}`);
    const row = a.getByTestId('incident-row');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-category', 'power_failure');
    await expect(row).toContainText(INCIDENT);
    await expect(a.getByTestId('incident-add')).toHaveCount(0);
    await expect(a.getByTestId('incident-edit')).toHaveCount(0);
    // the scan sees the buttons that are there: reading an incident's history stays
    expect((await expectReadOnly(a)).buttons).toEqual(['Riwayat']);
    // the quick-add key does nothing on a closed record
    await a.locator('main h1').click();
    await a.keyboard.press('n');
    await expect(a.getByTestId('incident-dialog')).toHaveCount(0);
    // reading the incident's history is not a change
    await row.getByTestId('incident-history-open').click();
    await expect(a.getByRole('dialog')).toBeVisible();
    await a.keyboard.press('Escape');
    await shot(a, 'incidents');
  });

  await test.step('the attendance: who came, who did not, the visitor — no desk, no import, no seats', async () => {
    await a.goto(`${roomUrl}/sessions`);
    await a.getByTestId('history-open-registration-R1-S1').click();
    await expect(a).toHaveURL(`${roomUrl}/registration?session=${sessionId}`);
    await expect(a.getByTestId(`att-${p1.nip}`)).toHaveAttribute('data-status', 'present');
    await expect(a.getByTestId(`att-${p2.nip}`)).toHaveAttribute('data-status', 'present');
    await expect(a.getByTestId(`att-${gone.nip}`)).toHaveAttribute('data-status', 'absent');
    for (const p of [p1, p2, gone]) {
      await expect(a.getByTestId(`open-${p.nip}`)).toHaveCount(0);
      await expect(a.getByTestId(`move-${p.nip}`)).toHaveCount(0);
    }
    await expect(a.getByTestId('import-panel')).toHaveCount(0);
    await expect(a.getByTestId('desk-closed')).toHaveCount(0);
    const visitors = a.getByTestId('visitors');
    await expect(visitors.getByTestId('visitor-list')).toContainText(VISITOR);
    await expect(visitors.getByTestId('visitor-form')).toHaveCount(0);
    await expect(visitors.getByTestId(`visitor-out-${walked.visitorId}`)).toHaveCount(0);
    await expectReadOnly(a);
    await shot(a, 'attendance');
  });

  await test.step('the roster of that session', async () => {
    await a.goto(`${roomUrl}/sessions`);
    await a.getByTestId('history-open-participants-R1-S1').click();
    await expect(a).toHaveURL(`${roomUrl}/participants?session=${sessionId}`);
    const table = a.getByTestId('participants');
    await expect(table.locator('tbody tr')).toHaveCount(3);
    for (const p of [p1, p2, gone]) await expect(table).toContainText(p.nip);
    await expectReadOnly(a);
  });

  await test.step('the agency operator (no live room) reaches its own people\'s attendance of that session from the history', async () => {
    const op = await signedInPage(browser, srv, 'operator_instansi');
    await op.goto(`${roomUrl}/sessions`);
    const row = op.getByTestId('history-R1-S1');
    await expect(row).toHaveAttribute('data-readonly', 'true');
    // only the pages its role may read
    await expect(row.getByTestId('history-open-checklist-R1-S1')).toHaveCount(0);
    await expect(row.getByTestId('history-open-incidents-R1-S1')).toHaveCount(0);
    await row.getByTestId('history-open-registration-R1-S1').click();
    await expect(op).toHaveURL(`${roomUrl}/registration?session=${sessionId}`);
    await expect(op.getByTestId('agency-only')).toContainText('Instansi A');
    await expect(op.getByTestId(`att-${p1.nip}`)).toHaveAttribute('data-status', 'present');
    await expect(op.getByTestId(`att-${gone.nip}`)).toHaveAttribute('data-status', 'absent');
    await expect(op.getByTestId(`att-${p2.nip}`)).toHaveCount(0); // Instansi B
    await expectReadOnly(op);
    await op.context().close();
  });

  await test.step('a link to the record can be shared: another proctor opens it directly', async () => {
    const b = await signedInPage(browser, srv, 'instruktur');
    await b.goto(`${roomUrl}/incidents?session=${sessionId}`);
    await expect(b.getByTestId('incident-row')).toContainText(INCIDENT);
    await expectReadOnly(b);
    // a session that is not this room's is said to be so, not shown as empty
    await b.goto(`${roomUrl}/checklist?session=999999`);
    await expect(b.getByTestId('session-missing')).toHaveText('Sesi yang diminta tidak ada di ruang ini.');
    await b.context().close();
  });
});
