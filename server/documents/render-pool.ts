/**
 * Rendering a document off the event loop, on its own thread (render-worker.ts through
 * ../workers/thread-call.ts). The bytes are the same as rendering in place (the same code, and the
 * PDF depends only on the model and the seal).
 */
import { threadCall } from '../workers/thread-call.ts';
import type { DocumentModel, DocumentSeal } from './model.ts';
import type { RenderRequest, RenderResult } from './render-worker.ts';

const render = threadCall<RenderRequest, { pdf: Buffer; html: string }, RenderResult>(
  new URL('./render-worker-boot.mjs', import.meta.url), 'document render',
  (r) => ({ pdf: Buffer.from(r.pdf.buffer, r.pdf.byteOffset, r.pdf.byteLength), html: r.html })
);

/** The PDF and the print page of a document, rendered on the render thread. */
export const renderDocument = (model: DocumentModel, seal: DocumentSeal): Promise<{ pdf: Buffer; html: string }> => render.call({ model, seal });

/** Ends the render thread (a server closing; tests). */
export const closeRenderThread = (): Promise<void> => render.close();
