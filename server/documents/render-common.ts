/**
 * What the PDF (render-pdf.ts) and the print page (render-html.ts) write alike, in one place so the
 * two say the same thing: the NIP as printed under a signature, the issue moment on the venue's
 * clock, the seal's lines and the QR code's modules.
 */
import { createRequire } from 'node:module';
import { BULAN } from '../../protocol/format/terbilang.ts';
import { TIME_ZONE_INFO } from '../../protocol/activity.ts';
import { formatCode } from './canonical.ts';
import type { DocumentModel, DocumentSeal } from './model.ts';

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
const qrEnc = (createRequire(import.meta.url)('pdfmake/js/qrEnc.js') as { default: QrEnc }).default;

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
