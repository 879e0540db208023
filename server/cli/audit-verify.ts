/**
 * `npm run audit:verify -- --db FILE`: walks the audit trail's hash chain.
 * Exit 0 and a summary when it is intact; exit 1 naming the first bad row otherwise
 * (a changed row, rows deleted before it, or the newest rows deleted); exit 2 on usage errors.
 * Opens the file read-only and runs no migrations: a checker must not change what it checks.
 */
import { openForCheck } from './open-readonly.ts';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from '../../db/client.ts';
import { auditRows, auditSequence } from '../../db/queries/audit.ts';
import * as schema from '../../db/schema.ts';
import { verifyChain } from '../domain/audit-chain.ts';

const REASONS = {
  changed: { en: 'its content no longer matches its hash (the row was changed)', id: 'isinya tidak cocok dengan hash-nya (baris diubah)' },
  missing_before: { en: 'rows before it are missing (deleted)', id: 'ada baris sebelumnya yang hilang (dihapus)' },
  broken_link: { en: 'it does not link to the row before it (a row before it was changed or replaced)', id: 'tidak tersambung dengan baris sebelumnya (baris sebelumnya diubah atau diganti)' }
};

function main(): number {
  const opened = openForCheck('select 1 from audit_log limit 1', 'an audit trail');
  if ('exit' in opened) return opened.exit;
  const sqlite = opened;
  try {
    const db = drizzle(sqlite, { schema }) as unknown as Db;
    const report = verifyChain(auditRows(db));
    if (!report.ok) {
      const why = REASONS[report.reason];
      console.error(`AUDIT TRAIL BROKEN at row ${report.badId}: ${why.en}. ${report.rows} rows before it are intact.`);
      console.error(`JEJAK AUDIT RUSAK pada baris ${report.badId}: ${why.id}.`);
      return 1;
    }
    // Deleting the newest rows leaves a valid shorter chain; SQLite's AUTOINCREMENT counter remembers.
    const seq = auditSequence(db);
    if (seq > report.lastId) {
      console.error(`AUDIT TRAIL BROKEN at row ${report.lastId + 1}: rows ${report.lastId + 1}–${seq} were deleted from the end.`);
      console.error(`JEJAK AUDIT RUSAK pada baris ${report.lastId + 1}: baris ${report.lastId + 1}–${seq} dihapus dari akhir.`);
      return 1;
    }
    console.log(`audit trail intact: ${report.rows} rows, head ${report.head}`);
    console.log(`jejak audit utuh: ${report.rows} baris`);
    return 0;
  } finally {
    sqlite.close();
  }
}

process.exitCode = main();
