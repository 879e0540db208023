/**
 * The store worker: a thread that owns the live path's write connection, so no SQLite write or
 * fsync of the heartbeat and event paths holds the main event loop. Messages that arrive while it
 * is busy are applied together in one transaction (group commit); each is answered by id after
 * the commit — an answer means the data is on disk (synchronous = FULL).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../../db/client.ts';
import { createStoreOps, type StoreOp } from './store-ops.ts';

type Inbound = { id: number; op: StoreOp };

const db = openDb((workerData as { file: string }).file, { migrate: false });
const ops = createStoreOps(db);
let queue: Inbound[] = [];
let scheduled = false;

function drain() {
  scheduled = false;
  const batch = queue;
  queue = [];
  let results;
  try {
    results = ops.apply(batch.map((m) => m.op));
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    results = batch.map(() => ({ ok: false as const, error }));
  }
  parentPort!.postMessage(batch.map((m, i) => ({ id: m.id, ...results[i] })));
}

parentPort!.on('message', (m: Inbound | 'close') => {
  if (m === 'close') {
    if (queue.length) drain();
    db.$client.close();
    parentPort!.close();
    return;
  }
  queue.push(m);
  if (!scheduled) {
    scheduled = true;
    setImmediate(drain);
  }
});
parentPort!.postMessage('ready');
