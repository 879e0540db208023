/**
 * Reading a participant import file (the session roster) from the bytes an agency uploads: CSV as
 * Indonesian Excel writes it (';' separated, maybe a BOM, maybe Windows-1252) or an XLSX workbook.
 * Only parsing here; the checks are in participant-import-validate.ts and nothing touches the db.
 */
import ExcelJS from 'exceljs';
import { checkZip } from './zip-guard.ts';
import { parse } from 'csv-parse/sync';
import { IMPORT_COLUMNS } from '../../protocol/index.ts';
import { msg, type Msg } from '../../protocol/messages/index.ts';
import { importError, mapHeader, validateRows, type ImportParse, type TableRow } from './participant-import-validate.ts';

export { validateTable, validateRows, mapHeader, type ImportRow, type ImportParse, type TableRow } from './participant-import-validate.ts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Windows labels a .csv upload application/vnd.ms-excel; a real .xls is binary and refused. */
const CSV_MIMES = ['text/csv', 'text/plain', 'application/csv', 'text/comma-separated-values', 'application/vnd.ms-excel'];

const isZip = (d: Buffer) => d.length >= 4 && d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04;

/** Text, not binary: no NUL bytes and few control characters in the first 8 KB. */
function looksLikeText(d: Buffer): boolean {
  const head = d.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
  }
  return control <= head.length / 100;
}

export function fileKind(contentType: string | undefined, data: Buffer): 'csv' | 'xlsx' | null {
  const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (isZip(data) || mime === XLSX_MIME) return 'xlsx';
  if (CSV_MIMES.includes(mime) && looksLikeText(data)) return 'csv';
  return null;
}

const unreadable = (m: Msg): ImportParse => ({ ok: false, rows: 0, errors: [importError(0, '', m)] });

export async function parseParticipantFile(data: Buffer, kind: 'csv' | 'xlsx'): Promise<ImportParse> {
  return kind === 'csv' ? parseCsv(data) : parseXlsx(data);
}

// ---------------------------------------------------------------- CSV

function decode(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    // Excel "CSV (Comma delimited)" on Windows writes the ANSI code page, not UTF-8.
    return data.toString('latin1');
  }
}

/** Indonesian Excel separates with ';' (',' is the decimal mark there); count them on the header line, outside quotes. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.keys(counts) as (keyof typeof counts)[]).sort((a, b) => counts[b] - counts[a])[0];
  return counts[best] > 0 ? best : ',';
}

function parseCsv(data: Buffer): ImportParse {
  if (data.length > 0 && !looksLikeText(data)) {
    return unreadable(msg('import.notCsv'));
  }
  const text = decode(data);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      // Every line ending, mixed in one file (rows pasted from another file, edited in two editors):
      // left to itself csv-parse takes the first line's ending for all, and a row ending otherwise
      // runs into the next one. '\r\n' before '\r' (first match wins); quoted cells keep theirs.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true
    }) as string[][];
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return unreadable(msg('import.csvUnreadable', { why }));
  }
  const [header = [], ...rows] = records;
  return validateRows(header, rows.map((cells, i) => ({ row: i + 2, cells })));
}

// ---------------------------------------------------------------- XLSX

type Cell = ExcelJS.CellValue;

/** The text a cell shows; `numeric` when the value (or a formula's result) is a number. */
function cellText(v: Cell): { text: string; numeric: boolean } {
  if (v === null || v === undefined) return { text: '', numeric: false };
  if (typeof v === 'number') return { text: String(v), numeric: true };
  if (typeof v === 'string') return { text: v, numeric: false };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', numeric: false };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), numeric: false };
  if ('richText' in v) return { text: v.richText.map((r) => r.text).join(''), numeric: false };
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as Cell);
  if ('hyperlink' in v) return cellText(v.text as Cell);
  if ('error' in v) return { text: String(v.error), numeric: false };
  return { text: '', numeric: false };
}

function rowCells(row: ExcelJS.Row): { cells: string[]; numeric: Set<number> } {
  const cells: string[] = [];
  const numeric = new Set<number>();
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const { text, numeric: n } = cellText(cell.value);
    while (cells.length < col - 1) cells.push('');
    cells[col - 1] = text;
    if (n) numeric.add(col - 1);
  });
  return { cells, numeric };
}

/**
 * What an .xlsx of IMPORT_LIMITS.maxRows rows may unpack to: a 2,000-row roster is well under
 * 2 MB of XML; 8 MB leaves room for styles and shared strings, and stops a zip bomb.
 */
const XLSX_UNPACKED_MAX = 8 * 1024 * 1024;

async function parseXlsx(data: Buffer): Promise<ImportParse> {
  const zip = checkZip(data, { maxTotal: XLSX_UNPACKED_MAX, maxEntries: 200 });
  if (!zip.ok) {
    return zip.reason === 'too_large' || zip.reason === 'too_many_entries'
      ? unreadable(msg('import.xlsxTooBig'))
      : unreadable(msg('import.notXlsx'));
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    return unreadable(msg('import.notXlsx'));
  }
  const ws = wb.worksheets[0];
  if (!ws) return unreadable(msg('import.noWorksheet'));
  const header = rowCells(ws.getRow(1)).cells;
  // A NIP typed into a General-format cell becomes a number: 18 digits do not survive (> 2^53).
  const nipCol = mapHeader(header).index.nip;
  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const { cells, numeric } = rowCells(row);
    rows.push({ row: n, cells, numericNip: nipCol !== undefined && numeric.has(nipCol) });
  });
  return validateRows(header, rows);
}

// ---------------------------------------------------------------- template

/** The template agencies fill in: the column names and one example row (a plausible NIP). */
export function templateCsv(): string {
  const example = ['198503102010121001', 'Dewi Lestari', 'Analis Sumber Daya Manusia Aparatur', 'Ahli Muda', 'Bagian Kepegawaian', 'Badan Kepegawaian Negara', 'CACT-2026-0001'];
  return `${IMPORT_COLUMNS.join(',')}\r\n${example.join(',')}\r\n`;
}
