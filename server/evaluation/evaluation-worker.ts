/**
 * The evaluation report's thread: each request opens the database file read-only, computes the
 * report there (the same evaluationReport as in place) and closes it. A national period reads
 * hundreds of thousands of rows; here that holds no heartbeat, event or request of the main loop.
 */
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../db/schema.ts';
import type { Db } from '../../db/client.ts';
import type { EvaluationQuery } from '../../protocol/evaluation.ts';
import { evaluationReport, type EvaluationCaller } from './evaluation.service.ts';

export type EvaluationRequest = { id: number; file: string; caller: EvaluationCaller; query: EvaluationQuery; now: number };

parentPort!.on('message', (m: EvaluationRequest) => {
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(m.file, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    const db = drizzle(sqlite, { schema }) as unknown as Db;
    parentPort!.postMessage({ id: m.id, result: evaluationReport(db, m.caller, m.query, m.now) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  } finally {
    sqlite?.close();
  }
});
