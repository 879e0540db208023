/**
 * The document render thread: pdfmake lays out and writes a PDF synchronously (a berita acara in
 * about 0.2 s, a 300-row attendance list in up to a second on a busy machine), which must not hold
 * the event loop that serves the rooms' heartbeats. A request { model, seal } answers { pdf, html }
 * (the PDF's buffer transferred, not copied).
 */
import { answerRequests } from '../workers/thread-call.ts';
import type { DocumentModel, DocumentSeal } from './model.ts';
import { renderHtml } from './render-html.ts';
import { renderPdf } from './render-pdf.ts';

export type RenderRequest = { model: DocumentModel; seal: DocumentSeal };
export type RenderResult = { pdf: Uint8Array; html: string };

answerRequests<RenderRequest, RenderResult>(
  async (m) => ({ pdf: new Uint8Array(await renderPdf(m.model, m.seal)), html: renderHtml(m.model, m.seal) }),
  (r) => [r.pdf.buffer as ArrayBuffer]
);
