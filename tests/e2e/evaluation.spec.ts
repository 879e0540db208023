/**
 * The monitoring and evaluation page (Perban BKN 4/2024 Pasal 16(2), (4)–(5)) as a koordinator uses
 * it: from the nav link, today's report of its region shows the incident and the postponement a
 * proctor recorded in the running session (each in the execution stage, with its category), the
 * procedure checks and the venue ranked; a quick period goes into the URL and the browser's back
 * returns to today; the issue form points at what is missing, then issues the report with the
 * team's recommendations, a ketua and two anggota; the issued document's PDF downloads and its
 * /verify/<code> page says it is genuine; the report is listed under the form. A proctor gets no
 * link and a refusal in words. Screenshots at 1366 × 768 go to /tmp/shots/.
 */
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { api, roomSessionId, type TestServer } from '../helpers/server.ts';
import { postponeBody } from '../helpers/postpone.ts';
import { plusDays } from '../../protocol/schedule.ts';
import { zonedDate } from '../../server/domain/activity-rules.ts';
import { signedInPage, startTestServer } from './fixtures.ts';

const SHOTS = '/tmp/shots';
let srv: TestServer;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startTestServer({ webBuildDir: process.env.CACT_WEB_BUILD ?? 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 2, session: 'running' }
  ]);
  // as on a test day: an incident in the running session, then the session postponed (Pasal 12(2)e–f)
  const pengawas = await srv.login('pengawas');
  const sessionId = await roomSessionId(srv.url, pengawas, srv.seeded[0].roomId);
  const inc = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/incidents`, {
    category: 'power_failure', description: 'Listrik padam 3 menit; UPS menyala.', actionTaken: 'Tes dilanjutkan setelah listrik pulih.'
  });
  expect(inc.status, JSON.stringify(inc.body)).toBe(200);
  const pp = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/postpone`, postponeBody());
  expect(pp.status, JSON.stringify(pp.body)).toBe(201);
});
test.afterAll(async () => srv?.dispose());

