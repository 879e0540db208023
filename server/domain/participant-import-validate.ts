/**
 * Checking a participant table (the roster of a session, Perban BKN 4/2024 Pasal 14(2): the proctor
 * checks each participant against this list). All-or-nothing: the file is imported only when every
 * row is right, so the answer lists every problem at once, by spreadsheet row and column.
 */
import {
  IMPORT_COLUMNS, IMPORT_LIMITS, IMPORT_REQUIRED, NIP_PROBLEM_TEXT, nipProblem,
  type ImportColumn, type ImportError, type ImportRow
} from '../../protocol/index.ts';

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

const err = (row: number, field: string, message: string, pesan: string): ImportError => ({ row, field, message, pesan });

/** Which column index holds which field; problems with the header row (row 1). */
export function mapHeader(header: string[]): { index: Partial<Record<ImportColumn, number>>; errors: ImportError[] } {
  const index: Partial<Record<ImportColumn, number>> = {};
  const errors: ImportError[] = [];
  header.forEach((raw, i) => {
    const h = raw.trim();
    if (!h) return; // an untitled column is fine as long as it stays empty (checked per row)
    const col = BY_ALIAS.get(normalizeHeader(h));
    if (!col) {
      errors.push(err(1, h, `Unknown column "${h}"; use the columns of the template: ${IMPORT_COLUMNS.join(', ')}`,
        `Kolom "${h}" tidak dikenal; gunakan kolom sesuai templat: ${IMPORT_COLUMNS.join(', ')}`));
    } else if (index[col] !== undefined) {
      errors.push(err(1, h, `Column ${LABEL[col]} appears twice`, `Kolom ${LABEL[col]} muncul dua kali`));
    } else {
      index[col] = i;
    }
  });
  for (const col of IMPORT_COLUMNS) {
    if (index[col] === undefined) errors.push(err(1, col, `Column ${LABEL[col]} is missing`, `Kolom ${LABEL[col]} tidak ada`));
  }
  return { index, errors };
}

/** Excel turned an 18-digit NIP into 1.98503E+17 (1,98503E+17 in an Indonesian locale): the last digits are gone. */
const looksNumeric = (v: string) => /^\d+([.,]\d+)?e\+?\d+$/i.test(v);

const NIP_AS_NUMBER = {
  en: 'the NIP is stored as a number, so Excel has lost its last digits; format the NIP column as Text and type the NIPs again',
  id: 'NIP tersimpan sebagai angka sehingga Excel menghilangkan digit terakhirnya; ubah format kolom NIP menjadi Teks lalu ketik ulang NIP'
};

const blank = (r: TableRow) => r.cells.every((c) => c.trim() === '');

/** Validate rows already split into cells; `rows[i].row` is the spreadsheet row number. */
export function validateRows(header: string[], input: TableRow[]): ImportParse {
  const rows = input.filter((r) => !blank(r));
  const errors: ImportError[] = [];
  const add = (e: ImportError) => void (errors.length < MAX_ERRORS && errors.push(e));

  if (header.every((h) => h.trim() === '') && rows.length === 0) {
    return { ok: false, rows: 0, errors: [err(0, '', 'The file is empty', 'Berkas kosong')] };
  }
  const { index, errors: headerErrors } = mapHeader(header);
  headerErrors.forEach(add);
  if (rows.length === 0) add(err(0, '', 'The file has a header but no participant rows', 'Berkas hanya berisi judul kolom, tanpa baris peserta'));
  if (rows.length > IMPORT_LIMITS.maxRows) {
    add(err(0, '', `The file has ${rows.length} rows; at most ${IMPORT_LIMITS.maxRows} can be imported at once`,
      `Berkas berisi ${rows.length} baris; paling banyak ${IMPORT_LIMITS.maxRows} baris sekali impor`));
  }

  const out: ImportRow[] = [];
  const seenNip = new Map<string, number>();
  const seenNomor = new Map<string, number>();
  for (const r of rows) {
    if (errors.length >= MAX_ERRORS) break;
    const cells = r.cells.map((c) => c.trim());
    cells.forEach((c, i) => {
      if (c && (i >= header.length || !header[i].trim())) {
        add(err(r.row, '', `Cell ${i + 1} has a value but its column has no title`, `Sel ke-${i + 1} berisi data tetapi kolomnya tidak berjudul`));
      }
    });
    const get = (col: ImportColumn) => (index[col] === undefined ? '' : cells[index[col]!] ?? '');
    let bad = false;
    for (const col of IMPORT_COLUMNS) {
      if (index[col] === undefined) continue; // already reported once for the header
      const v = get(col);
      if (v.length > IMPORT_LIMITS.maxCell) {
        bad = true;
        add(err(r.row, col, `${LABEL[col]} is longer than ${IMPORT_LIMITS.maxCell} characters`, `${LABEL[col]} lebih dari ${IMPORT_LIMITS.maxCell} karakter`));
      } else if (!v && IMPORT_REQUIRED.includes(col)) {
        bad = true;
        add(err(r.row, col, `${LABEL[col]} is empty`, `${LABEL[col]} kosong`));
      }
    }
    // NIPs are often written grouped: "19850310 201012 1 001".
    const nip = get('nip').replace(/\s+/g, '');
    if (index.nip !== undefined && nip) {
      const problem = r.numericNip || looksNumeric(nip) ? 'number' : nipProblem(nip);
      if (problem === 'number') {
        bad = true;
        add(err(r.row, 'nip', `NIP "${nip}": ${NIP_AS_NUMBER.en}`, `NIP "${nip}": ${NIP_AS_NUMBER.id}`));
      } else if (problem) {
        bad = true;
        add(err(r.row, 'nip', `NIP "${nip}": ${NIP_PROBLEM_TEXT[problem].en}`, `NIP "${nip}": ${NIP_PROBLEM_TEXT[problem].id}`));
      } else if (seenNip.has(nip)) {
        bad = true;
        const first = seenNip.get(nip)!;
        add(err(r.row, 'nip', `NIP ${nip} appears in rows ${first} and ${r.row}`, `NIP ${nip} muncul di baris ${first} dan ${r.row}`));
      } else {
        seenNip.set(nip, r.row);
      }
    }
    const nomor = get('nomor_peserta');
    if (nomor && nomor.length <= IMPORT_LIMITS.maxCell) {
      if (seenNomor.has(nomor)) {
        bad = true;
        const first = seenNomor.get(nomor)!;
        add(err(r.row, 'nomor_peserta', `Nomor peserta ${nomor} appears in rows ${first} and ${r.row}`,
          `Nomor peserta ${nomor} muncul di baris ${first} dan ${r.row}`));
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
