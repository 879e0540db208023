/**
 * A document model → the PDF that is printed, signed and stored (pdfmake 0.3.11 on the server).
 *
 * The paper: A4, portrait or landscape as the model says, margins of a government letter (left
 * 2.5 cm, top and right 2 cm), the form's blocks in order, and on every page a footer that ties the
 * paper to the record: "Halaman X dari Y", the document's number, the verification code, the full
 * SHA-256 of the content and a vector QR code of the verification page.
 *
 * Deterministic: the same model and seal give the same bytes on any run, so a stored PDF can be
 * rendered again and compared. PDFKit (under pdfmake) would otherwise put the clock in the info
 * dictionary (CreationDate = new Date()) and, through it, in the file /ID (an MD5 of the info
 * dictionary); both are pinned here by giving CreationDate and ModDate as the document's issuedAt.
 * The rest is already a function of the content: font subset tags come from the font's resource
 * number (F1, F2, …, in order of first use), object numbers from the order of writing, and the
 * compressed streams from zlib on the same input. The fonts are the committed files in ./fonts,
 * never the system's; nothing is fetched (every URL is refused) and nothing else on disk is read.
 */
import { createRequire } from 'node:module';
import {
  CM, DOCUMENT_AUTHOR, DOCUMENT_CREATOR, FONT, FONT_FILES, LONG_TOKEN, MARGIN, SIZE, contentWidth, fontFs, measurer, nipLine, qrModules, qrPath,
  sealText, tableWidths, type TextWidth, type VirtualFs
} from './render-common.ts';
import { blocksOf, type Block, type DocumentModel, type DocumentSeal, type Inline, type SignatureBlock } from './model.ts';

const require = createRequire(import.meta.url);
const PDFMAKE_VERSION = (require('pdfmake/package.json') as { version: string }).version;

// pdfmake's printer and URL resolver used directly rather than its default export: that one is a
// process-wide singleton with shared fonts and access policies, and warns when none are set.
type Printer = { createPdfKitDocument(def: object, options?: object): Promise<PdfKitDoc> };
type PdfKitDoc = NodeJS.ReadableStream & { end(): void };
const PdfPrinter = (require('pdfmake/js/Printer.js') as { default: new (fonts: object, vfs: VirtualFs, resolver: object, localPolicy: (p: string) => boolean) => Printer }).default;
const URLResolver = (require('pdfmake/js/URLResolver.js') as { default: new (vfs: VirtualFs) => { setUrlAccessPolicy(cb: (url: string) => boolean): void } }).default;

/** From the paper's bottom edge to the footer's last line. */
const FOOTER_EDGE = 0.8 * CM;
/** The footer's five lines of text, from the rule down. */
const FOOTER_TEXT = 62;
/** Between the body's last line and the footer's rule. */
const FOOTER_GAP = 10;
/** The signature space: room for a wet signature and a stamp over it (Pasal 14(3)). */
const SIGNATURE_SPACE = 2.2 * CM;
/**
 * A QR module of 1.6 pt (0.56 mm): a code of about 2 cm for a 60-character URL, printed well above
 * what a phone camera needs (checked with zbarimg on a 150-dpi rendering of the page).
 */
const QR_MODULE = 1.6;
/** White above the QR code (4 modules, the standard's quiet zone); the page's margin is around the rest. */
const QR_QUIET = 4 * QR_MODULE;

// LONG_TOKEN (render-common.ts): pdfmake reads `wordBreak` per run, so only the long token
// becomes a run of its own that may break anywhere.
type Style = { bold?: boolean; italics?: boolean };
function runs(text: string, style: Style): (string | Record<string, unknown>)[] | string {
  if (!LONG_TOKEN.test(text)) return style.bold || style.italics ? [{ text, ...style }] : text;
  return text
    .split(LONG_TOKEN)
    .filter((part) => part !== '')
    .map((part) => (LONG_TOKEN.test(part) ? { text: part, ...style, wordBreak: 'break-all' } : { text: part, ...style }));
}
/** One string as a node; a plain string where possible (pdfmake lays those out fastest). */
function textNode(text: string, extra: Record<string, unknown> = {}): string | Record<string, unknown> {
  const t = runs(text, {});
  return typeof t === 'string' && Object.keys(extra).length === 0 ? t : { text: t, ...extra };
}
/**
 * Runs of a paragraph. pdfmake justifies by spreading a line's slack over the gaps between its
 * pieces, and the boundary between two runs is such a gap even without a space ("Yogyakarta ,"),
 * so punctuation glued to the end of a run (the comma after a bold place name) is moved into it.
 */
