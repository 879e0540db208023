/**
 * The main connection's transactions read, then write; the store worker commits on another
 * connection meanwhile. A deferred transaction would be refused at its first write (SQLITE_BUSY,
 * no busy wait) when the worker committed after its read, so every transaction openDb hands out
 * begins IMMEDIATE: it holds the write lock from its first statement.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';

const dir = mkdtempSync(join(tmpdir(), 'cact-tx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('transactions on the main connection', () => {
  it('a deferred read-then-write is refused when another connection commits in between (why IMMEDIATE)', () => {
    const file = join(dir, 'deferred.sqlite');
    const a = new Database(file);
    a.pragma('journal_mode = WAL');
    a.exec('create table t (v integer)');
    const b = new Database(file);
    b.pragma('busy_timeout = 2000');
    a.exec('begin deferred');
    a.prepare('select count(*) from t').get();
    b.exec('insert into t values (1)'); // the worker commits between the read and the write
    expect(() => a.exec('insert into t values (2)')).toThrow(/SQLITE_BUSY|database is locked/);
    a.exec('rollback');
    a.close();
    b.close();
  });

  it('openDb begins every transaction IMMEDIATE: the write lock is held from its first statement', () => {
    const file = join(dir, 'main.sqlite');
    const db = openDb(file);
    const other = new Database(file);
    other.pragma('busy_timeout = 0');
    let refused = false;
    db.transaction(() => {
      db.$client.prepare('select 1').get();
      try {
        other.exec('begin immediate');
        other.exec('rollback');
      } catch (err) {
        refused = /SQLITE_BUSY|database is locked/.test(String(err));
      }
    });
    expect(refused).toBe(true);
    // and outside a transaction the other connection writes freely
    other.exec('begin immediate');
    other.exec('rollback');
    other.close();
    db.$client.close();
  });
});
