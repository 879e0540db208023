/**
 * Rendering a document off the event loop: one worker thread (render-worker.ts), started on the
 * first document and kept while the process runs (unref'd: it never keeps the process alive),
 * requests answered in order. If the thread dies, the waiting requests fail and the next one
 * starts a new thread. The bytes are the same as rendering in place (the same code, and the PDF
 * depends only on the model and the seal).
 */
import { Worker } from 'node:worker_threads';
import type { DocumentModel, DocumentSeal } from './model.ts';

type Pending = { resolve: (r: { pdf: Buffer; html: string }) => void; reject: (e: Error) => void };

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
  const w = new Worker(new URL('./render-worker-boot.mjs', import.meta.url));
  w.unref();
  w.on('message', (m: { id: number; pdf?: Uint8Array; html?: string; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(`document render failed: ${m.error}`));
    else p.resolve({ pdf: Buffer.from(m.pdf!.buffer, m.pdf!.byteOffset, m.pdf!.byteLength), html: m.html! });
  });
  w.on('error', (e) => failAll(e instanceof Error ? e : new Error(String(e))));
  w.on('exit', (code) => {
    if (worker === w) failAll(new Error(`document render thread exited (${code})`));
  });
  worker = w;
  return w;
}

/** The PDF and the print page of a document, rendered on the render thread. */
export function renderDocument(model: DocumentModel, seal: DocumentSeal): Promise<{ pdf: Buffer; html: string }> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    thread().postMessage({ id, model, seal });
  });
}

/** Ends the render thread (a server closing; tests). */
export async function closeRenderThread(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
