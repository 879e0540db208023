/**
 * A document model → one complete, self-contained HTML page that prints on A4 like the PDF
 * (render-pdf.ts) and says the same thing in the same order: for reading on screen, for a browser's
 * print, and for anyone who cannot open the PDF. No external resource of any kind (inline CSS, the
 * QR code as inline SVG, the reader's own sans-serif fonts), no script.
 *
 * Every text is escaped: names and places come from imported files, and a participant called
 * "<script>" is printed as those eight characters.
 *
 * On paper: the @page margins are the PDF's (left 2.5 cm, top and right 2 cm); each page's foot
 * carries the number, the verification code and "Halaman X dari Y" (CSS page-margin boxes, Chromium
 * 131 and later); the seal (code, full content hash, QR code of the verification page) closes the
 * document; a table's header row repeats on every page and its rows do not split.
 */
import {
  CELL_EXTRA, DOCUMENT_AUTHOR, DOCUMENT_CREATOR, LONG_TOKEN, contentWidth, measurer, nipLine, qrSvg, sealText, tableWidths, type TextWidth
} from './render-common.ts';
import { formatCode } from './canonical.ts';
import { blocksOf, type Block, type DocumentModel, type DocumentSeal, type Inline, type TableColumn } from './model.ts';

/** Text for HTML content and attribute values (double-quoted). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * Text inside a CSS string ("…") in a <style> element: quotes and backslashes escaped, and '<'
 * written as \3C so no "</style>" can end the element early; line breaks become spaces.
 */
function cssString(s: string): string {
  return `"${s.replace(/[\\"<]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase()} `).replace(/[\r\n\f]+/g, ' ')}"`;
}

/**
 * Escaped text; a line break in it ("Sesi 1 (S1-0712)\n08.00 WIB s.d. 11.00 WIB") is a <br> as it
 * is a new line in the PDF; a LONG_TOKEN may break anywhere (as in the PDF), the rest at spaces and
 * hyphens.
 */
function text(s: string): string {
  const html = LONG_TOKEN.test(s)
    ? s
        .split(LONG_TOKEN)
        .map((part) => (LONG_TOKEN.test(part) ? `<span class="any">${escapeHtml(part)}</span>` : escapeHtml(part)))
        .join('')
    : escapeHtml(s);
  return html.replace(/\r?\n/g, '<br>');
}

