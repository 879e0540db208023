/**
 * The evaluation report off the event loop: one worker thread (evaluation-worker.ts), started on
 * the first report and kept while the process runs (unref'd: it never keeps the process alive),
 * requests answered by id. A database kept in memory cannot be opened from another thread: the
 * report is then computed in place. If the thread fails, the report is computed in place too and
 * the next one starts a new thread.
 */
import { resolve } from 'node:path';
import type { Db } from '../../db/client.ts';
import type { EvaluationQuery, EvaluationReport } from '../../protocol/evaluation.ts';
import type { Result } from '../session/context.ts';
import { threadCall } from '../workers/thread-call.ts';
import { evaluationReport, type EvaluationCaller } from './evaluation.service.ts';
import type { EvaluationRequest } from './evaluation-worker.ts';

type Answer = Result<Omit<EvaluationReport, 'ok'>>;

const reports = threadCall<EvaluationRequest, Answer>(new URL('./evaluation-worker-boot.mjs', import.meta.url), 'evaluation report');

/** What the report needs of the caller: its capabilities and venue scope (plain data, for the thread). */
const callerOf = (p: EvaluationCaller): EvaluationCaller => ({ caps: new Set(p.caps), national: p.national, venueIds: new Set(p.venueIds) });

/** evaluationReport on the report thread (reading the same database file), or in place for a database in memory. */
export async function evaluationReportOffThread(db: Db, p: EvaluationCaller, q: EvaluationQuery, now = Date.now()): Promise<Answer> {
  const client = db.$client;
  if (client.memory || !client.name) return evaluationReport(db, p, q, now);
  try {
    return await reports.call({ file: resolve(client.name), caller: callerOf(p), query: q, now });
  } catch {
    // the thread failed (or could not start): the same report, in place
    return evaluationReport(db, p, q, now);
  }
}

/** Whether the report thread is up (tests: the report was computed there, not in place). */
export const evaluationThreadRunning = () => reports.running();

/** Ends the report thread (tests). */
export const closeEvaluationThread = (): Promise<void> => reports.close();
