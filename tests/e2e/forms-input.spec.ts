/**
 * Forms and input: what a proctor types is never lost or cut.
 * - At the desk, a search typed while the previous "Daftarkan hadir" is still saving (a fast
 *   clerk, a barcode scanner) is kept once the save answers, and its Enter opens the match.
 * - An incident description over 2,000 characters shows a red counter and is refused, not cut.
 * - The checklist's error summary lists a count typed as "satu" next to the server's issues.
 */
import { expect, test, type Page } from '@playwright/test';
import { api, openSession, roomSessionId, startTestServer, type TestServer } from '../helpers/server.ts';
import { signedInPage } from './fixtures.ts';

let srv: TestServer;
let roomId: number;
let sessionId: number;

test.beforeAll(async () => {
  // a session an hour and a half away (nobody is late), with its roster, opened for registration
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 100, writeMs: 200, webBuildDir: 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 4, spares: 1, session: 'scheduled', startsInMin: 90 },
    { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 2, session: 'scheduled', startsInMin: 120 }
  ]);
  roomId = srv.seeded[0].roomId;
  const s = await srv.login('pengawas');
  sessionId = await roomSessionId(srv.url, s, roomId);
  await openSession(srv.url, s, sessionId);
});
test.afterAll(async () => {
  await srv?.dispose();
});

/** Every check-in answer is held back `ms`, as on a busy venue network (150–200 ms in the report). */
async function slowCheckIns(page: Page, ms: number) {
  await page.route('**/api/sessions/*/participants/*/check-in', async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
}

test('the desk keeps what is typed while a registration is saving', async ({ browser }) => {
  const page = await signedInPage(browser, srv, 'pengawas');
  const [first, second] = srv.seeded.filter((s) => s.roomId === roomId && s.participant).map((s) => s.participant!);
  await slowCheckIns(page, 600);
  await page.goto(`${srv.url}/rooms/${roomId}/registration`);
  const search = page.getByTestId('desk-search');

  // a dialog closed with Batal gives the search back, ready to type into
  await search.fill(first.nip);
  await search.press('Enter');
  await page.getByTestId('checkin-dialog').getByRole('button', { name: 'Batal' }).click();
  await expect(search).toBeFocused();
  await page.keyboard.type('9');
  await expect(search).toHaveValue(`${first.nip}9`);

  // the clerk finds the first person by NIP and opens them with Enter
  await search.fill(first.nip);
  await search.press('Enter');
  const dialog = page.getByTestId('checkin-dialog');
  await expect(dialog.getByRole('heading', { name: `Registrasi: ${first.name}` })).toBeVisible();
  for (const check of ['Kartu identitas sesuai', 'Kartu asesi sesuai', 'Wajah cocok dengan foto']) await dialog.getByLabel(check).check();
  await dialog.getByRole('button', { name: 'Daftarkan hadir' }).click();

  // while it saves, the scanner sends the next NIP and its Enter
  await expect(dialog.getByTestId('ci-submit')).toBeDisabled();
  await page.keyboard.type(second.nip, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-flash')).toHaveText(`✓ ${first.name} terdaftar hadir.`);

  // the save's answer kept the search and opened the next person, as if it had been instant
  await expect(search).toHaveValue(second.nip);
  await expect(dialog.getByRole('heading', { name: `Registrasi: ${second.name}` })).toBeVisible();
  await dialog.getByRole('button', { name: 'Batal' }).click();
  await expect(search).toBeFocused();
  await page.keyboard.type('x');
  await expect(search).toHaveValue(`${second.nip}x`);
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await expect(page.getByTestId(`att-${first.nip}`)).toHaveAttribute('data-status', 'present');
  await page.screenshot({ path: '.tmp/e2e-desk-typeahead.png' });
  await page.context().close();
});

test('an incident description over 2000 characters is counted and refused, never cut', async ({ browser }) => {
  const page = await signedInPage(browser, srv, 'pengawas');
  let posted = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith(`/api/sessions/${sessionId}/incidents`)) posted++;
  });
  await page.goto(`${srv.url}/rooms/${roomId}/incidents`);
  await page.getByTestId('incident-add').click();
  const dialog = page.getByTestId('incident-dialog');
  await dialog.getByTestId('incident-category').selectOption({ index: 1 });

  // a pasted text of 2,010 characters, the last word crossing the limit
  const words = 'Peserta meninggalkan ruangan tanpa izin pengawas dan kembali setelah sepuluh menit. ';
  const long = (words.repeat(30) + 'akhirkalimat').slice(0, 2010);
  const description = dialog.getByTestId('incident-description');
  await description.fill(long);
  await expect(description).toHaveValue(long); // nothing is cut on the way in
  const count = dialog.getByTestId('incident-description-count');
  await expect(count).toHaveText('2010/2000 karakter');
  await expect(count).toHaveClass(/over/);
  await expect(dialog.getByTestId('incident-new-description-error')).toHaveText(
    'Terlalu panjang: paling banyak 2000 karakter. Persingkat 10 karakter lagi; tidak ada yang dipotong.'
  );
  await page.screenshot({ path: '.tmp/e2e-incident-counter.png' });

  await dialog.getByTestId('incident-save').click();
  await expect(dialog).toBeVisible();
  await expect(description).toBeFocused();
  await expect(description).toHaveValue(long);
  expect(posted).toBe(0);

  // shortened to exactly 2,000, it is recorded whole
  const exact = long.slice(0, 2000);
  await description.fill(exact);
  await expect(count).toHaveText('2000/2000 karakter');
  await expect(count).not.toHaveClass(/over/);
  await dialog.getByTestId('incident-save').click();
  await expect(dialog).toBeHidden();
  expect(posted).toBe(1);
  const s = await srv.login('pengawas');
  const list = (await api(srv.url, s, 'GET', `/sessions/${sessionId}/incidents`)).body.incidents as { description: string }[];
  expect(list.map((i) => i.description)).toContain(exact.trim());
  await page.context().close();
});

