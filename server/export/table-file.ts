/**
 * A table as a file a spreadsheet opens: CSV or XLSX (exceljs). One place for the rules every
 * export follows:
 *  - CSV is UTF-8 with a byte order mark, `;` between fields and CRLF lines: what Excel set to
 *    Indonesian (id-ID) opens by double-click — its list separator is `;` because the comma is
 *    the decimal separator there, and without the BOM it reads the bytes as ANSI and garbles any
 *    non-ASCII name. Quoting is fast-csv's, which exceljs writes CSV with.
 *  - A text cell starting with = + - @ (or a tab or carriage return) would be run as a formula by
 *    a spreadsheet (CSV injection, OWASP): in CSV it gets a leading apostrophe; in XLSX it is a
 *    string cell, never a formula. Names and units imported from the agency's file are stored as
 *    typed and only neutralised on the way out.
 *  - A Date cell is a calendar date (YYYY-MM-DD in CSV, a date cell in XLSX).
 */
import ExcelJS from 'exceljs';

export type TableFormat = 'csv' | 'xlsx';
export const TABLE_CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

export type Cell = string | number | Date | null;
export type TableSpec = { sheet: string; columns: { header: string; width?: number; date?: boolean }[]; rows: Cell[][] };

/** A CSV cell as text; see the module's comment. */
export function csvCell(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value ?? '';
}

export function workbookOf(spec: TableSpec): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Pengawasan CACT BKN';
  // a sheet name is at most 31 characters and may not hold : \ / ? * [ ]
  const ws = wb.addWorksheet(spec.sheet.replace(/[:\\/?*[\]]/g, '-').slice(0, 31));
  ws.columns = spec.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? Math.max(10, c.header.length + 2) }));
  for (const r of spec.rows) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  spec.columns.forEach((c, i) => {
    if (c.date) ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return wb;
}

export async function tableFile(spec: TableSpec, format: TableFormat): Promise<Buffer> {
  // CSV: an empty cell is written, not left out (a row ending in empty cells keeps its width)
  const wb = workbookOf(format === 'csv' ? { ...spec, rows: spec.rows.map((r) => r.map((c) => c ?? '')) } : spec);
  return format === 'xlsx'
    ? Buffer.from(await wb.xlsx.writeBuffer())
    : Buffer.from(await wb.csv.writeBuffer({ formatterOptions: { delimiter: ';', rowDelimiter: '\r\n', writeBOM: true }, map: csvCell }));
}