function inlineHtml(runs: Inline[]): string {
  return runs
    .map((r) => {
      if (typeof r === 'string') return text(r);
      let html = text(r.text);
      if (r.italics) html = `<em>${html}</em>`;
      if (r.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join('');
}

/**
 * The column widths as CSS rules of the table's own class, with table-layout: fixed: the PDF's
 * widths (render-common.ts tableWidths: a number as given, 'auto' as wide as its widest cell), the
 * '*' columns sharing what is left equally, as pdfmake shares it. An 'auto' column gets 8% more
 * than Roboto needs: the reader's sans-serif (Arial, Liberation Sans) runs a little wider.
 */
function colRules(table: string, block: Extract<Block, { kind: 'table' }>, width: number, textWidth: TextWidth): string[] {
  const widths = tableWidths(block, width, textWidth);
  return block.columns.flatMap((c, i) => {
    const w = widths[i];
    if (w === '*') return [];
    const pt = (c.width === 'auto' ? w * 1.08 : w) + CELL_EXTRA;
    return [`.${table} col:nth-child(${i + 1}){width:${pt.toFixed(1)}pt}`];
  });
}

const alignClass = (a: TableColumn['align']) => (a === 'center' ? ' class="c"' : a === 'right' ? ' class="r"' : '');

/**
 * One block. Rules that depend on the content (column widths, the number of signature columns) go
 * into `css`, the page's one <style> element, never into style attributes: a Content-Security-Policy
 * can then allow that element by its hash, and no style attribute at all.
 */
function blockHtml(block: Block, index: number, css: Set<string>, width: number, textWidth: TextWidth): string {
  switch (block.kind) {
    case 'heading':
      return `<header class="heading">${block.lines.map((l, i) => (i === 0 ? `<h1>${text(l)}</h1>` : `<p>${text(l)}</p>`)).join('')}</header>`;
    case 'paragraph':
      return `<p class="para ${block.align ?? 'justify'}">${inlineHtml(block.text)}</p>`;
    case 'fields':
      return `<table class="fields"><tbody>${block.rows
        .map(([label, value]) => `<tr><th scope="row">${text(label)}</th><td class="colon">:</td><td>${text(value)}</td></tr>`)
        .join('')}</tbody></table>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${tag}>`;
    }
    case 'table': {
      const cells = (row: string[]) => block.columns.map((c, i) => `<td${alignClass(c.align)}>${text(row[i] ?? '')}</td>`).join('');
      for (const rule of colRules(`t${index}`, block, width, textWidth)) css.add(rule);
      // the totals row is the body's last row, not a <tfoot>: a browser repeats a <tfoot> on every page
      return (
        `<table class="form t${index}"><colgroup>${block.columns.map(() => '<col>').join('')}</colgroup>` +
        `<thead><tr>${block.columns.map((c) => `<th scope="col">${text(c.header)}</th>`).join('')}</tr></thead>` +
        `<tbody>${block.rows.map((r) => `<tr>${cells(r)}</tr>`).join('')}` +
        (block.footer ? `<tr class="total">${cells(block.footer)}</tr>` : '') +
        `</tbody></table>`
      );
    }
    case 'signatures':
      css.add(`.signatures.n${block.blocks.length}{grid-template-columns:repeat(${block.blocks.length},minmax(0,1fr))}`);
      return `<div class="signatures n${block.blocks.length}">${block.blocks
        .map(
          (s) =>
            `<div class="sig">${s.caption.map((l) => `<p>${text(l) || '&nbsp;'}</p>`).join('')}` +
            `<div class="sign-space"></div><p class="name">${text(s.name)}</p><p>${text(nipLine(s.nip))}</p></div>`
        )
        .join('')}</div>`;
    case 'spacer':
      return `<div class="spacer ${block.size ?? 'medium'}"></div>`;
  }
}

const CSS = `
*{box-sizing:border-box}
html{background:#d9d9d9;color:#000}
body{margin:0;font-family:Roboto,Arial,"Liberation Sans",Helvetica,sans-serif;font-size:11pt;line-height:1.3}
.sheet{background:#fff;margin:12mm auto;padding:2cm 2cm 2cm 2.5cm;box-shadow:0 1px 6px rgba(0,0,0,.3)}
.portrait .sheet{width:21cm;min-height:29.7cm}
.landscape .sheet{width:29.7cm;min-height:21cm}
.heading{text-align:center;margin:0 0 12pt}
.heading h1{font-size:12pt;font-weight:700;margin:0}
.heading p{margin:0}
p{margin:0}
.para{margin:0 0 6pt;overflow-wrap:break-word}
.para.justify{text-align:justify}.para.center{text-align:center}.para.left{text-align:left}
.fields{border-collapse:collapse;margin:0 0 6pt}
.fields th{font-weight:400;text-align:left;vertical-align:top;padding:1pt 0;white-space:nowrap}
.fields td{vertical-align:top;padding:1pt 0 1pt 4pt;overflow-wrap:break-word}
ol,ul{margin:0 0 6pt;padding-left:1.6em}
li{margin:0 0 2pt}
table.form{width:100%;table-layout:fixed;border-collapse:collapse;font-size:9pt;margin:2pt 0 8pt}
table.form th,table.form td{border:.6pt solid #000;padding:2.5pt 4pt;vertical-align:top;overflow-wrap:break-word}
table.form thead th{background:#e8e8e8;font-weight:700;text-align:center;vertical-align:middle}
table.form thead{display:table-header-group}
table.form tr{break-inside:avoid}
table.form tr.total td{font-weight:700}
.any{word-break:break-all}
a{color:inherit}
.c{text-align:center}.r{text-align:right}
.signatures{display:grid;column-gap:24pt;margin:6pt 0;break-inside:avoid;text-align:center}
.sig{break-inside:avoid;overflow-wrap:break-word}
.sign-space{height:2.2cm}
.sig .name{font-weight:700;text-decoration:underline}
.spacer.small{height:6pt}.spacer.medium{height:12pt}.spacer.large{height:24pt}
.seal{display:flex;gap:10pt;align-items:flex-start;border-top:.5pt solid #000;margin-top:16pt;padding-top:4pt;font-size:7.5pt;line-height:1.25;break-inside:avoid}
.seal .lines{flex:1;min-width:0}
.seal .code{font-size:9pt;font-weight:700;margin:2pt 0 1pt}
.seal .hash{font-size:6.5pt;letter-spacing:.15pt;overflow-wrap:break-word}
.seal .url{overflow-wrap:break-word}
.seal .qr{flex:none;width:2.4cm;height:2.4cm}
.seal .qr svg{width:100%;height:100%;display:block}
@media print{
  html{background:none}
  .sheet{margin:0;padding:0;box-shadow:none;width:auto!important;min-height:0!important}
}
`;

/** The print page for a model and its seal. */
export function renderHtml(model: DocumentModel, seal: DocumentSeal): string {
  const t = sealText(model, seal);
  const orientation = model.orientation === 'landscape' ? 'landscape' : 'portrait';
  // page-margin boxes: the number and code bottom left, the page count bottom right, on every page
  const page = `@page{size:A4 ${orientation};margin:2cm 2cm 2.4cm 2.5cm;
  @bottom-left{content:${cssString(`${model.number} · Kode verifikasi: ${formatCode(seal.code)}`)};font-size:7.5pt;font-family:Roboto,Arial,sans-serif}
  @bottom-right{content:"Halaman " counter(page) " dari " counter(pages);font-size:7.5pt;font-family:Roboto,Arial,sans-serif}}`;
  const css = new Set<string>();
  const textWidth = measurer();
  const body = blocksOf(model).map((b, i) => blockHtml(b, i, css, contentWidth(model), textWidth)).join('\n');
  const url = /^https?:\/\//i.test(seal.verifyUrl) ? `<a href="${escapeHtml(seal.verifyUrl)}">${escapeHtml(seal.verifyUrl)}</a>` : escapeHtml(seal.verifyUrl);
  return (
    `<!doctype html>\n<html lang="id" class="${orientation}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="author" content="${escapeHtml(DOCUMENT_AUTHOR)}">\n<meta name="generator" content="${escapeHtml(DOCUMENT_CREATOR)}">\n` +
    `<title>${escapeHtml(model.title)} — ${escapeHtml(model.number)}</title>\n` +
    `<style>${CSS}${[...css].join('\n')}\n${page}</style>\n</head>\n<body>\n<main class="sheet">\n` +
    body +
    `\n<footer class="seal"><div class="lines">` +
    `<p><strong>${escapeHtml(t.number)}</strong></p><p>${escapeHtml(t.issued)}</p>` +
    `<p class="code">${escapeHtml(t.code)}</p><p class="hash">${escapeHtml(t.hash)}</p>` +
    `<p class="url">Periksa keaslian di ${url}</p></div>` +
    `<div class="qr" role="img" aria-label="${escapeHtml(`Kode QR: ${seal.verifyUrl}`)}">${qrSvg(seal.verifyUrl, 100, 2)}</div></footer>\n` +
    `</main>\n</body>\n</html>\n`
  );
}