test('the checklist summary lists a count typed as words, with the fields the server names', async ({ browser }) => {
  // a second session still in preparation, so that its checklist can be edited
  const page = await signedInPage(browser, srv, 'pengawas');
  const s = await srv.login('pengawas');
  const other = await startOther(s);
  await page.goto(`${srv.url}/rooms/${other}/checklist`);
  const form = page.getByTestId('checklist-form');
  await expect(form).toHaveAttribute('data-editing', 'true');
  await page.getByTestId('count-ruangTes').getByRole('textbox').fill('satu');
  await expect(page.getByTestId('count-ruangTes')).toContainText('Isi dengan bilangan bulat 0–100.000.');

  // a plain save is not sent: "satu" would be stored as "not given"
  await page.getByTestId('checklist-save').click();
  const summary = page.getByTestId('checklist-refused');
  await expect(summary).toContainText('Belum dapat disimpan');
  await expect(summary).toContainText('Jumlah Ruang Tes — bukan bilangan bulat 0–100.000');
  await expect(page.getByTestId('count-ruangTes').getByRole('textbox')).toBeFocused();

  // completing: the server's missing fields and the wrong count, in one list
  await page.getByTestId('checklist-complete').click();
  await expect(summary).toContainText('Jumlah Ruang Tes — bukan bilangan bulat 0–100.000');
  await expect(summary).toContainText('Kesimpulan layak / tidak layak — belum diisi');
  await page.screenshot({ path: '.tmp/e2e-checklist-summary.png', fullPage: false });
  await page.context().close();
});

/** A second room with a session in preparation; returns its room id. */
async function startOther(s: Awaited<ReturnType<TestServer['login']>>): Promise<number> {
  const room = srv.seeded.find((st) => st.roomId !== roomId)!.roomId;
  const sid = await roomSessionId(srv.url, s, room);
  const r = await api(srv.url, s, 'POST', `/sessions/${sid}/transition`, { action: 'prepare' });
  if (r.status !== 200) throw new Error(`prepare: ${r.status} ${JSON.stringify(r.body)}`);
  return room;
}
