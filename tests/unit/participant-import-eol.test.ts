/**
 * Regression: a participant CSV whose lines end differently (some \r\n, some \n, an old-Mac lone
 * \r — a file edited in two editors, or rows pasted from another file) must import like any other.
 * csv-parse guesses one record delimiter from the first line; a row ending otherwise used to run
 * into the next one ("Cell 8 has a value but its column has no title").
 */
import { describe, expect, it } from 'vitest';
import { parseParticipantFile, type ImportParse } from '../../server/domain/participant-import.ts';

const NIP1 = '198503102010121001';
const NIP2 = '199001012015032002';
const NIP3 = '197812252005011003';
const HEADER = 'nip,nama,jabatan,jenjang,unit_kerja,instansi,nomor_peserta';
const R1 = `${NIP1},Dewi Lestari,Analis SDM Aparatur,Ahli Muda,Biro SDM,Kementerian A,P-001`;
const R2 = `${NIP2},Rudi Hartono,,,,Kementerian A,P-002`;
const R3 = `${NIP3},Siti Aminah,Pranata Komputer,Terampil,Pusdatin,Kementerian A,P-003`;

const parse = (text: string | Buffer) => parseParticipantFile(Buffer.isBuffer(text) ? text : Buffer.from(text), 'csv');
const rowsOf = (p: ImportParse) => {
  if (!p.ok) throw new Error('expected rows, got errors: ' + JSON.stringify(p.errors));
  return p.rows;
};
const brief = (p: ImportParse) => rowsOf(p).map((r) => `${r.row}:${r.nip}:${r.nomorPeserta}`);
const ALL = [`2:${NIP1}:P-001`, `3:${NIP2}:P-002`, `4:${NIP3}:P-003`];

describe('a CSV with mixed line endings imports', () => {
  it('header \\r\\n, then rows ending \\n and \\r\\n', async () => {
    expect(brief(await parse(`${HEADER}\r\n${R1}\n${R2}\r\n${R3}\n`))).toEqual(ALL);
  });
  it('header \\n, then rows ending \\r\\n', async () => {
    expect(brief(await parse(`${HEADER}\n${R1}\r\n${R2}\r\n${R3}\r\n`))).toEqual(ALL);
  });
  it('a lone \\r (old Mac) between \\r\\n and \\n rows, and no line end after the last row', async () => {
    expect(brief(await parse(`${HEADER}\r\n${R1}\r${R2}\n${R3}`))).toEqual(ALL);
    expect(brief(await parse(`${HEADER}\r${R1}\r\n${R2}\r${R3}\r`))).toEqual(ALL);
  });
  it('semicolons, a BOM and mixed endings, as an Indonesian Excel file edited elsewhere', async () => {
    const semi = (l: string) => l.replace(/,/g, ';');
    const text = `\uFEFF${semi(HEADER)}\r\n${semi(R1)}\n${semi(R2)}\r${semi(R3)}\r\n`;
    expect(brief(await parse(text))).toEqual(ALL);
  });
  it('Windows-1252 bytes with mixed endings keep accented names', async () => {
    const text = `${HEADER}\n${R1.replace('Dewi Lestari', 'Andrés Müller')}\r\n${R2}\n`;
    const rows = rowsOf(await parse(Buffer.from(text, 'latin1')));
    expect(rows.map((r) => r.nama)).toEqual(['Andrés Müller', 'Rudi Hartono']);
  });
  it('blank lines of either kind are skipped and row numbers stay those of the spreadsheet', async () => {
    expect(brief(await parse(`${HEADER}\r\n${R1}\n\r\n${R2}\r\n\n${R3}\n`))).toEqual([`2:${NIP1}:P-001`, `4:${NIP2}:P-002`, `6:${NIP3}:P-003`]);
  });
  it('a line break inside a quoted cell stays in the cell, whatever the other rows end with', async () => {
    const quoted = `${NIP1},Dewi Lestari,Analis,Ahli Muda,"Biro\r\nSDM",Kementerian A,P-001`;
    const rows = rowsOf(await parse(`${HEADER}\n${quoted}\r\n${R2}\n`));
    expect(rows).toHaveLength(2);
    expect(rows[0].unitKerja).toBe('Biro\r\nSDM');
    expect(rows[1]).toMatchObject({ nip: NIP2, nomorPeserta: 'P-002' });
  });
});
