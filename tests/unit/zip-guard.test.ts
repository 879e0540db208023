/**
 * server/domain/zip-guard.ts: an .xlsx (a ZIP) is looked into before ExcelJS unpacks it whole, so a
 * 1 MB upload that unpacks to gigabytes cannot stall the server for every room. The containers are
 * built byte by byte here (tests/helpers/zip.ts), including ones whose headers lie about their sizes.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { checkZip } from '../../server/domain/zip-guard.ts';
import { IMPORT_COLUMNS } from '../../protocol/session.ts';
import { buildZip, repeatedDeflate, xlsxBomb } from '../helpers/zip.ts';

const MB = 1024 * 1024;
const LIMITS = { maxTotal: 1 * MB, maxEntries: 10 };
const text = (n: number, seed = 'peserta;') => Buffer.from(seed.repeat(Math.ceil(n / seed.length)).slice(0, n));

describe('checkZip', () => {
  it('a small valid zip (deflated and stored entries): ok, with the real unpacked size', () => {
    const zip = buildZip([
      { name: 'a.xml', data: text(5000) },
      { name: 'b.txt', data: Buffer.from('disimpan apa adanya'), method: 0 },
      { name: 'empty', data: Buffer.alloc(0) }
    ]);
    expect(checkZip(zip, LIMITS)).toEqual({ ok: true, entries: 3, unpacked: 5000 + 19 });
  });

  it('a workbook written by ExcelJS (what Excel users upload) passes the import limits', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Peserta');
    ws.addRow([...IMPORT_COLUMNS]);
    for (let i = 0; i < 2000; i++) ws.addRow([`19900101201501${String(1000 + i).slice(-4)}`, `Peserta ${i}`, 'Analis SDM Aparatur', 'Ahli Pertama', 'Bagian Kepegawaian', 'Instansi A', `P-${i}`]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const v = checkZip(file, { maxTotal: 8 * MB, maxEntries: 200 });
    expect(v).toMatchObject({ ok: true });
    if (v.ok) expect(v.entries).toBeGreaterThan(4);
  });

  it('one entry inflating past maxTotal: too_large, found by unpacking under a cap (fast, whatever the headers claim)', () => {
    // ~1 MB of file that unpacks to ~420 MB: the guard stops after maxTotal bytes of output
    const { file, sheetSize } = xlsxBomb(480);
    expect(file.length).toBeGreaterThan(0.9 * MB);
    expect(file.length).toBeLessThan(1.5 * MB);
    expect(sheetSize).toBeGreaterThan(400 * MB);
    const t0 = performance.now();
    expect(checkZip(file, { maxTotal: 8 * MB, maxEntries: 200 })).toEqual({ ok: false, reason: 'too_large' });
    expect(performance.now() - t0).toBeLessThan(500);

    // headers that claim 100 bytes do not fool it: the real output is measured
    const liar = repeatedDeflate('<x>', 'abcdefgh', 100_000, 3, '</x>'); // 2.4 MB unpacked
    expect(checkZip(buildZip([{ name: 'sheet.xml', body: liar.body, size: 100, crc: 0 }]), LIMITS)).toEqual({ ok: false, reason: 'too_large' });
    // exactly at the cap is still fine; one byte over is not
    expect(checkZip(buildZip([{ name: 'a', data: text(LIMITS.maxTotal) }]), LIMITS)).toMatchObject({ ok: true, unpacked: LIMITS.maxTotal });
    expect(checkZip(buildZip([{ name: 'a', data: text(LIMITS.maxTotal + 1) }]), LIMITS)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('the cap is for all entries together: several entries each under it, together over it, are too_large', () => {
    const parts = Array.from({ length: 4 }, (_, i) => ({ name: `xl/part${i}.xml`, data: text(300 * 1024, `p${i};`) }));
    expect(checkZip(buildZip(parts.slice(0, 3)), LIMITS)).toMatchObject({ ok: true, entries: 3 });
    expect(checkZip(buildZip(parts), LIMITS)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('too many entries: refused from the end record, before anything is unpacked', () => {
    const many = Array.from({ length: LIMITS.maxEntries + 1 }, (_, i) => ({ name: `f${i}`, data: Buffer.from(`isi ${i}`) }));
    expect(checkZip(buildZip(many), LIMITS)).toEqual({ ok: false, reason: 'too_many_entries' });
    expect(checkZip(buildZip(many.slice(0, LIMITS.maxEntries)), LIMITS)).toMatchObject({ ok: true, entries: LIMITS.maxEntries });
    // a record that claims more entries than there are: the missing ones are not a zip
    expect(checkZip(buildZip(many.slice(0, 2), { count: 5 }), LIMITS)).toEqual({ ok: false, reason: 'not_zip' });
  });

  it('truncated, garbage, empty, or pointing outside the file: not_zip (never a throw)', () => {
    const zip = buildZip([{ name: 'a.xml', data: text(20_000) }, { name: 'b.xml', data: text(20_000, 'nip;') }]);
    expect(checkZip(zip.subarray(0, zip.length - 10), LIMITS)).toEqual({ ok: false, reason: 'not_zip' }); // end record cut off
    expect(checkZip(zip.subarray(0, Math.floor(zip.length / 2)), LIMITS)).toEqual({ ok: false, reason: 'not_zip' });
    // the middle cut out, the end record kept: its offsets point at the wrong bytes
    expect(checkZip(Buffer.concat([zip.subarray(0, 40), zip.subarray(zip.length - 200)]), LIMITS)).toEqual({ ok: false, reason: 'not_zip' });
    expect(checkZip(Buffer.from('nip;nama;jabatan\n199001012015011001;Budi;Analis\n'), LIMITS)).toEqual({ ok: false, reason: 'not_zip' });
    expect(checkZip(Buffer.alloc(0), LIMITS)).toEqual({ ok: false, reason: 'not_zip' });
    expect(checkZip(Buffer.alloc(10), LIMITS)).toEqual({ ok: false, reason: 'not_zip' });
    expect(checkZip(buildZip([{ name: 'a', data: text(100) }], { offset: zip.length * 4 }), LIMITS)).toEqual({ ok: false, reason: 'not_zip' });
    // a deflated body that is not deflate data (0xff: a reserved block type)
    expect(checkZip(buildZip([{ name: 'a', body: Buffer.alloc(64, 0xff), size: 64 }]), LIMITS)).toEqual({ ok: false, reason: 'not_zip' });
    // a body running past the end of the file
    const short = buildZip([{ name: 'a', body: deflateRawSync(text(1000)), size: 1000 }]);
    short.writeUInt32LE(short.length * 2, short.readUInt32LE(short.length - 22 + 16) + 20); // the central record's compressed size
    expect(checkZip(short, LIMITS)).toEqual({ ok: false, reason: 'not_zip' });
  });

  it('stored (method 0) entries count by their length: within the cap ok, over it too_large', () => {
    expect(checkZip(buildZip([{ name: 'img.png', data: text(600 * 1024), method: 0 }]), LIMITS)).toEqual({ ok: true, entries: 1, unpacked: 600 * 1024 });
    expect(checkZip(buildZip([
      { name: 'img.png', data: text(600 * 1024), method: 0 },
      { name: 'sheet.xml', data: text(600 * 1024) }
    ]), LIMITS)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('another compression method, or ZIP64: unsupported (never needed for a roster)', () => {
    expect(checkZip(buildZip([{ name: 'a', body: Buffer.from('BZh9'), method: 12, size: 4 }]), LIMITS)).toEqual({ ok: false, reason: 'unsupported' });
    expect(checkZip(buildZip([{ name: 'a', data: text(10) }], { count: 0xffff }), { maxTotal: MB, maxEntries: 0xffff }))
      .toEqual({ ok: false, reason: 'unsupported' });
    expect(checkZip(buildZip([{ name: 'a', data: text(10) }], { offset: 0xffffffff }), LIMITS)).toEqual({ ok: false, reason: 'unsupported' });
  });
});
