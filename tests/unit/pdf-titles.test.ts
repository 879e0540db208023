/**
 * A section's title (a paragraph all in bold) stays on the page of its section: wherever the
 * running text before it ends, the title and the header row of the table after it are printed on
 * the same page (read back with Debian's pdftotext). Without the renderer's rule one of these
 * positions leaves the title alone at the foot of a page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Block, DocumentModel } from '../../server/documents/model.ts';
import { renderPdf } from '../../server/documents/render-pdf.ts';

const dir = mkdtempSync(join(tmpdir(), 'cact-pdf-titles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function model(fillers: number): DocumentModel {
  const blocks: Block[] = [
    { kind: 'heading', lines: ['LAPORAN UJI JUDUL BAGIAN'] },
    ...Array.from({ length: fillers }, (_, i): Block => ({ kind: 'paragraph', text: [`Baris pengisi nomor ${i + 1} untuk mendorong judul ke kaki halaman.`] })),
    { kind: 'paragraph', text: [{ text: 'V. JUDUL BAGIAN YANG DIUJI', bold: true }] },
    { kind: 'table', columns: [{ header: 'Kolom Tabel Bagian', width: '*' }, { header: 'Jumlah', width: 60 }], rows: Array.from({ length: 6 }, (_, i) => [`Isi ${i + 1}`, String(i)]) }
  ];
  return { kind: 'laporan_monev', number: 'UJI/1', title: 'Uji', issuedAt: Date.UTC(2026, 11, 7, 2), zone: 'Asia/Jakarta', orientation: 'landscape', blocks };
}

describe('a section title keeps with its section', () => {
  it('wherever the text before it ends, the title is on the page where its table begins', async () => {
    // a landscape page holds about 20–30 of these lines: walk the title over the whole foot of page one and two
    for (let fillers = 12; fillers <= 40; fillers++) {
      const file = join(dir, `t${fillers}.pdf`);
      writeFileSync(file, await renderPdf(model(fillers), { code: 'ABCDEFGHJK', contentHash: '0'.repeat(64), verifyUrl: 'http://127.0.0.1/verify/ABCDEFGHJK' }));
      const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
      const titlePage = pages.findIndex((p) => p.includes('V. JUDUL BAGIAN YANG DIUJI'));
      const tablePage = pages.findIndex((p) => p.includes('Kolom Tabel Bagian'));
      expect(titlePage, `${fillers} lines before the title`).toBeGreaterThanOrEqual(0);
      expect(tablePage, `${fillers} lines before the title`).toBe(titlePage);
    }
  }, 60_000);
});
