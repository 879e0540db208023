/**
 * The evaluation report's thread: each request opens the database file read-only, computes the
 * report there (the same evaluationReport as in place) and closes it. A national period reads
 * hundreds of thousands of rows; here that holds no heartbeat, event or request of the main loop.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../db/schema.ts';
import type { Db } from '../../db/client.ts';
import type { EvaluationQuery } from '../../protocol/evaluation.ts';
import { answerRequests } from '../workers/thread-call.ts';
import { evaluationReport, type EvaluationCaller } from './evaluation.service.ts';

export type EvaluationRequest = { file: string; caller: EvaluationCaller; query: EvaluationQuery; now: number };

answerRequests((m: EvaluationRequest) => {
  const sqlite = new Database(m.file, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    return evaluationReport(drizzle(sqlite, { schema }) as unknown as Db, m.caller, m.query, m.now);
  } finally {
    sqlite.close();
  }
});
