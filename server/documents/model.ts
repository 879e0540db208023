/**
 * A document as content, before it is a PDF or a page: what the form says, in its order. The
 * builders (server/documents/content/*.ts) turn recorded data into this; the renderers turn this
 * into a PDF (render-pdf.ts, pdfmake) and into print-ready HTML (render-html.ts) that say the same
 * thing. Plain data, no functions: it is hashed as canonical JSON (contentHash), so the same record
 * always gives the same model, the same hash and the same bytes.
 */
import type { DocumentKind } from '../../protocol/documents.ts';
import type { VenueTimeZone } from '../../protocol/activity.ts';

/** A run of text; bold/italics as the form prints them. */
export type Inline = string | { text: string; bold?: boolean; italics?: boolean };

export type TableColumn = {
  header: string;
  /** a share of the width ('*'), fitted to its content ('auto'), or points */
  width: '*' | 'auto' | number;
  align?: 'left' | 'center' | 'right';
};

export type Block =
  /**
   * the form's title lines, centred, the first bold; `numbered`: a last line "NOMOR: <number>"
   * with the document's number, which the document service gives when it issues (blocksOf)
   */
  | { kind: 'heading'; lines: string[]; numbered?: boolean }
  /** a paragraph of running text */
  | { kind: 'paragraph'; text: Inline[]; align?: 'left' | 'justify' | 'center' }
  /** "Label : value" lines with the colons aligned (identities, places, times) */
  | { kind: 'fields'; rows: [label: string, value: string][] }
  /** a numbered or bulleted list */
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  /**
   * A table whose header row repeats on every page and whose rows do not split across pages;
   * `footer`: a closing row (totals) in bold.
   */
  | { kind: 'table'; columns: TableColumn[]; rows: string[][]; footer?: string[] }
  /**
   * Signature blocks side by side: the caption above the space for the wet signature (Pasal
   * 14(3)), then the name and the NIP under it.
   */
  | { kind: 'signatures'; blocks: SignatureBlock[] }
  /** vertical space between parts of the form */
  | { kind: 'spacer'; size?: 'small' | 'large' };

export type SignatureBlock = {
  /** lines above the signature space: "Pengawas,", "PIHAK KESATU", "Yogyakarta, 7 Desember 2026" */
  caption: string[];
  name: string;
  /** printed as "NIP 19861115 201007 1 012"; null prints "NIP -" (an official without one) */
  nip: string | null;
};

export type DocumentModel = {
  kind: DocumentKind;
  /** the document's number, printed under the title and in the footer */
  number: string;
  /** the PDF's title metadata (the form's title) */
  title: string;
  /** the moment the document is issued; its creation date, so the bytes do not depend on the clock */
  issuedAt: number;
  /** the venue's zone: every time in the document is on its clock, named */
  zone: VenueTimeZone;
  /** portrait unless the form needs the width (the attendance list) */
  orientation: 'portrait' | 'landscape';
  blocks: Block[];
};

/** What the footer of every page carries: how to check the paper against the record. */
export type DocumentSeal = {
  /** the short code (protocol/documents.ts VERIFY_CODE_ALPHABET) */
  code: string;
  /** SHA-256 of the canonical content (contentHash), printed in full */
  contentHash: string;
  /** the verification page for this code, drawn as a vector QR code */
  verifyUrl: string;
};

/** The blocks as printed: a numbered heading gets its "NOMOR: …" line from the model's number. */
export function blocksOf(model: DocumentModel): Block[] {
  return model.blocks.map((b) => (b.kind === 'heading' && b.numbered ? { kind: 'heading', lines: [...b.lines, `NOMOR: ${model.number}`] } : b));
}
