/**
 * What the checking commands (audit:verify, documents:verify) share: `--db FILE` (else DB_FILE,
 * else data/cact.sqlite), opened read-only, and a probe that says whether it is this product's
 * database with what the command checks. Exit code 2 (with the reason printed) when not.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

export function openForCheck(probeSql: string, what: string): Database.Database | { exit: 2 } {
  let file: string | undefined;
  try {
    ({ values: { db: file } } = parseArgs({ options: { db: { type: 'string' } } }));
  } catch (e) {
    console.error((e as Error).message);
    return { exit: 2 };
  }
  file ??= process.env.DB_FILE ?? 'data/cact.sqlite';
  if (!existsSync(file)) {
    console.error(`no database at ${file}`);
    return { exit: 2 };
  }
  try {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    sqlite.prepare(probeSql).get();
    return sqlite;
  } catch (e) {
    console.error(`${file} is not a database with ${what}: ${(e as Error).message}`);
    return { exit: 2 };
  }
}