test('a koordinator reads today\'s report, issues it with the team, downloads the PDF and verifies it', async ({ browser }) => {
  const page = await signedInPage(browser, srv, 'koordinator');
  await page.goto(`${srv.url}/`);
  await page.getByRole('navigation').getByRole('link', { name: 'Monev' }).click();
  await expect(page).toHaveURL(/\/evaluation$/);
  await expect(page.getByRole('heading', { name: 'Pemantauan & Evaluasi', level: 1 })).toBeVisible();

  // today's report: the running session, its incident and its postponement in the execution stage
  await expect(page.getByTestId('evaluation-quick-today')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('evaluation-total-sessions')).not.toHaveText('0');
  await expect(page.getByTestId('evaluation-total-postponed')).toHaveText('1');
  const execution = page.getByTestId('stage-execution');
  await expect(execution.getByTestId('stage-kind-incident')).toContainText('1');
  await expect(execution.getByTestId('stage-kind-incident')).toContainText('Kejadian');
  await expect(execution.getByTestId('stage-kind-postponement')).toContainText('Penundaan');
  await expect(execution.getByTestId('stage-kind-postponement')).toContainText('Gangguan aliran listrik');
  const incident = execution.locator('[data-testid="stage-item"][data-kind="incident"]');
  await expect(incident).toContainText('Listrik padam 3 menit; UPS menyala.');
  await expect(incident).toContainText('Venue Uji');
  await expect(execution.locator('[data-testid="stage-item"][data-kind="postponement"]')).toHaveCount(1);
  await expect(page.getByTestId('procedure-berita_acara')).toBeVisible();
  await expect(page.getByTestId('rank-venue').getByTestId('rank-row')).toHaveCount(1);
  await expect(page.getByTestId('evaluation-trend-single')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/evaluation-1-today.png`, fullPage: true });

  // a quick period is kept in the URL (a link reproduces it); back returns to today's report
  await page.getByTestId('evaluation-quick-week').click();
  await expect(page).toHaveURL(/\/evaluation\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId('evaluation-quick-week')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('evaluation-trend-chart')).toBeVisible();
  await expect(page.getByTestId('evaluation-trend-chart').locator('canvas')).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/evaluation-2-week.png`, fullPage: true });
  await page.goBack();
  await expect(page).toHaveURL(/\/evaluation$/);
  await expect(page.getByTestId('evaluation-quick-today')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('evaluation-trend-single')).toBeVisible();
  // a date typed goes into the URL once it has settled; back again to today
  const today = zonedDate(Date.now(), 'Asia/Jakarta');
  await page.getByTestId('evaluation-from').fill(plusDays(today, -2));
  await expect(page).toHaveURL(new RegExp(`/evaluation\\?from=${plusDays(today, -2)}&to=${today}$`));
  await expect(page.getByTestId('evaluation-summary')).toContainText('3 hari');
  await page.goBack();
  await expect(page).toHaveURL(/\/evaluation$/);

  // the form says what is missing before anything is sent
  await expect(page.getByTestId('evaluation-documents-empty')).toBeVisible();
  await page.getByTestId('evaluation-issue-submit').click();
  await expect(page.getByTestId('ev-recommendations-error')).toHaveText('Wajib diisi.');
  await expect(page.getByTestId('ev-ketua-name-error')).toHaveText('Wajib diisi.');
  await page.getByTestId('evaluation-recommendations').fill('Terlalu singkat');
  await expect(page.getByTestId('ev-recommendations-error')).toContainText('Paling sedikit 20 karakter');
  const recommendations = 'Venue Uji agar menyiapkan genset yang siap pakai sebelum sesi berikutnya dan menguji UPS setiap pagi.';
  await page.getByTestId('evaluation-recommendations').fill(recommendations);
  await expect(page.getByTestId('evaluation-recommendations-count')).toHaveText(`${recommendations.length}/4000 karakter`);
  const ketua = page.getByTestId('evaluation-ketua');
  await ketua.getByTestId('member-name').fill('Dr. Hendra Wijaya, M.Si.');
  await ketua.getByTestId('member-nip').fill('19750412200003100');
  await expect(page.getByTestId('ev-ketua-nip-error')).toBeVisible();
  await ketua.getByTestId('member-nip').fill('197504122000031002');
  await expect(page.getByTestId('ev-ketua-nip-error')).toHaveCount(0);
  await ketua.getByTestId('member-jabatan').fill('Kepala Bidang Penilaian Kompetensi');
  await page.getByTestId('evaluation-anggota').nth(0).getByTestId('member-name').fill('Rina Marlina');
  await page.getByTestId('evaluation-add-anggota').click();
  await page.getByTestId('evaluation-add-anggota').click();
  await expect(page.getByTestId('evaluation-anggota')).toHaveCount(3);
  await page.getByTestId('evaluation-anggota').nth(1).getByTestId('member-name').fill('dihapus');
  await page.getByTestId('evaluation-anggota').nth(2).getByTestId('member-name').fill('Yusuf Hidayat');
  await page.getByRole('button', { name: 'Hapus anggota 2' }).click();
  await expect(page.getByTestId('evaluation-anggota')).toHaveCount(2);
  await expect(page.getByTestId('evaluation-anggota').nth(1).getByTestId('member-name')).toHaveValue('Yusuf Hidayat');

  // a refusal (the server's own, faked once here) is said in words, and nothing typed is lost
  await page.route('**/api/evaluation/documents', (r) =>
    r.request().method() === 'POST'
      ? r.fulfill({ status: 403, json: { ok: false, code: 'FORBIDDEN', message: 'out of scope', messageCode: 'evaluation.outOfScope' } })
      : r.fallback());
  await page.getByTestId('evaluation-issue-submit').click();
  await expect(page.getByTestId('evaluation-issue-error')).toHaveText(
    'Laporan tidak diterbitkan: Tempat, wilayah, atau instansi itu di luar lingkup Anda: laporan hanya mencakup tempat yang Anda awasi.'
  );
  await expect(page.getByTestId('evaluation-recommendations')).toHaveValue(recommendations);
  await expect(page.getByTestId('evaluation-anggota').nth(1).getByTestId('member-name')).toHaveValue('Yusuf Hidayat');
  await page.unroute('**/api/evaluation/documents');

  await page.getByTestId('evaluation-issue-submit').click();
  const issued = page.getByTestId('evaluation-issued');
  await expect(issued).toContainText('Laporan diterbitkan');
  await expect(page.getByTestId('evaluation-issued-number')).toHaveText(/^LAP-MONEV\//);
  const number = (await page.getByTestId('evaluation-issued-number').textContent())!;
  // listed under the form, with the team as printed
  const row = page.getByTestId('evaluation-document');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(number);
  await expect(row).toContainText('Dr. Hendra Wijaya, M.Si. Ketua');
  await expect(row).toContainText('Yusuf Hidayat');
  // the text is in the document now: the field is empty, the team stays for the next report
  await expect(page.getByTestId('evaluation-recommendations')).toHaveValue('');
  await expect(page.getByTestId('ev-recommendations-error')).toHaveCount(0);
  await expect(page.getByTestId('evaluation-issue-error')).toHaveCount(0);
  await expect(ketua.getByTestId('member-name')).toHaveValue('Dr. Hendra Wijaya, M.Si.');
  await page.screenshot({ path: `${SHOTS}/evaluation-3-issued.png`, fullPage: true });

  // the PDF and the XLSX download (the page's cookie)
  const pdf = await page.request.get(`${srv.url}${await page.getByTestId('evaluation-issued-pdf').getAttribute('href')}`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const xlsx = await page.request.get(`${srv.url}${await page.getByTestId('evaluation-issued-xlsx').getAttribute('href')}`);
  expect(xlsx.status()).toBe(200);
  expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');

  // and /verify/<code> says it is genuine
  await page.getByTestId('evaluation-issued-verify').click();
  await expect(page).toHaveURL(/\/verify\/[2-9A-Z]{10}$/);
  const result = page.getByTestId('verify-result');
  await expect(result).toContainText('Dokumen asli: LAPORAN HASIL PEMANTAUAN DAN EVALUASI');
  await expect(result).toContainText(`Nomor ${number}, versi 1`);
  await page.screenshot({ path: `${SHOTS}/evaluation-4-verified.png`, fullPage: true });
});

test('a proctor gets no link to the report and a refusal in words', async ({ browser }) => {
  const page = await signedInPage(browser, srv, 'pengawas');
  await page.goto(`${srv.url}/`);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Monev' })).toHaveCount(0);
  await page.goto(`${srv.url}/evaluation`);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByTestId('evaluation-filters')).toHaveCount(0);
});
