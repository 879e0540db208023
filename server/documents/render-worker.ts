/**
 * The document render thread: pdfmake lays out and writes a PDF synchronously (a berita acara in
 * about 0.2 s, a 300-row attendance list in up to a second on a busy machine), which must not hold
 * the event loop that serves the rooms' heartbeats. Messages: { id, model, seal } in, { id, pdf,
 * html } or { id, error } out.
 */
import { parentPort } from 'node:worker_threads';
import type { DocumentModel, DocumentSeal } from './model.ts';
import { renderHtml } from './render-html.ts';
import { renderPdf } from './render-pdf.ts';

parentPort!.on('message', async (m: { id: number; model: DocumentModel; seal: DocumentSeal }) => {
  try {
    const pdf = new Uint8Array(await renderPdf(m.model, m.seal));
    const html = renderHtml(m.model, m.seal);
    parentPort!.postMessage({ id: m.id, pdf, html }, [pdf.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
  }
});
