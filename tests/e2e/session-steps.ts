/**
 * What a proctor does on the session pages, as steps of the session-control walk-through
 * (session-control.spec.ts): fill in the daftar periksa, import the roster, check people in at
 * the desk, read the PIN off the projector. Each step goes through the page the way a proctor
 * would (labels and button names in Bahasa Indonesia), never through the API.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { CHECKLIST_COUNTS, CHECKLIST_KEYS, PIN_ALPHABET, PIN_LENGTH } from '../../protocol/session.ts';

export type Person = { nip: string; name: string };

/**
 * Lampiran I.B, row by row: the system's suggestion where it offers one ("Pakai saran"), else
 * "Sesuai"; a keterangan on every row (an answer that differs from a suggestion needs one);
 * counts (suggested or 1), "Layak", both signers with an 18-digit NIP; then complete it.
 */
export async function fillChecklist(page: Page) {
  const form = page.getByTestId('checklist-form');
  await expect(form).toHaveAttribute('data-editing', 'true');
  for (const key of CHECKLIST_KEYS) {
    const row = page.getByTestId(`item-${key}`);
    const useSuggestion = row.getByRole('button', { name: `Pakai saran sistem untuk ${key}` });
    if (await useSuggestion.isVisible()) await useSuggestion.click();
    else await row.getByRole('radio', { name: 'Sesuai', exact: true }).check();
    await row.getByRole('textbox', { name: `Keterangan butir ${key}` }).fill(`Butir ${key} diperiksa bersama panitia instansi.`);
  }
  for (const c of CHECKLIST_COUNTS) {
    const row = page.getByTestId(`count-${c.key}`);
    const suggested = row.getByRole('button', { name: `Pakai saran sistem untuk ${c.text}` });
    if (await suggested.isVisible()) await suggested.click();
    else await row.getByRole('textbox').fill('1');
  }
  await page.getByRole('radio', { name: 'Layak', exact: true }).check();
  const signers = [
    ['bkn', 'Pengawas BKN Uji', '198503102010121001'],
    ['instansi', 'Panitia Instansi Uji', '198703152012122002']
  ] as const;
  for (const [who, name, nip] of signers) {
    const box = page.getByTestId(`signer-${who}`);
    await box.getByLabel('Nama', { exact: true }).fill(name);
    await box.getByLabel('NIP', { exact: true }).fill(nip);
  }
  await page.getByRole('button', { name: 'Selesaikan daftar periksa' }).click();
  await expect(page.getByTestId('checklist-done')).toHaveText('✓ Daftar periksa selesai.');
  await expect(page.getByTestId('checklist-status')).toHaveAttribute('data-status', 'complete');
}

/** Upload the roster file through the import panel's file input; expects `n` imported. */
export async function importRoster(page: Page, csv: string, n: number) {
  const panel = page.getByTestId('import-panel');
  await expect(panel).toBeVisible(); // opens by itself while the session has nobody
  await panel.getByLabel('Berkas peserta (.csv atau .xlsx)').setInputFiles({ name: 'peserta.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await panel.getByRole('button', { name: 'Impor', exact: true }).click();
  await expect(panel.getByTestId('import-done')).toContainText(`Berhasil: ${n} peserta diimpor`);
}

/** At the desk: identity card, participant card and face checked, a PC chosen, "Daftarkan hadir". */
export async function registerPresent(page: Page, p: Person, stationId: number) {
  await page.getByRole('button', { name: `Buka registrasi ${p.name}` }).click();
  const dialog = page.getByTestId('checkin-dialog');
  await expect(dialog.getByRole('heading', { name: `Registrasi: ${p.name}` })).toBeVisible();
  for (const check of ['Kartu identitas sesuai', 'Kartu asesi sesuai', 'Wajah cocok dengan foto']) {
    await dialog.getByLabel(check).check();
  }
  await dialog.getByLabel('PC / kursi').selectOption(String(stationId));
  await dialog.getByRole('button', { name: 'Daftarkan hadir' }).click();
  await expect(page.getByTestId('desk-flash')).toHaveText(`✓ ${p.name} terdaftar hadir.`);
  await expect(page.getByTestId(`att-${p.nip}`)).toHaveAttribute('data-status', 'present');
}

/** At the desk, after the registration cut-off: the person did not come (Pasal 14(2)); it asks first. */
export async function registerAbsent(page: Page, p: Person) {
  await page.getByRole('button', { name: `Buka registrasi ${p.name}` }).click();
  const dialog = page.getByTestId('checkin-dialog');
  await dialog.getByRole('button', { name: 'Tandai tidak hadir' }).click();
  await expect(dialog.getByTestId('ci-absent-ask')).toContainText(`Tandai ${p.name} tidak hadir?`);
  await dialog.getByRole('button', { name: 'Ya, tandai tidak hadir' }).click();
  await expect(page.getByTestId('desk-flash')).toHaveText(`✓ ${p.name} ditandai tidak hadir.`);
  await expect(page.getByTestId(`att-${p.nip}`)).toHaveAttribute('data-status', 'absent');
}

/** The PIN as the projector shows it (two groups of three characters), checked against the alphabet. */
export async function readProjectorPin(projector: Page): Promise<string> {
  const shown = projector.getByTestId('projector-pin');
  await expect(shown).toBeVisible();
  const pin = ((await shown.textContent()) ?? '').replace(/\s+/g, '');
  expect(pin).toHaveLength(PIN_LENGTH);
  for (const ch of pin) expect(PIN_ALPHABET).toContain(ch);
  return pin;
}

/**
 * Marks a page so that a later check can prove it was never reloaded: a full navigation or reload
 * starts a new document and loses the mark. What the page shows afterwards came in live.
 */
export async function markNoReload(page: Page) {
  await page.evaluate(() => ((window as unknown as { __e2eNoReload: boolean }).__e2eNoReload = true));
}
export async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __e2eNoReload?: boolean }).__e2eNoReload === true)).toBe(true);
}

/**
 * The postponement form filled in as the proctor does after a power cut (Lampiran III): the
 * category and reason, the officials who agreed it, two follow-ups and the agency's signer.
 */
export async function fillPostponeForm(d: Locator) {
  await d.getByTestId('postpone-category').selectOption('listrik');
  await d.getByTestId('postpone-reason').fill('listrik padam di seluruh gedung dan genset tidak dapat dinyalakan');
  await d.getByTestId('postpone-agency-name').fill('Dra. Sri Wahyuni');
  await d.getByTestId('postpone-agency-jabatan').fill('Kepala Badan Kepegawaian Daerah');
  await d.getByTestId('postpone-bkn-name').fill('Ir. Bambang Santoso');
  await d.getByTestId('postpone-bkn-jabatan').fill('Kepala Kantor Regional I BKN');
  await d.getByTestId('postpone-bkn-office').selectOption('kanreg');
  await d.getByTestId('postpone-followup-0').fill('Perbaikan instalasi listrik gedung');
  await d.getByTestId('postpone-followup-add').click();
  await d.getByTestId('postpone-followup-1').fill('Uji coba genset selama 30 menit');
  await d.getByTestId('postpone-signer-instansi-name').fill('Panitia Instansi');
}

/** A POST as the signed-in page sends it (its cookie and CSRF token): what a stale page would send. */
export async function postAsPage(page: Page, path: string, body: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(async ({ path, body }) => {
    const me = await (await fetch('/api/auth/me')).json();
    const res = await fetch(`/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  }, { path, body });
}
