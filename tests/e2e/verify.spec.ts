/**
 * The public verification page in the browser, signed out: a code typed in lower case with a
 * space names the document in words (Bahasa Indonesia, then English through the switch) and
 * nobody in it; the issued PDF uploaded matches byte for byte, a changed copy does not; a replaced
 * version says a newer one exists; an unknown code is unknown. The QR code's address
 * (/verify/<code>) answers at once. Screenshots at 1366 × 768 go to /tmp/shots/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import { actorOf, loadPrincipal } from '../../server/auth/principal.ts';
import { correctDocument } from '../../server/documents/document.service.ts';
import { formatCode } from '../../server/documents/canonical.ts';
import type { DocumentRow } from '../../protocol/documents.ts';
import { roomSessionId, startTestServer, type TestServer } from '../helpers/server.ts';
import { issueSample, SAMPLE_PARTICIPANT, SAMPLE_SIGNERS, sampleModel } from '../helpers/documents.ts';
import { issueEvaluation } from '../../server/evaluation/evaluation-issue.service.ts';
import { SAMPLE_RECOMMENDATIONS, SAMPLE_TEAM } from '../helpers/evaluation-report.ts';

const SHOTS = '/tmp/shots';
let srv: TestServer;
let doc: DocumentRow;
let corrected: DocumentRow;
let pdfFile = '';
let changedFile = '';

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startTestServer({ webBuildDir: 'build' });
  const admin = await srv.login('admin');
  const sessionId = await roomSessionId(srv.url, admin, srv.seeded[0].roomId);
  doc = await issueSample(srv.db, srv.url, { venueId: srv.seeded[0].venueId, sessionId, issuedBy: srv.accounts.pengawas.id, kind: 'ba_penyelenggaraan' });
  const user = srv.db.select().from(users).where(eq(users.id, srv.accounts.koordinator.id)).get()!;
  const p = loadPrincipal(srv.db, user, 'e2e');
  const r = await correctDocument(srv.db, p, { actor: actorOf(p), userId: p.user.id }, {
    id: doc.id, reason: 'jumlah peserta salah hitung', model: sampleModel('ba_penyelenggaraan', undefined, 'Koreksi jumlah.'), signers: SAMPLE_SIGNERS
  }, { baseUrl: srv.url });
  if (!r.ok) throw new Error(r.code);
  corrected = r.document;
  const pdf = Buffer.from(await (await fetch(`${srv.url}/api/documents/${doc.id}/pdf`, { headers: { cookie: admin.cookie } })).arrayBuffer());
  pdfFile = join(srv.dir, 'asli.pdf');
  writeFileSync(pdfFile, pdf);
  const changed = Buffer.from(pdf);
  changed[changed.length >> 1] ^= 1;
  changedFile = join(srv.dir, 'diubah.pdf');
  writeFileSync(changedFile, changed);
});
test.afterAll(async () => srv?.dispose());

test('signed out: a typed code names the document, the upload is compared byte for byte, in both languages', async ({ page }) => {
  await page.goto(`${srv.url}/verify`);
  await expect(page).toHaveURL(/\/verify$/); // not sent to the login page
  await expect(page.getByRole('heading', { name: 'Verifikasi dokumen resmi' })).toBeVisible();
  const typed = `${corrected.code.slice(0, 5).toLowerCase()} ${corrected.code.slice(5).toLowerCase()}`;
  await page.getByLabel('Kode verifikasi').fill(typed);
  await page.getByRole('button', { name: 'Periksa' }).click();
  await expect(page).toHaveURL(new RegExp(`/verify/${corrected.code}$`));
  const result = page.getByTestId('verify-result');
  await expect(result).toContainText('Dokumen asli: BERITA ACARA PENYELENGGARAAN PENILAIAN KOMPETENSI DENGAN CACT BKN');
  await expect(result).toContainText(`Nomor ${corrected.number}, versi 2`);
  await expect(result).toContainText('WIB');
  await expect(result).toContainText('di Venue Uji');
  await expect(result).toContainText('Ini versi terbaru dokumen tersebut.');
  await expect(page.locator('main')).not.toContainText(SAMPLE_PARTICIPANT.name);
  await page.screenshot({ path: `${SHOTS}/verify-found.png`, fullPage: true });

  await page.getByRole('button', { name: /English/ }).click();
  await expect(result).toContainText(`Genuine document: BERITA ACARA PENYELENGGARAAN`);
  await expect(result).toContainText('This is the latest version of the document.');
  await page.getByRole('button', { name: /Bahasa Indonesia/ }).click();

  // the replaced version: genuine, and says a newer one exists; the issued file matches, a changed one does not
  await page.goto(`${srv.url}/verify/${formatCode(doc.code)}`);
  await expect(result).toContainText(`Nomor ${doc.number}, versi 1`);
  await expect(result).toContainText('ada versi yang lebih baru');
  await page.getByLabel('Berkas PDF (paling besar 10 MB)').setInputFiles(pdfFile);
  await expect(page.getByTestId('verify-upload-result')).toHaveText('Berkas ini sama persis byte demi byte dengan dokumen yang diterbitkan.');
  await page.getByLabel('Berkas PDF (paling besar 10 MB)').setInputFiles(changedFile);
  await expect(page.getByTestId('verify-upload-result')).toContainText('Berkas ini TIDAK sama dengan dokumen yang diterbitkan');
  await page.screenshot({ path: `${SHOTS}/verify-upload-different.png`, fullPage: true });

  // an unknown code, and one that cannot be a code
  await page.goto(`${srv.url}/verify/ZZZZZZZZZZ`);
  await expect(result).toContainText('Kode tidak dikenal: ZZZZZ-ZZZZZ');
  await page.getByLabel('Kode verifikasi').fill('O0O0');
  await page.getByRole('button', { name: 'Periksa' }).click();
  await expect(page.getByText('Kode terdiri atas 10 huruf dan angka')).toBeVisible();
});

test('a monitoring and evaluation report: named by its team, scope and period; its PDF and its XLSX both match', async ({ page }) => {
  const user = srv.db.select().from(users).where(eq(users.id, srv.accounts.koordinator.id)).get()!;
  const p = loadPrincipal(srv.db, user, 'e2e');
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const r = await issueEvaluation(srv.db, p, { actor: actorOf(p), userId: p.user.id }, {
    query: { from: today, to: today, region: 'Kanreg Uji' }, recommendations: SAMPLE_RECOMMENDATIONS, ketua: SAMPLE_TEAM.ketua, anggota: SAMPLE_TEAM.anggota
  }, { baseUrl: srv.url });
  if (!r.ok) throw new Error(r.code);
  const admin = await srv.login('admin');
  const files: Record<string, string> = {};
  for (const ext of ['pdf', 'xlsx'] as const) {
    const bytes = Buffer.from(await (await fetch(`${srv.url}/api/documents/${r.document.id}/${ext}`, { headers: { cookie: admin.cookie } })).arrayBuffer());
    files[ext] = join(srv.dir, `laporan.${ext}`);
    writeFileSync(files[ext], bytes);
    bytes[bytes.length >> 1] ^= 1;
    files[`changed.${ext}`] = join(srv.dir, `laporan-diubah.${ext}`);
    writeFileSync(files[`changed.${ext}`], bytes);
  }

  await page.goto(`${srv.url}/verify/${r.document.code}`);
  const result = page.getByTestId('verify-result');
  await expect(result).toContainText('Dokumen asli: LAPORAN HASIL PEMANTAUAN DAN EVALUASI');
  await expect(result).toContainText(`Nomor ${r.document.number}, versi 1`);
  await expect(result).toContainText('oleh Tim Pemantauan dan Evaluasi — Kanreg Uji,');
  const upload = page.getByLabel('Berkas PDF atau XLSX (paling besar 10 MB)');
  for (const ext of ['pdf', 'xlsx']) {
    await upload.setInputFiles(files[ext]);
    await expect(page.getByTestId('verify-upload-result')).toHaveText('Berkas ini sama persis byte demi byte dengan dokumen yang diterbitkan.');
    await upload.setInputFiles(files[`changed.${ext}`]);
    await expect(page.getByTestId('verify-upload-result')).toContainText('Berkas ini TIDAK sama dengan dokumen yang diterbitkan');
  }
  await page.screenshot({ path: `${SHOTS}/verify-laporan-monev.png`, fullPage: true });
});
