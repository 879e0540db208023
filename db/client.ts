/**
 * Opens the embedded SQLite database and brings it to the current migration.
 * WAL, so writers do not block the dashboard's readers; synchronous = FULL, so a transaction that
 * returned is on disk: a participant event is acknowledged to its agent after its commit, and the
 * agent then drops it — with NORMAL a power cut could roll back commits already acknowledged.
 * The cost (an fsync per commit) stays off the live path: its writes go through the store worker
 * (server/live/store-worker.ts), which commits many messages at once.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

export function openDb(file: string, opts: { migrate?: boolean } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema });
  // Every transaction on a connection begins IMMEDIATE. They read, then write (a chain head, a
  // state, a version); a deferred one is refused at once (SQLITE_BUSY: no busy wait on an upgrade)
  // when another connection, the store worker, commits between its read and its first write.
  const deferred = db.transaction.bind(db);
  db.transaction = ((fn, config) => deferred(fn, { behavior: 'immediate', ...config })) as typeof db.transaction;
  if (opts.migrate !== false) migrate(db, { migrationsFolder });
  return db as Db;
}

export { schema };
