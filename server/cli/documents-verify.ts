/**
 * `npm run documents:verify -- --db FILE`: re-hashes every stored official document — the PDF's
 * bytes against its recorded SHA-256, the stored content model against its recorded content hash
 * (and the number printed in it against the row's), and the XLSX issued with a monitoring and
 * evaluation report against its own recorded SHA-256.
 * Exit 0 and a summary when all match; exit 1 naming the first that does not (or whose bytes are
 * missing); exit 2 on usage errors or a file that is not this product's database.
 * Opens the file read-only and runs no migrations: a checker must not change what it checks.
 */
import { openForCheck } from './open-readonly.ts';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { documentsForCheck, type DocumentForCheck } from '../../db/queries/documents.ts';
import * as schema from '../../db/schema.ts';
import { contentHash } from '../documents/canonical.ts';
import type { DocumentModel } from '../documents/model.ts';

type Problem = 'missing' | 'pdf' | 'model_unreadable' | 'content' | 'number' | 'xlsx_missing' | 'xlsx';
const REASONS: Record<Problem, { en: string; id: string }> = {
  missing: { en: 'its PDF bytes are missing', id: 'isi berkas PDF-nya hilang' },
  pdf: { en: 'its PDF no longer matches its recorded SHA-256 (the file was changed)', id: 'berkas PDF-nya tidak cocok dengan SHA-256 yang tercatat (berkas diubah)' },
  model_unreadable: { en: 'its stored content cannot be read', id: 'isi yang tersimpan tidak dapat dibaca' },
  content: { en: 'its stored content no longer matches its recorded content hash (the content was changed)', id: 'isinya tidak cocok dengan hash isi yang tercatat (isi diubah)' },
  number: { en: 'the number in its content is not the number recorded for it', id: 'nomor dalam isinya tidak sama dengan nomor yang tercatat' },
  xlsx_missing: { en: 'its XLSX bytes are missing', id: 'isi berkas XLSX-nya hilang' },
  xlsx: { en: 'its XLSX no longer matches its recorded SHA-256 (the file was changed)', id: 'berkas XLSX-nya tidak cocok dengan SHA-256 yang tercatat (berkas diubah)' }
};

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function check(d: DocumentForCheck): Problem | null {
  if (!d.pdf || d.pdf.length === 0) return 'missing';
  if (sha256Hex(d.pdf) !== d.sha256) return 'pdf';
  // the spreadsheet issued with a monitoring and evaluation report is checked like its PDF
  if (d.xlsxSha256 !== null) {
    if (!d.xlsx || d.xlsx.length === 0) return 'xlsx_missing';
    if (sha256Hex(d.xlsx) !== d.xlsxSha256) return 'xlsx';
  }
  let model: DocumentModel;
  try {
    model = JSON.parse(d.modelJson) as DocumentModel;
    if (typeof model !== 'object' || model === null) return 'model_unreadable';
  } catch {
    return 'model_unreadable';
  }
  if (contentHash(model) !== d.contentHash) return 'content';
  if (model.number !== d.number) return 'number';
  return null;
}

function main(): number {
  const opened = openForCheck('select id, sha256, content_hash, model_json, pdf from documents limit 1', 'official documents');
  if ('exit' in opened) return opened.exit;
  const sqlite = opened;
  try {
    const db = drizzle(sqlite, { schema }) as unknown as Db;
    let n = 0;
    for (const d of documentsForCheck(db)) {
      const problem = check(d);
      if (problem) {
        const why = REASONS[problem];
        console.error(`DOCUMENT ALTERED: ${d.number} version ${d.version} (id ${d.id}): ${why.en}. ${n} documents before it match.`);
        console.error(`DOKUMEN BERUBAH: ${d.number} versi ${d.version} (id ${d.id}): ${why.id}.`);
        return 1;
      }
      n++;
    }
    console.log(`documents intact: ${n} documents, every PDF and content matches its hash`);
    console.log(`dokumen utuh: ${n} dokumen, setiap PDF dan isi cocok dengan hash-nya`);
    return 0;
  } finally {
    sqlite.close();
  }
}

process.exitCode = main();
