/**
 * The main thread's side of the store worker: `run(op)` resolves once the op is committed (on
 * disk), or rejects when it failed — then nothing of it was stored. If the worker dies, what it
 * had not answered is rejected (the callers keep and retry what is a record) and a new worker is
 * started. A database the worker cannot open (':memory:') is written inline, through the same
 * ops, so tests and tools see one behaviour.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from '../../db/client.ts';
import type { Logger } from '../log.ts';
import { createStoreOps, type StoreOp, type StoreResult } from './store-ops.ts';

type Waiter = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export interface StoreWriter {
  run(op: StoreOp): Promise<unknown>;
  /** ops sent and not yet answered */
  readonly inFlight: number;
  close(): Promise<void>;
}

export function createStoreWriter(db: Db, file: string, log: Logger): StoreWriter {
  return file === ':memory:' || file.startsWith('file::memory:') ? new InlineWriter(db) : new WorkerWriter(db, file, log);
}

/** Same ops on the caller's connection; still answers through a promise, like the worker. */
class InlineWriter implements StoreWriter {
  private readonly ops;
  inFlight = 0;
  constructor(db: Db) {
    this.ops = createStoreOps(db);
  }
  run(op: StoreOp) {
    const [r] = this.ops.apply([op]);
    return r.ok ? Promise.resolve(r.value) : Promise.reject(new Error(r.error));
  }
  async close() {}
}

class WorkerWriter implements StoreWriter {
  private worker: Worker | null = null;
  private waiting = new Map<number, Waiter>();
  private nextId = 1;
  private closing = false;
  restarts = 0;

  constructor(db: Db, private readonly file: string, private readonly log: Logger) {
    // The worker's connection checkpoints the WAL; the main connection never does it on a commit of its own.
    db.$client.pragma('wal_autocheckpoint = 0');
    this.spawn();
  }

  get inFlight() {
    return this.waiting.size;
  }

  private spawn() {
    const w = new Worker(new URL('./store-worker-boot.mjs', import.meta.url), { workerData: { file: this.file } });
    w.unref();
    w.on('message', (m: 'ready' | ({ id: number } & StoreResult)[]) => {
      if (m === 'ready') return;
      for (const r of m) {
        const waiter = this.waiting.get(r.id);
        if (!waiter) continue;
        this.waiting.delete(r.id);
        if (r.ok) waiter.resolve(r.value);
        else waiter.reject(new Error(r.error));
      }
    });
    w.on('error', (err) => this.log.error({ err }, 'store worker failed'));
    w.on('exit', (code) => {
      if (this.worker !== w) return;
      this.worker = null;
      // whatever it had not answered is not known to be stored: the callers retry
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`store worker exited (${code})`));
      this.waiting.clear();
      if (!this.closing) {
        this.restarts++;
        this.log.error({ code, restarts: this.restarts }, 'store worker exited; starting a new one');
        this.spawn();
      }
    });
    this.worker = w;
  }

  run(op: StoreOp): Promise<unknown> {
    if (!this.worker) return Promise.reject(new Error('the store is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker!.postMessage({ id, op });
    });
  }

  async close() {
    this.closing = true;
    const w = this.worker;
    if (!w) return;
    // answers for what was sent still arrive before the worker exits
    const gone = new Promise<void>((ok) => w.once('exit', () => ok()));
    w.postMessage('close');
    const settled = Promise.allSettled([...this.waiting.values()].map((x) => new Promise((ok) => {
      const { resolve, reject } = x;
      x.resolve = (v) => { resolve(v); ok(v); };
      x.reject = (e) => { reject(e); ok(e); };
    })));
    await Promise.race([Promise.all([gone, settled]), new Promise((ok) => setTimeout(ok, 5000).unref())]);
    this.worker = null;
  }
}
