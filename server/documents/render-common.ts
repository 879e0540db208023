/**
 * What the PDF (render-pdf.ts) and the print page (render-html.ts) share, in one place so the two
 * say the same thing and lay it out alike: the page's margins and type sizes, the committed fonts
 * and a measurer in them, the tables' column widths, the NIP as printed under a signature, the
 * issue moment on the venue's clock, the seal's lines and the QR code.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BULAN } from '../../protocol/format/terbilang.ts';
import { TIME_ZONE_INFO } from '../../protocol/activity.ts';
import { formatCode } from './canonical.ts';
import type { Block, DocumentModel, DocumentSeal } from './model.ts';

const require = createRequire(import.meta.url);

// ---- the page and the type: shared so the two renderers lay out alike ----

export const CM = 72 / 2.54;
/** Tata naskah dinas: left 2.5 cm (the binding side), top and right 2 cm. */
export const MARGIN = { left: 2.5 * CM, top: 2 * CM, right: 2 * CM };
/** Type sizes in points. */
export const SIZE = { body: 11, heading: 12, table: 9, footer: 7.5, hash: 6.5 } as const;
export const FONT = 'Roboto';

export type VirtualFs = { existsSync(p: string): boolean; readFileSync(p: string): Buffer };

/** The committed fonts (Roboto 3.014, SIL OFL 1.1: fonts/README.md), read once into memory. */
export const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf'
} as const;
const FONT_DIR = fileURLToPath(new URL('./fonts/', import.meta.url));
const fontBytes = new Map<string, Buffer>();
export function fontFs(): VirtualFs {
  if (fontBytes.size === 0) for (const file of Object.values(FONT_FILES)) fontBytes.set(file, readFileSync(FONT_DIR + file));
  return {
    existsSync: (p) => fontBytes.has(p),
    readFileSync: (p) => {
      const b = fontBytes.get(p);
      if (!b) throw new Error(`documents: ${p} is not one of the document fonts`);
      return b;
    }
  };
}

/**
 * Text widths in the document's own fonts, for the column widths pdfmake would get wrong
 * (tableWidths): a PDFKit document used only for measuring (never written), its fonts from the
 * same bytes. One per rendering: PDFKit caches the layout of every word it measures, and a
 * long-lived one would keep every name it ever saw.
 */
type MeasureFont = { widthOfString(s: string, size: number): number };
type MeasureDoc = { provideFont(family: string, bold: boolean, italics: boolean): MeasureFont };
const PdfKitDocument = (require('pdfmake/js/PDFDocument.js') as {
  default: new (fonts: object, images: object, patterns: object, attachments: object, options: object, vfs: VirtualFs, localPolicy: (p: string) => boolean) => MeasureDoc;
}).default;
export type TextWidth = (text: string, size: number, bold?: boolean) => number;
export function measurer(): TextWidth {
  const doc = new PdfKitDocument({ [FONT]: { ...FONT_FILES } }, {}, {}, {}, { autoFirstPage: false, font: null }, fontFs(), () => false);
  return (text, size, bold = false) => {
    const font = doc.provideFont(FONT, bold, false);
    return Math.max(0, ...text.split('\n').map((line) => font.widthOfString(line, size)));
  };
}

/** A4 in points, across the page as the model turns it. */
const pageWidth = (model: Pick<DocumentModel, 'orientation'>) => (model.orientation === 'landscape' ? 841.89 : 595.28);
/** The width between the margins, in points. */
export const contentWidth = (model: Pick<DocumentModel, 'orientation'>) => pageWidth(model) - MARGIN.left - MARGIN.right;

/** Cell padding and rule of FORM_TABLE, per column. */
export const CELL_EXTRA = 4 + 4 + 0.6;
/** The least a '*' column keeps (about 12 characters of the table's type). */
const STAR_MIN = 60;

/**
 * The table's column widths in points where the model says 'auto' (the PDF's, and the print
 * page's through table-layout: fixed). pdfmake shares the width between
 * 'auto' and '*' columns in proportion to their unwrapped widths, so one long name in a '*' column
 * squeezes every 'auto' column down to its longest word: a NIP printed as "19861115 / 201007 1 /
 * 012" on three lines, and each row three times as tall. Here an 'auto' column is as wide as its
 * widest cell on one line (header and totals in bold), at most 30% of the width, and the '*'
 * columns share what is left; if even that leaves a '*' column less than STAR_MIN, the 'auto'
 * columns give up width in proportion.
 */
export function tableWidths(block: Extract<Block, { kind: 'table' }>, width: number, textWidth: TextWidth): (number | '*')[] {
  const cap = width * 0.3;
  const auto = block.columns.map((c, i) => {
    if (c.width !== 'auto') return 0;
    let w = textWidth(c.header, SIZE.table, true);
    for (const row of block.rows) if (row[i]) w = Math.max(w, textWidth(row[i], SIZE.table));
    if (block.footer?.[i]) w = Math.max(w, textWidth(block.footer[i], SIZE.table, true));
    return Math.min(cap, Math.ceil(w + 1));
  });
  const fixed = block.columns.reduce((n, c) => n + (typeof c.width === 'number' ? c.width + CELL_EXTRA : 0), 0);
  const stars = block.columns.filter((c) => c.width === '*').length;
  const autoTotal = auto.reduce((n, w, i) => n + (block.columns[i].width === 'auto' ? w + CELL_EXTRA : 0), 0);
  const room = width - fixed - stars * STAR_MIN;
  const scale = autoTotal > room && autoTotal > 0 ? Math.max(0, room) / autoTotal : 1;
  return block.columns.map((c, i) => (c.width === 'auto' ? Math.floor((auto[i] + CELL_EXTRA) * scale - CELL_EXTRA) : c.width));
}

