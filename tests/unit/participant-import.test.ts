import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fileKind, parseParticipantFile, templateCsv, validateTable, type ImportParse } from '../../server/domain/participant-import.ts';
import { IMPORT_COLUMNS, IMPORT_LIMITS, type ImportError } from '../../protocol/index.ts';

const NIP1 = '198503102010121001';
const NIP2 = '199001012015032002';
const NIP3 = '197812252005011003';
const HEADER = ['NIP', 'Nama', 'Jabatan', 'Jenjang Jabatan', 'Unit Kerja', 'Instansi', 'No. Peserta'];
const ROWS = [
  [NIP1, 'Dewi Lestari', 'Analis SDM Aparatur', 'Ahli Muda', 'Biro SDM', 'Kementerian A', 'P-001'],
  [NIP2, 'Rudi Hartono', '', '', '', 'Kementerian A', 'P-002'],
  [NIP3, 'Siti Aminah', 'Pranata Komputer', 'Terampil', 'Pusdatin', 'Kementerian A', 'P-003']
];
const csv = (rows: string[][], sep = ',') => rows.map((r) => r.map((c) => (c.includes(sep) || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c)).join(sep)).join('\r\n') + '\r\n';
const errorsOf = (p: ImportParse): ImportError[] => {
  if (p.ok) throw new Error('expected errors, got ' + p.rows.length + ' rows');
  return p.errors;
};
const brief = (p: ImportParse) => errorsOf(p).map((e) => `${e.row}:${e.field}`);

async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Peserta'));
  wb.addWorksheet('Lain').addRow(['ignored']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('recognising the file', () => {
  it('xlsx by the zip signature or the MIME type', async () => {
    const book = await xlsx((ws) => ws.addRow(['nip']));
    expect(fileKind(undefined, book)).toBe('xlsx');
    expect(fileKind('text/csv', book)).toBe('xlsx');
    expect(fileKind('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', Buffer.from('x'))).toBe('xlsx');
  });
  it('csv by a text MIME type with text content', () => {
    const text = Buffer.from(csv([HEADER, ...ROWS]));
    expect(fileKind('text/csv; charset=utf-8', text)).toBe('csv');
    expect(fileKind('text/plain', text)).toBe('csv');
    expect(fileKind('application/vnd.ms-excel', text)).toBe('csv');
  });
  it('an old binary .xls, an unknown type or no type → null', () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(fileKind('application/vnd.ms-excel', xls)).toBeNull();
    expect(fileKind('application/pdf', Buffer.from('%PDF-1.4'))).toBeNull();
    expect(fileKind(undefined, Buffer.from('nip,nama'))).toBeNull();
  });
});

