/**
 * The evaluation report off the event loop: one worker thread (evaluation-worker.ts), started on
 * the first report and kept while the process runs (unref'd: it never keeps the process alive),
 * requests answered by id. A database kept in memory cannot be opened from another thread: the
 * report is then computed in place. If the thread fails, the report is computed in place too and
 * the next one starts a new thread.
 */
import { Worker } from 'node:worker_threads';
import { resolve } from 'node:path';
import type { Db } from '../../db/client.ts';
import type { EvaluationQuery, EvaluationReport } from '../../protocol/evaluation.ts';
import type { Result } from '../session/context.ts';
import { evaluationReport, type EvaluationCaller } from './evaluation.service.ts';
import type { EvaluationRequest } from './evaluation-worker.ts';

type Answer = Result<Omit<EvaluationReport, 'ok'>>;
type Pending = { resolve: (r: Answer) => void; reject: (e: Error) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(e: Error) {
  for (const p of pending.values()) p.reject(e);
  pending.clear();
  worker = null;
}

function thread(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./evaluation-worker-boot.mjs', import.meta.url));
  w.unref();
  w.on('message', (m: { id: number; result?: Answer; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(`evaluation report failed: ${m.error}`));
    else p.resolve(m.result!);
  });
  w.on('error', (e) => failAll(e instanceof Error ? e : new Error(String(e))));
  w.on('exit', (code) => {
    if (worker === w) failAll(new Error(`evaluation thread exited (${code})`));
  });
  worker = w;
  return w;
}

/** What the report needs of the caller: its capabilities and venue scope (plain data, for the thread). */
const callerOf = (p: EvaluationCaller): EvaluationCaller => ({ caps: new Set(p.caps), national: p.national, venueIds: new Set(p.venueIds) });

/** evaluationReport on the report thread (reading the same database file), or in place for a database in memory. */
export async function evaluationReportOffThread(db: Db, p: EvaluationCaller, q: EvaluationQuery, now = Date.now()): Promise<Answer> {
  const client = db.$client;
  if (client.memory || !client.name) return evaluationReport(db, p, q, now);
  const request: Omit<EvaluationRequest, 'id'> = { file: resolve(client.name), caller: callerOf(p), query: q, now };
  try {
    return await new Promise<Answer>((ok, fail) => {
      const id = nextId++;
      pending.set(id, { resolve: ok, reject: fail });
      thread().postMessage({ id, ...request });
    });
  } catch {
    // the thread failed (or could not start): the same report, in place
    return evaluationReport(db, p, q, now);
  }
}

/** Whether the report thread is up (tests: the report was computed there, not in place). */
export const evaluationThreadRunning = () => worker !== null;

/** Ends the report thread (tests). */
export async function closeEvaluationThread(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