function inlines(list: Inline[]) {
  const items = list.map((r) => (typeof r === 'string' ? { text: r } : { ...r }));
  for (let i = 0; i + 1 < items.length; i++) {
    const glued = /^[.,;:!?)\]”’»%]+/.exec(items[i + 1].text);
    if (glued && items[i].text !== '' && !/\s$/.test(items[i].text)) {
      items[i].text += glued[0];
      items[i + 1].text = items[i + 1].text.slice(glued[0].length);
    }
  }
  return items
    .filter((r) => r.text !== '')
    .flatMap((r) => {
      const style: Style = { ...(r.bold ? { bold: true } : {}), ...(r.italics ? { italics: true } : {}) };
      const t = runs(r.text, style);
      return typeof t === 'string' ? [t] : t;
    });
}

/** Hairline rules, as a form's table is drawn. */
const FORM_TABLE = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  hLineColor: () => '#000000',
  vLineColor: () => '#000000',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5
};
/** Label : value lines, no rules. */
const FIELDS_TABLE = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: (i: number) => (i === 0 ? 0 : 4),
  paddingRight: () => 0,
  paddingTop: () => 1,
  paddingBottom: () => 1
};

/** Below this share of the page's body a section's title starts the next page instead. */
const TITLE_FOOT = 0.85;
const isTitle = (text: Inline[]) => text.length > 0 && text.every((t) => typeof t !== 'string' && t.bold);

function blockNode(block: Block, width: number, textWidth: TextWidth): object {
  switch (block.kind) {
    case 'heading':
      return {
        stack: block.lines.map((line, i) => textNode(line, { bold: i === 0, fontSize: i === 0 ? SIZE.heading : SIZE.body })),
        alignment: 'center',
        margin: [0, 0, 0, 12]
      };
    case 'paragraph':
      // a paragraph all in bold is a section's title: it keeps with what follows (see pageBreakBefore)
      return {
        text: inlines(block.text), alignment: block.align ?? 'justify', margin: [0, 0, 0, 6],
        ...(isTitle(block.text) ? { headlineLevel: 1 } : {})
      };
    case 'fields':
      // pdfmake cannot lay out a table without rows (nor a list without items): nothing to print
      if (block.rows.length === 0) return { text: '' };
      return {
        // the labels' column as wide as its longest label (capped): a label never wraps beside a long value
        table: {
          widths: [Math.min(width * 0.4, Math.max(0, ...block.rows.map(([label]) => textWidth(label, SIZE.body))) + 1), 'auto', '*'],
          body: block.rows.map(([label, value]) => [textNode(label), ':', textNode(value)])
        },
        layout: FIELDS_TABLE,
        margin: [0, 0, 0, 6]
      };
    case 'list':
      if (block.items.length === 0) return { text: '' };
      return { [block.ordered ? 'ol' : 'ul']: block.items.map((item) => ({ text: inlines(item), margin: [0, 0, 0, 2] })), margin: [0, 0, 0, 6] };
    case 'table': {
      const header = block.columns.map((c) => textNode(c.header, { bold: true, alignment: 'center', verticalAlignment: 'middle', fillColor: '#e8e8e8' }));
      const row = (cells: string[], bold: boolean) =>
        block.columns.map((c, i) => textNode(cells[i] ?? '', { ...(c.align && c.align !== 'left' ? { alignment: c.align } : {}), ...(bold ? { bold: true } : {}) }));
      const body = [header, ...block.rows.map((r) => row(r, false)), ...(block.footer ? [row(block.footer, true)] : [])];
      return {
        table: { headerRows: 1, dontBreakRows: true, widths: tableWidths(block, width, textWidth), body },
        layout: FORM_TABLE,
        fontSize: SIZE.table,
        margin: [0, 2, 0, 8]
      };
    }
    case 'signatures':
      // kept on one page: a signature separated from its caption would not say who signs as what
      return { stack: [{ columns: block.blocks.map(signatureColumn), columnGap: 24 }], unbreakable: true, margin: [0, 6, 0, 6] };
    case 'spacer':
      return { text: '', margin: [0, block.size === 'large' ? 24 : block.size === 'small' ? 6 : 12, 0, 0] };
  }
}

function signatureColumn(s: SignatureBlock) {
  return {
    width: '*',
    alignment: 'center',
    stack: [
      ...s.caption.map((line) => textNode(line)),
      { text: '', margin: [0, SIGNATURE_SPACE, 0, 0] },
      textNode(s.name, { bold: true, decoration: 'underline' }),
      textNode(nipLine(s.nip))
    ]
  };
}

