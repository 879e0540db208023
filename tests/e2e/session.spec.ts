/**
 * The life of a signed-in page: the idle warning before the session times out (and "stay
 * signed in" lifting it), and the server ending the session from elsewhere — the page goes to
 * the login page, which says why, and comes back to where it was after signing in again.
 */
import { expect, test } from '@playwright/test';
import { api, startTestServer, type TestServer } from '../helpers/server.ts';
import { signIn } from './fixtures.ts';

let srv: TestServer;

test.beforeAll(async () => {
  // one minute of idleness ends a session: the warning shows with 30 s left
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 100, writeMs: 200, webBuildDir: 'build', sessionIdleMin: 1 });
});
test.afterAll(async () => {
  await srv?.dispose();
});

test('the idle warning appears before the session times out, and "stay signed in" lifts it', async ({ page, context }) => {
  test.setTimeout(120_000);
  await signIn(context, srv, 'pengawas');
  await page.goto(`${srv.url}/`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
  const banner = page.getByTestId('idle-warning');
  await expect(banner).toHaveCount(0);
  await expect(banner).toBeVisible({ timeout: 45_000 });
  await expect(banner).toContainText('Sesi Anda akan berakhir dalam');
  await page.screenshot({ path: '.tmp/e2e-idle-warning.png' });
  await banner.getByRole('button', { name: 'Tetap masuk' }).click();
  await expect(banner).toHaveCount(0);
  // still signed in: an API call answers
  expect((await page.request.get(`${srv.url}/api/auth/me`)).status()).toBe(200);
});

test('signing out everywhere from another browser sends this page to the login page, and back after', async ({ page, context }) => {
  const a = srv.accounts.pengawas;
  const s = await signIn(context, srv, 'pengawas');
  const roomId = srv.seeded[0].roomId;
  await page.goto(`${srv.url}/rooms/${roomId}`);
  await expect(page.getByTestId('station-grid')).toBeVisible();

  // the same user signs out of all devices elsewhere (this page shares none of its cookies)
  const other = await srv.login('pengawas');
  expect((await api(srv.url, other, 'POST', '/auth/logout-all')).status).toBe(200);
  expect(s.cookie).not.toBe(other.cookie);

  await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Frooms%2F${roomId}&ended=logout$`));
  await expect(page.getByTestId('login-ended')).toHaveText('Anda telah keluar.');
  await page.getByLabel('NIP', { exact: true }).fill(a.nip);
  await page.getByLabel('Kata sandi', { exact: true }).fill(a.password);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(`${srv.url}/rooms/${roomId}`);
  await expect(page.getByTestId('station-grid')).toBeVisible();
});

test('a change of roles reloads the page under the new ones', async ({ page, context }) => {
  await signIn(context, srv, 'petugas_ti');
  const roomId = srv.seeded[0].roomId;
  await page.goto(`${srv.url}/rooms/${roomId}`);
  await expect(page.getByTestId('stations-link')).toBeVisible();

  const admin = await srv.login('admin');
  const res = await api(srv.url, admin, 'PATCH', `/users/${srv.accounts.petugas_ti.id}`, { roles: ['pengawas'] });
  expect(res.status).toBe(200);
  // the socket is told 'changed': the page loads again, now without the enrollment link
  await expect(page.getByTestId('stations-link')).toHaveCount(0);
  await expect(page).toHaveURL(`${srv.url}/rooms/${roomId}`);
  await expect(page.getByTestId('user-name')).toHaveText('Petugas TI (demo)');
  await expect(page.getByTestId('user-menu')).toContainText('Pengawas');
});