/** Who the PDF names as its author (info dictionary) and the page as its author (meta). */
export const DOCUMENT_AUTHOR = 'Pengawasan CACT BKN';
/** The application that made the document (info dictionary Creator / meta generator). */
export const DOCUMENT_CREATOR = 'cact-pengawas';

/**
 * "NIP 19861115 201007 1 012": an 18-digit NIP in its four parts (birth date, CPNS appointment
 * year and month, sex, sequence — PP 11/2017, as BKN prints it); anything else as given; no NIP
 * (an official without one) "NIP -".
 */
export function nipLine(nip: string | null): string {
  if (nip == null || nip.trim() === '') return 'NIP -';
  const n = nip.trim();
  if (/^\d{18}$/.test(n)) return `NIP ${n.slice(0, 8)} ${n.slice(8, 14)} ${n.slice(14, 15)} ${n.slice(15)}`;
  return `NIP ${n}`;
}

/**
 * The issue moment on the venue's clock, named: "7 Desember 2026, 09.07 WIB". Written from the
 * zone's fixed offset (Indonesia keeps no daylight saving) rather than Intl, so the bytes of a
 * document do not change with the ICU data of the Node that renders it.
 */
export function issuedAtText(model: Pick<DocumentModel, 'issuedAt' | 'zone'>): string {
  const info = TIME_ZONE_INFO[model.zone] ?? TIME_ZONE_INFO['Asia/Jakarta'];
  const d = new Date(model.issuedAt + info.offsetMin * 60_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${BULAN[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}.${mm} ${info.abbr}`;
}

/** The seal's wording, printed in the footer of every PDF page and at the foot of the print page. */
export function sealText(model: DocumentModel, seal: DocumentSeal) {
  return {
    number: model.number,
    issued: `Diterbitkan ${issuedAtText(model)}`,
    code: `Kode verifikasi: ${formatCode(seal.code)}`,
    hash: `SHA-256 isi: ${seal.contentHash}`,
    check: `Periksa keaslian di ${seal.verifyUrl}`,
    page: (page: number, pages: number) => `Halaman ${page} dari ${pages}`
  };
}

/**
 * A token longer than a narrow column can hold (a pasted identifier, a URL, a name written without
 * spaces): both renderers let it break between any two characters, so nothing runs past its cell
 * or the margin, while the words around it keep breaking at spaces and hyphens. 22 characters:
 * longer than any NIP (18), shorter than the narrowest column that holds free text.
 */
export const LONG_TOKEN = /(\S{22,})/;

/**
 * Error correction of the QR code: M (15 % of the modules may be lost) — a printed page gets
 * folded, stamped over and photocopied.
 */
export const QR_ECC = 'M';

type QrRect = { x: number; y: number; w: number; h: number };
type QrEnc = { measure(node: { qr: string; eccLevel: string; fit?: number }): { _canvas: QrRect[] } };
// pdfmake's own QR encoder (the one its `qr` node draws with): no second QR library, and the PDF
// and the page encode the URL identically.
const qrEnc = (require('pdfmake/js/qrEnc.js') as { default: QrEnc }).default;

/** The QR code of `text` as a square of modules (true = dark), without the quiet zone. */
export function qrModules(text: string): boolean[][] {
  const FIT = 4096;
  const canvas = qrEnc.measure({ qr: text, eccLevel: QR_ECC, fit: FIT })._canvas;
  const [background, ...dark] = canvas;
  const mod = dark[0]?.w ?? background.w;
  const n = Math.round(background.w / mod);
  const matrix = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  for (const r of dark) matrix[Math.round(r.y / mod)][Math.round(r.x / mod)] = true;
  return matrix;
}

/** A coordinate in a path: at most 3 decimals, no float noise ("56.693", not "56.69291338582677"). */
const num = (v: number) => String(Math.round(v * 1000) / 1000);

/**
 * The dark modules as one SVG path (also PDF path syntax through PDFKit): a rectangle per
 * horizontal run of dark modules, `unit` long per module, origin at the top left module. The PDF
 * fills it in its footer (moved by dx, dy: pdfmake does not move a path with its node) and the print
 * page in an inline <svg>: the same drawing in both.
 */
export function qrPath(modules: boolean[][], unit = 1, dx = 0, dy = 0): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    for (let x = 0; x < row.length; ) {
      if (!row[x]) {
        x++;
        continue;
      }
      let end = x;
      while (end < row.length && row[end]) end++;
      const w = num((end - x) * unit);
      parts.push(`M${num(dx + x * unit)} ${num(dy + y * unit)}h${w}v${num(unit)}h-${w}z`);
      x = end;
    }
  });
  return parts.join('');
}

/**
 * The QR code as a self-contained SVG: one path of the dark modules in module units, `quiet`
 * modules of white around it (the standard asks for 4 where nothing else surrounds it), drawn
 * `size` units wide (points in the PDF, where pdfmake's svg node draws it as vector paths; the
 * print page sizes it by CSS). Crisp edges: no anti-aliasing seams between modules.
 */
export function qrSvg(text: string, size: number, quiet = 0): string {
  const modules = qrModules(text);
  const n = modules.length + 2 * quiet;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-quiet} ${-quiet} ${n} ${n}" width="${size}" height="${size}" shape-rendering="crispEdges">` +
    `<rect x="${-quiet}" y="${-quiet}" width="${n}" height="${n}" fill="#ffffff"/>` +
    `<path d="${qrPath(modules)}" fill="#000000"/></svg>`
  );
}
