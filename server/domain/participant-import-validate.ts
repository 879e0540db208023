/**
 * Checking a participant table (the roster of a session, Perban BKN 4/2024 Pasal 14(2): the proctor
 * checks each participant against this list). All-or-nothing: the file is imported only when every
 * row is right, so the answer lists every problem at once, by spreadsheet row and column.
 */
import {
  IMPORT_COLUMNS, IMPORT_LIMITS, IMPORT_REQUIRED, nipProblem,
  type ImportColumn, type ImportError, type ImportRow
} from '../../protocol/index.ts';
import { msg, say, type Msg } from '../../protocol/messages/index.ts';

export type { ImportRow };
export type ImportParse = { ok: true; rows: ImportRow[] } | { ok: false; errors: ImportError[]; rows: number };
/** `row` as the spreadsheet shows it; `numericNip`: the NIP cell was stored as a number (XLSX) */
export type TableRow = { row: number; cells: string[]; numericNip?: boolean };

export const MAX_ERRORS = 200;

/** How each column may be titled, after lower-casing and dropping spaces, underscores and dots. */
const ALIASES: Record<ImportColumn, string[]> = {
  nip: ['nip'],
  nama: ['nama', 'namalengkap', 'namapeserta'],
  jabatan: ['jabatan'],
  jenjang: ['jenjang', 'jenjangjabatan'],
  unit_kerja: ['unitkerja'],
  instansi: ['instansi'],
  nomor_peserta: ['nomorpeserta', 'nopeserta']
};
const LABEL: Record<ImportColumn, string> = {
  nip: 'NIP', nama: 'Nama', jabatan: 'Jabatan', jenjang: 'Jenjang', unit_kerja: 'Unit Kerja', instansi: 'Instansi', nomor_peserta: 'Nomor Peserta'
};

export const normalizeHeader = (h: string) => h.trim().toLowerCase().replace(/[\s_.]/g, '');
const BY_ALIAS = new Map(IMPORT_COLUMNS.flatMap((c) => ALIASES[c].map((a) => [a, c] as const)));

/** A problem at a row and column, worded by the message catalog (protocol/messages/). */
export const importError = (row: number, field: string, m: Msg): ImportError =>
  ({ row, field, code: m.code, params: m.params ?? {}, message: say(m, 'en'), pesan: say(m, 'id') });
const err = importError;

/** Which column index holds which field; problems with the header row (row 1). */
export function mapHeader(header: string[]): { index: Partial<Record<ImportColumn, number>>; errors: ImportError[] } {
  const index: Partial<Record<ImportColumn, number>> = {};
  const errors: ImportError[] = [];
  header.forEach((raw, i) => {
    const h = raw.trim();
    if (!h) return; // an untitled column is fine as long as it stays empty (checked per row)
    const col = BY_ALIAS.get(normalizeHeader(h));
    if (!col) {
      errors.push(err(1, h, msg('import.unknownColumn', { title: h, columns: IMPORT_COLUMNS })));
    } else if (index[col] !== undefined) {
      errors.push(err(1, h, msg('import.columnTwice', { column: LABEL[col] })));
    } else {
      index[col] = i;
    }
  });
  for (const col of IMPORT_COLUMNS) {
    if (index[col] === undefined) errors.push(err(1, col, msg('import.columnMissing', { column: LABEL[col] })));
  }
  return { index, errors };
}

/** Excel turned an 18-digit NIP into 1.98503E+17 (1,98503E+17 in an Indonesian locale): the last digits are gone. */
const looksNumeric = (v: string) => /^\d+([.,]\d+)?e\+?\d+$/i.test(v);

const blank = (r: TableRow) => r.cells.every((c) => c.trim() === '');

/** Validate rows already split into cells; `rows[i].row` is the spreadsheet row number. */
export function validateRows(header: string[], input: TableRow[]): ImportParse {
  const rows = input.filter((r) => !blank(r));
  const errors: ImportError[] = [];
  const add = (e: ImportError) => void (errors.length < MAX_ERRORS && errors.push(e));

  if (header.every((h) => h.trim() === '') && rows.length === 0) {
    return { ok: false, rows: 0, errors: [err(0, '', msg('import.empty'))] };
  }
  const { index, errors: headerErrors } = mapHeader(header);
  headerErrors.forEach(add);
  if (rows.length === 0) add(err(0, '', msg('import.noRows')));
  if (rows.length > IMPORT_LIMITS.maxRows) {
    add(err(0, '', msg('import.tooManyRows', { n: rows.length, max: IMPORT_LIMITS.maxRows })));
  }

  const out: ImportRow[] = [];
  const seenNip = new Map<string, number>();
  const seenNomor = new Map<string, number>();
  for (const r of rows) {
    if (errors.length >= MAX_ERRORS) break;
    const cells = r.cells.map((c) => c.trim());
    cells.forEach((c, i) => {
      if (c && (i >= header.length || !header[i].trim())) {
        add(err(r.row, '', msg('import.untitledCell', { cell: i + 1 })));
      }
    });
    const get = (col: ImportColumn) => (index[col] === undefined ? '' : cells[index[col]!] ?? '');
    let bad = false;
    for (const col of IMPORT_COLUMNS) {
      if (index[col] === undefined) continue; // already reported once for the header
      const v = get(col);
      if (v.length > IMPORT_LIMITS.maxCell) {
        bad = true;
        add(err(r.row, col, msg('import.cellTooLong', { column: LABEL[col], max: IMPORT_LIMITS.maxCell })));
      } else if (!v && IMPORT_REQUIRED.includes(col)) {
        bad = true;
        add(err(r.row, col, msg('import.cellEmpty', { column: LABEL[col] })));
      }
    }
    // NIPs are often written grouped: "19850310 201012 1 001".
    const nip = get('nip').replace(/\s+/g, '');
    if (index.nip !== undefined && nip) {
      const problem = r.numericNip || looksNumeric(nip) ? 'number' : nipProblem(nip);
      if (problem === 'number') {
        bad = true;
        add(err(r.row, 'nip', msg('import.nipAsNumber', { nip })));
      } else if (problem) {
        bad = true;
        add(err(r.row, 'nip', msg('import.nipProblem', { nip, problem })));
      } else if (seenNip.has(nip)) {
        bad = true;
        const first = seenNip.get(nip)!;
        add(err(r.row, 'nip', msg('import.nipTwice', { nip, first, row: r.row })));
      } else {
        seenNip.set(nip, r.row);
      }
    }
    const nomor = get('nomor_peserta');
    if (nomor && nomor.length <= IMPORT_LIMITS.maxCell) {
      if (seenNomor.has(nomor)) {
        bad = true;
        const first = seenNomor.get(nomor)!;
        add(err(r.row, 'nomor_peserta', msg('import.nomorTwice', { nomor, first, row: r.row })));
      } else {
        seenNomor.set(nomor, r.row);
      }
    }
    if (!bad) {
      const opt = (col: ImportColumn) => get(col) || null;
      out.push({
        row: r.row, nip, nama: get('nama'), jabatan: opt('jabatan'), jenjang: opt('jenjang'),
        unitKerja: opt('unit_kerja'), instansi: get('instansi'), nomorPeserta: nomor
      });
    }
  }
  if (errors.length) return { ok: false, errors, rows: rows.length };
  return { ok: true, rows: out };
}

/** Rows as strings; row numbers in errors as the spreadsheet shows them: header = 1, first data row = 2. */
export function validateTable(header: string[], rows: string[][]): ImportParse {
  return validateRows(header, rows.map((cells, i) => ({ row: i + 2, cells })));
}