describe('a good file', () => {
  const expectGood = (p: ImportParse) => {
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    expect(p.rows).toHaveLength(3);
    expect(p.rows[0]).toEqual({
      row: 2, nip: NIP1, nama: 'Dewi Lestari', jabatan: 'Analis SDM Aparatur', jenjang: 'Ahli Muda', unitKerja: 'Biro SDM', instansi: 'Kementerian A', nomorPeserta: 'P-001'
    });
    expect(p.rows[1]).toMatchObject({ row: 3, jabatan: null, jenjang: null, unitKerja: null });
  };
  it('CSV with commas', async () => expectGood(await parseParticipantFile(Buffer.from(csv([HEADER, ...ROWS])), 'csv')));
  it('CSV with semicolons and a BOM, as Indonesian Excel saves it', async () => {
    const rows = ROWS.map((r) => [...r]);
    rows[0][4] = 'Biro SDM, Umum'; // a comma inside a cell does not split it
    const p = await parseParticipantFile(Buffer.from('\uFEFF' + csv([HEADER, ...rows], ';')), 'csv');
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    expect(p.rows.map((r) => r.unitKerja)).toEqual(['Biro SDM, Umum', null, 'Pusdatin']);
    expect(p.rows[0].nip).toBe(NIP1);
  });
  it('CSV in Windows-1252 keeps accented names', async () => {
    const rows = [['nip', 'nama', 'jabatan', 'jenjang', 'unit_kerja', 'instansi', 'nomor_peserta'], [NIP1, 'José', '', '', '', 'K', '1']];
    const p = await parseParticipantFile(Buffer.from(csv(rows), 'latin1'), 'csv');
    expect(p.ok && p.rows[0].nama).toBe('José');
  });
  it('trims cells, skips blank rows (keeping row numbers) and accepts a NIP written in groups', async () => {
    const p = await parseParticipantFile(Buffer.from(csv([HEADER, ROWS[0], [], ['', '', ''], ['19900101 201503 2 002', ' Rudi ', '', '', '', ' Kementerian A ', ' P-002 ']])), 'csv');
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    expect(p.rows.map((r) => [r.row, r.nip, r.nama, r.instansi, r.nomorPeserta])).toEqual([
      [2, NIP1, 'Dewi Lestari', 'Kementerian A', 'P-001'],
      [5, NIP2, 'Rudi', 'Kementerian A', 'P-002']
    ]);
  });
  it('XLSX with the NIP as text, rich text and formula results, from the first worksheet', async () => {
    const book = await xlsx((ws) => {
      ws.addRow(HEADER);
      for (const r of ROWS) ws.addRow(r);
      ws.getCell('B2').value = { richText: [{ text: 'Dewi ' }, { text: 'Lestari', font: { bold: true } }] };
      ws.getCell('F2').value = { formula: 'F3', result: 'Kementerian A' };
      ws.getCell('G4').value = 3; // a numeric nomor peserta is fine
    });
    const p = await parseParticipantFile(book, 'xlsx');
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    expect(p.rows).toHaveLength(3);
    expect(p.rows[0]).toMatchObject({ row: 2, nip: NIP1, nama: 'Dewi Lestari', instansi: 'Kementerian A' });
    expect(p.rows[2].nomorPeserta).toBe('3');
  });
  it('the template is the import columns and an example that imports', () => {
    const t = templateCsv();
    expect(t.split('\r\n')[0]).toBe(IMPORT_COLUMNS.join(','));
    const [header, example] = t.trim().split('\r\n').map((l) => l.split(','));
    expect(validateTable(header, [example]).ok).toBe(true);
  });
});

