/**
 * Work that must not hold the event loop (the rooms' heartbeats, events and requests run there)
 * goes to a worker thread: one thread per kind of work, started on the first request and kept
 * while the process runs (unref'd: it never keeps the process alive), requests answered by id.
 * If the thread dies, the waiting requests fail and the next request starts a new thread.
 *
 * The thread's side: `answerRequests(handler)` — `{ id, ...request }` in, `{ id, result }` or
 * `{ id, error }` out (with the result's transferable buffers, if the handler names them).
 */
import { parentPort, Worker, type TransferListItem } from 'node:worker_threads';

type Pending<R> = { resolve: (r: R) => void; reject: (e: Error) => void };
type Reply<W> = { id: number; result?: W; error?: string };

export type ThreadCall<Q, R> = {
  /** the request on the thread; rejects when the thread fails or the handler threw */
  call(request: Q): Promise<R>;
  /** whether the thread is up (tests) */
  running(): boolean;
  /** ends the thread (tests) */
  close(): Promise<void>;
};

/**
 * @param boot   the thread's entry (a .mjs that registers tsx's loader, then loads the worker)
 * @param label  named in errors: "document render failed: …"
 * @param decode the result as it crossed the thread (a transferred Uint8Array …) → as callers want it
 */
export function threadCall<Q extends object, R, W = R>(boot: URL, label: string, decode: (wire: W) => R = (w) => w as unknown as R): ThreadCall<Q, R> {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending<R>>();

  function failAll(e: Error) {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker = null;
  }

  function thread(): Worker {
    if (worker) return worker;
    const w = new Worker(boot);
    w.unref();
    w.on('message', (m: Reply<W>) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(`${label} failed: ${m.error}`));
      else p.resolve(decode(m.result as W));
    });
    w.on('error', (e) => failAll(e instanceof Error ? e : new Error(String(e))));
    w.on('exit', (code) => {
      if (worker === w) failAll(new Error(`${label} thread exited (${code})`));
    });
    worker = w;
    return w;
  }

  return {
    call: (request) =>
      new Promise<R>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        thread().postMessage({ ...request, id });
      }),
    running: () => worker !== null,
    close: async () => {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    }
  };
}

/** In the thread: answer each request with the handler's result (and transfer what it names). */
export function answerRequests<Q, W>(handler: (request: Q) => W | Promise<W>, transfer: (result: W) => TransferListItem[] = () => []) {
  parentPort!.on('message', async (m: Q & { id: number }) => {
    try {
      const result = await handler(m);
      parentPort!.postMessage({ id: m.id, result } satisfies Reply<W>, transfer(result));
    } catch (e) {
      parentPort!.postMessage({ id: m.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) } satisfies Reply<W>);
    }
  });
}
