/**
 * Accounts in the browser: signing in and out, an admin creating a user who then signs in, the
 * IT officer enrolling and revoking a station PC, and the audit trail showing all of it.
 * The tests run in order on one server; the last one reads what the others did.
 */
import { expect, test, type Page } from '@playwright/test';
import { api, startTestServer, type TestServer } from '../helpers/server.ts';
import { cspViolations, signedInPage } from './fixtures.ts';

let srv: TestServer;
const NEW_USER = { nip: '198507142010011002', name: 'Rina Pengawas Baru', password: 'ruang-ujian-2026' };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 100, writeMs: 200, webBuildDir: 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'running' }
  ]);
});
test.afterAll(async () => {
  await srv?.dispose();
});

async function signInWithForm(page: Page, nip: string, password: string) {
  await page.getByLabel('NIP', { exact: true }).fill(nip);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
}

test('sign in: wrong password, then the room list; sign out; pages need a session again', async ({ page }) => {
  const a = srv.accounts.pengawas;
  const csp = cspViolations(page);
  const res = await page.goto(`${srv.url}/`);
  await expect(page).toHaveURL(/\/login$/);
  // every page comes with the Content-Security-Policy (nonce for SvelteKit's boot script)
  const policy = res!.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("connect-src 'self'");
  expect(policy).toMatch(/script-src 'self' 'nonce-/);

  const nip = page.getByLabel('NIP', { exact: true });
  await expect(nip).toHaveAttribute('inputmode', 'numeric');
  await expect(nip).toHaveAttribute('autocomplete', 'username');
  await expect(page.getByLabel('Kata sandi', { exact: true })).toHaveAttribute('autocomplete', 'current-password');
  // no demo box outside demo mode
  await expect(page.getByTestId('demo-accounts')).toHaveCount(0);

  await signInWithForm(page, a.nip, 'salah-sekali-123');
  await expect(page.getByTestId('login-error')).toHaveText('NIP atau kata sandi salah.');
  await expect(page).toHaveURL(/\/login$/);

  await signInWithForm(page, a.nip, a.password);
  await expect(page).toHaveURL(`${srv.url}/`);
  await expect(page.getByRole('heading', { name: 'Tempat dan ruang ujian' })).toBeVisible();
  await expect(page.getByTestId('user-name')).toHaveText('Pengawas Ruang (demo)');
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
  // a proctor sees neither the user administration nor (here) anything it may not use
  await expect(page.getByRole('link', { name: 'Pengguna' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Audit' })).toBeVisible();

  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto(`${srv.url}/`);
  await expect(page).toHaveURL(/\/login$/);

  // a deep link survives the detour through the login page
  const roomId = srv.seeded[0].roomId;
  await page.goto(`${srv.url}/rooms/${roomId}`);
  await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Frooms%2F${roomId}$`));
  await signInWithForm(page, a.nip, a.password);
  await expect(page).toHaveURL(`${srv.url}/rooms/${roomId}`);
  await expect(page.getByTestId('station-grid')).toBeVisible();
  expect(csp).toEqual([]);
});

test('an admin creates a user, who can then sign in', async ({ browser }) => {
  const admin = await signedInPage(browser, srv, 'admin');
  await admin.goto(`${srv.url}/admin/users`);
  await expect(admin.getByTestId('users-table')).toContainText('Petugas TI (demo)');
  await admin.getByTestId('user-create-open').click();
  const form = admin.getByTestId('user-create');

  // The NIP is checked in the browser; the password rule (no NIP inside) by the server.
  await form.getByLabel('NIP').fill('12345');
  await form.getByLabel('Nama').fill(NEW_USER.name);
  await expect(form.getByTestId('new-nip-error')).toHaveText('NIP harus 18 digit angka');
  await form.getByLabel('NIP').fill(NEW_USER.nip);
  await expect(form.getByTestId('new-nip-error')).toHaveCount(0);
  await form.getByLabel('Jabatan').fill('Pengawas CACT');
  await form.getByTestId('new-role-pengawas').check();
  await form.getByTestId('new-scope-venue').selectOption({ label: 'T · Venue Uji' });
  await form.getByTestId('new-scope-add').click();
  await expect(form.getByTestId('new-scopes')).toContainText('Venue Uji');
  await form.getByLabel('Kata sandi awal').fill(`${NEW_USER.nip}x`);
  await form.getByTestId('user-create-submit').click();
  await expect(form.getByTestId('new-password-error')).toHaveText('Kata sandi tidak boleh memuat NIP.');

  await form.getByLabel('Kata sandi awal').fill(NEW_USER.password);
  await form.getByTestId('user-create-submit').click();
  await expect(admin.getByTestId('users-notice')).toHaveText(`✓ Pengguna ${NEW_USER.name} dibuat.`);
  const row = admin.getByTestId(`user-${NEW_USER.nip}`);
  await expect(row).toContainText('Pengawas');
  await expect(row).toContainText('Venue Uji');
  await admin.screenshot({ path: '.tmp/e2e-admin-users.png' });

  // Edit: add the instruktur role (only the changed fields are sent).
  await row.getByRole('button', { name: `Ubah pengguna ${NEW_USER.name}` }).click();
  const dialog = admin.getByTestId('user-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('edit-role-instruktur').check();
  await dialog.getByTestId('edit-save').click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Pengawas, Instruktur');
  await admin.context().close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${srv.url}/login`);
  await signInWithForm(page, NEW_USER.nip, NEW_USER.password);
  await expect(page).toHaveURL(`${srv.url}/`);
  await expect(page.getByTestId('user-name')).toHaveText(NEW_USER.name);
  await expect(page.getByTestId(`room-link-R1`)).toBeVisible();
  await context.close();
});

test('the IT officer makes an enrollment code, a PC enrolls with it, and the officer revokes it', async ({ browser }) => {
  const page = await signedInPage(browser, srv, 'petugas_ti');
  const seat = srv.seeded[1];
  await page.goto(`${srv.url}/rooms/${seat.roomId}`);
  await page.getByTestId('stations-link').click();
  await expect(page).toHaveURL(`${srv.url}/rooms/${seat.roomId}/stations`);

  const row = page.getByTestId(`station-${seat.code}`);
  await expect(row).toHaveAttribute('data-enrolled', 'true');
  const before = await row.getByTestId('fingerprint').textContent();

  await row.getByRole('checkbox', { name: `Pilih PC ${seat.code}` }).check();
  await page.getByTestId('create-selected').click();
  const codes = page.getByTestId('enrollment-codes');
  await expect(codes).toContainText('hanya ditampilkan SATU KALI');
  await expect(codes).toContainText(`npm run agent -- --server ${srv.url} --enroll`);
  const code = (await codes.getByTestId(`code-${seat.code}`).getByTestId('code-value').textContent())!;
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await expect(row).toContainText('s.d.'); // the pending code's expiry
  await page.screenshot({ path: '.tmp/e2e-enrollment-codes.png', fullPage: true });

  // The PC's agent exchanges the code for a token, as `npm run agent -- --enroll` does.
  const res = await fetch(`${srv.url}/api/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, hostname: 'pc-e2e' }) });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { stationCode: string }).stationCode).toBe(seat.code);

  await page.reload();
  await expect(row).toHaveAttribute('data-enrolled', 'true');
  await expect(row.getByTestId('fingerprint')).not.toHaveText(before!);
  await expect(page.getByTestId('enrollment-codes')).toHaveCount(0); // shown once, gone after a reload

  // Revoking asks first; cancelling keeps the token.
  await row.getByTestId(`revoke-${seat.code}`).click();
  const dialog = page.getByTestId('revoke-dialog');
  await expect(dialog).toContainText(`Cabut token PC ${seat.code}?`);
  await dialog.getByRole('button', { name: 'Batal' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveAttribute('data-enrolled', 'true');
  await row.getByTestId(`revoke-${seat.code}`).click();
  await dialog.getByTestId('revoke-confirm').click();
  await expect(page.getByTestId('stations-notice')).toHaveText(`✓ Token PC ${seat.code} dicabut.`);
  await expect(row).toHaveAttribute('data-enrolled', 'false');
  await page.context().close();
});

test("an agency operator sees only its own agency's participants; a proctor sees the whole roster", async ({ browser }) => {
  // the test venue seats participants of 'Instansi A' and 'Instansi B' alternately
  const op = await signedInPage(browser, srv, 'operator_instansi');
  await op.goto(`${srv.url}/`);
  await op.getByTestId('room-R1').click();
  await expect(op).toHaveURL(/\/rooms\/\d+\/participants$/);
  await expect(op.getByTestId('agency-only')).toContainText('Instansi A');
  const rows = op.getByTestId('participants').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  for (const text of await rows.allInnerTexts()) {
    expect(text).toContain('Instansi A');
    expect(text).not.toContain('Instansi B');
  }
  // the live room is not the operator's: the server refuses it, and the page says so
  await op.goto(`${srv.url}/rooms/${srv.seeded[0].roomId}`);
  await expect(op.getByRole('alert')).toBeVisible();
  await op.context().close();

  const proctor = await signedInPage(browser, srv, 'pengawas');
  await proctor.goto(`${srv.url}/rooms/${srv.seeded[0].roomId}`);
  await proctor.getByTestId('participants-link').click();
  await expect(proctor.getByTestId('participants').locator('tbody tr')).toHaveCount(5);
  await expect(proctor.getByTestId('agency-only')).toHaveCount(0);
  await proctor.getByTestId('participant-search').fill(srv.seeded[1].participant!.name);
  await expect(proctor.getByTestId('participants').locator('tbody tr')).toHaveCount(1);
  await proctor.context().close();
});

test('the audit trail shows these actions to the admin', async ({ browser }) => {
  const page = await signedInPage(browser, srv, 'admin');
  await page.goto(`${srv.url}/audit`);
  const table = page.getByTestId('audit-table');
  for (const [action, label] of [
    ['auth.login_failed', 'Gagal masuk'],
    ['auth.login', 'Masuk'],
    ['auth.logout', 'Keluar'],
    ['user.created', 'Pengguna dibuat'],
    ['user.access_changed', 'Hak akses diubah'],
    ['station.enrollment_codes_created', 'Kode pendaftaran PC dibuat'],
    ['station.enrolled', 'PC terdaftar'],
    ['station.revoked', 'Token PC dicabut']
  ] as const) {
    await expect(table.locator(`tr[data-action="${action}"]`).first()).toContainText(label);
  }
  // the admin's creation of the new user (the seeded accounts are on the record too, by 'system')
  const created = table.locator('tr[data-action="user.created"]', { hasText: NEW_USER.name });
  await expect(created).toContainText('Admin Sistem (demo)');
  await expect(created).toContainText(NEW_USER.nip);
  await expect(table.locator('tr[data-action="station.revoked"]')).toContainText('Petugas TI (demo)');

  // Filter by action.
  await page.getByTestId('filter-action').selectOption('station.revoked');
  await page.getByTestId('filter-apply').click();
  await expect(table.getByTestId('audit-row')).toHaveCount(1);
  await expect(table.getByTestId('audit-row')).toContainText('Token PC dicabut');
  await page.screenshot({ path: '.tmp/e2e-audit.png', fullPage: true });

  // Pages go backwards by id; "load more" appends the next one.
  const total = (await api(srv.url, await srv.login('admin'), 'GET', '/audit?limit=500')).body.rows.length as number;
  expect(total).toBeGreaterThan(6);
  await page.goto(`${srv.url}/audit?limit=3`);
  await expect(table.getByTestId('audit-row')).toHaveCount(3);
  await page.getByTestId('audit-more').click();
  await expect(table.getByTestId('audit-row')).toHaveCount(6);
  await page.context().close();
});