describe('a bad file: every error, by row and field', () => {
  it('an XLSX NIP stored as a number is reported as such, telling to format the column as Text', async () => {
    const book = await xlsx((ws) => {
      ws.addRow(HEADER);
      ws.addRow([198503102010121001, 'Dewi', '', '', '', 'K', 'P-1']);
      ws.addRow([NIP2, 'Rudi', '', '', '', 'K', 'P-2']);
    });
    const errors = errorsOf(await parseParticipantFile(book, 'xlsx'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 2, field: 'nip' });
    expect(errors[0].message).toMatch(/number.*Text/);
    expect(errors[0].pesan).toMatch(/angka.*Teks/);
  });
  it('a CSV NIP that Excel turned into 1,98503E+17 gets the same advice', () => {
    const errors = errorsOf(validateTable(HEADER, [['1,98503E+17', 'Dewi', '', '', '', 'K', 'P-1']]));
    expect(errors[0]).toMatchObject({ row: 2, field: 'nip' });
    expect(errors[0].message).toMatch(/Text/);
  });
  it('unknown and missing columns are named on row 1', () => {
    const p = validateTable(['NIP', 'Nama', 'Golongan', 'Instansi', 'Nomor Peserta', 'Jabatan', 'Jenjang'], [[NIP1, 'Dewi', 'III/a', 'K', 'P-1', '', '']]);
    const errors = errorsOf(p);
    expect(errors.map((e) => `${e.row}:${e.field}`)).toEqual(['1:Golongan', '1:unit_kerja']);
    expect(errors[0].message).toMatch(/Unknown column "Golongan"/);
    expect(errors[1].pesan).toMatch(/Kolom Unit Kerja tidak ada/);
  });
  it('a column given twice is an error', () => {
    expect(brief(validateTable([...HEADER, 'nomor_peserta'], [[...ROWS[0], 'x']]))).toEqual(['1:nomor_peserta']);
  });
  it('a value in a column without a title is an error; an empty untitled column is fine', () => {
    expect(validateTable([...HEADER, ''], [[...ROWS[0], '']]).ok).toBe(true);
    expect(brief(validateTable(HEADER, [[...ROWS[0], 'stray']]))).toEqual(['2:']);
  });
  it('missing required fields: one error per cell', () => {
    const p = validateTable(HEADER, [['', 'Dewi', '', '', '', 'K', 'P-1'], [NIP2, '', '', '', '', '', '']]);
    expect(brief(p)).toEqual(['2:nip', '3:nama', '3:instansi', '3:nomor_peserta']);
    expect(errorsOf(p)[0]).toMatchObject({ message: 'NIP is empty', pesan: 'NIP kosong' });
  });
  it('a NIP that is not 18 digits or not plausible, with the reason from nip.ts', () => {
    const p = validateTable(HEADER, [
      ['12345', 'A', '', '', '', 'K', '1'],
      ['198513102010121001', 'B', '', '', '', 'K', '2'],
      ['198503102010123001', 'C', '', '', '', 'K', '3']
    ]);
    const errors = errorsOf(p);
    expect(brief(p)).toEqual(['2:nip', '3:nip', '4:nip']);
    expect(errors[0].message).toMatch(/18 digits/);
    expect(errors[1].pesan).toMatch(/tanggal lahir/);
    expect(errors[2].message).toMatch(/15th digit/);
  });
  it('duplicate NIPs and nomor peserta name both rows', () => {
    const p = validateTable(HEADER, [ROWS[0], ROWS[1], [NIP1, 'Lagi', '', '', '', 'K', 'P-009'], [NIP3, 'X', '', '', '', 'K', 'P-002']]);
    const errors = errorsOf(p);
    expect(brief(p)).toEqual(['4:nip', '5:nomor_peserta']);
    expect(errors[0].message).toBe(`NIP ${NIP1} appears in rows 2 and 4`);
    expect(errors[0].pesan).toBe(`NIP ${NIP1} muncul di baris 2 dan 4`);
    expect(errors[1].message).toMatch(/rows 3 and 5/);
  });
  it('a cell longer than the limit', () => {
    const long = 'x'.repeat(IMPORT_LIMITS.maxCell + 1);
    expect(brief(validateTable(HEADER, [[NIP1, long, '', '', '', 'K', '1']]))).toEqual(['2:nama']);
    expect(validateTable(HEADER, [[NIP1, 'x'.repeat(IMPORT_LIMITS.maxCell), '', '', '', 'K', '1']]).ok).toBe(true);
  });
  it('more rows than allowed', () => {
    const many = Array.from({ length: IMPORT_LIMITS.maxRows + 1 }, (_, i) => [NIP1, 'A', '', '', '', 'K', String(i)]);
    const p = validateTable(HEADER, many);
    const errors = errorsOf(p);
    expect(errors[0]).toMatchObject({ row: 0, field: '' });
    expect(errors[0].message).toMatch(String(IMPORT_LIMITS.maxRows));
    expect(errors.length).toBeLessThanOrEqual(200);
    if (!p.ok) expect(p.rows).toBe(IMPORT_LIMITS.maxRows + 1);
  });
  it('errors are capped at 200', () => {
    const bad = Array.from({ length: 500 }, (_, i) => ['123', '', '', '', '', '', String(i)]);
    expect(errorsOf(validateTable(HEADER, bad))).toHaveLength(200);
  });
  it('an empty file, and a header without rows', async () => {
    expect(brief(await parseParticipantFile(Buffer.alloc(0), 'csv'))).toEqual(['0:']);
    expect(brief(await parseParticipantFile(Buffer.from('\uFEFF\r\n\r\n'), 'csv'))).toEqual(['0:']);
    expect(brief(await parseParticipantFile(Buffer.from(csv([HEADER])), 'csv'))).toEqual(['0:']);
    expect(brief(await parseParticipantFile(await xlsx(() => {}), 'xlsx'))).toEqual(['0:']);
  });
  it('garbage bytes are one error on row 0', async () => {
    const garbage = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37 + 11) % 256));
    for (const kind of ['csv', 'xlsx'] as const) {
      const p = await parseParticipantFile(garbage, kind);
      expect(errorsOf(p)).toEqual([expect.objectContaining({ row: 0, field: '' })]);
    }
    const brokenZip = Buffer.concat([Buffer.from('PK\x03\x04'), garbage]);
    expect(brief(await parseParticipantFile(brokenZip, 'xlsx'))).toEqual(['0:']);
  });
  it('a CSV with an unclosed quote is one error on row 0', async () => {
    const p = await parseParticipantFile(Buffer.from(`nip,nama\n"${NIP1},Dewi\n`), 'csv');
    expect(brief(p)).toEqual(['0:']);
  });
});