/**
 * The verification QR code, vector: pdfmake's own QR encoder (the one its `qr` node uses;
 * render-common.ts qrModules) drawn as ONE filled path (render-common.ts qrPath) of
 * QR_MODULE-point modules, the same path the print page draws in its <svg>. The `qr` node itself
 * would draw every dark module as a rectangle of its own (~550 fill operations a page, ~8,000 in
 * a 15-page list), and pdfmake's svg node parses the SVG again on every page; together they took a
 * quarter of a 300-row list's time. A canvas path is not moved with its node, so the QR code is
 * placed at an absolute position — the footer's bottom right corner, computed from the page — and
 * its path drawn from there; the footer's text keeps a column of the same width free beside it.
 */
function qrAt(modules: boolean[][], x: number, y: number) {
  const size = modules.length * QR_MODULE;
  return {
    absolutePosition: { x, y },
    canvas: [
      { type: 'rect', x: 0, y: 0, w: size, h: size, color: '#ffffff', lineWidth: 0 },
      { type: 'path', d: qrPath(modules, QR_MODULE, x, y), color: '#000000', lineWidth: 0 }
    ]
  };
}

/** The pdfmake document definition for a model (fresh each call: pdfmake writes into it). */
export function pdfDefinition(model: DocumentModel, seal: DocumentSeal): object {
  const text = sealText(model, seal);
  const modules = qrModules(seal.verifyUrl);
  const qr = { modules, size: modules.length * QR_MODULE };
  const issued = new Date(model.issuedAt);
  const textWidth = measurer();
  const footerHeight = FOOTER_GAP + Math.max(QR_QUIET + qr.size, FOOTER_TEXT);
  return {
    pageSize: 'A4',
    pageOrientation: model.orientation,
    pageMargins: [MARGIN.left, MARGIN.top, MARGIN.right, FOOTER_EDGE + footerHeight],
    language: 'id-ID',
    info: {
      title: model.title,
      author: DOCUMENT_AUTHOR,
      subject: model.number,
      keywords: `${model.kind} ${seal.code}`,
      creator: DOCUMENT_CREATOR,
      producer: `${DOCUMENT_CREATOR} (pdfmake ${PDFMAKE_VERSION})`,
      creationDate: issued,
      modDate: issued
    },
    defaultStyle: { font: FONT, fontSize: SIZE.body, lineHeight: 1.15 },
    content: blocksOf(model).map((b) => blockNode(b, contentWidth(model), textWidth)),
    // a section's title is never left at the foot of a page, away from its section: nothing after
    // it on the page, or too little room for more than a line or two (a table's header row and
    // unbreakable rows then start on the next page, leaving the title alone)
    pageBreakBefore: (node: { headlineLevel?: number; startPosition?: { verticalRatio?: number } }, following: unknown[]) =>
      node.headlineLevel === 1 && (following.length === 0 || (node.startPosition?.verticalRatio ?? 0) > TITLE_FOOT),
    footer: (page: number, pages: number, size: { width: number; height: number }) => ({
      margin: [MARGIN.left, FOOTER_GAP, MARGIN.right, 0],
      stack: [
        { canvas: [{ type: 'line', x1: 0, y1: 0, x2: size.width - MARGIN.left - MARGIN.right, y2: 0, lineWidth: 0.5 }] },
        {
          margin: [0, 4, 0, 0],
          columnGap: 10,
          columns: [
            {
              width: '*',
              fontSize: SIZE.footer,
              lineHeight: 1.2,
              stack: [
                { columns: [textNode(text.number, { bold: true, width: '*' }), { text: text.page(page, pages), alignment: 'right', bold: true, width: 'auto' }] },
                { text: text.issued },
                { text: text.code, bold: true, fontSize: 9, margin: [0, 2, 0, 1] },
                { text: text.hash, fontSize: SIZE.hash, characterSpacing: 0.15, wordBreak: 'break-all' },
                textNode(text.check)
              ]
            },
            { width: qr.size, text: '' }
          ]
        },
        // QR_QUIET below the rule (the code needs white around it to be found), FOOTER_EDGE above the paper's edge
        qrAt(qr.modules, size.width - MARGIN.right - qr.size, size.height - FOOTER_EDGE - qr.size)
      ]
    })
  };
}

/**
 * The PDF's bytes. pdfmake lays out and draws synchronously: a 300-row attendance list (15 pages)
 * holds the event loop for ~0.3 s of CPU once warm (tests/unit/document-render.test.ts measures it);
 * the first rendering in a process also pays for loading and compiling pdfmake (~1 s).
 */
export async function renderPdf(model: DocumentModel, seal: DocumentSeal): Promise<Buffer> {
  const vfs = fontFs();
  const resolver = new URLResolver(vfs);
  resolver.setUrlAccessPolicy(() => false);
  const fonts = { [FONT]: { ...FONT_FILES } };
  const printer = new PdfPrinter(fonts, vfs, resolver, () => false);
  const doc = await printer.createPdfKitDocument(pdfDefinition(model, seal));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
