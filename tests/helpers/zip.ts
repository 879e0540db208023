/**
 * ZIP containers built byte by byte for the tests of server/domain/zip-guard.ts and the XLSX import:
 * honest ones, and crafted ones (a "zip bomb" whose headers may lie about its sizes), so a test can
 * say exactly what the server is handed. Only what an .xlsx uses: stored (0) and deflated (8) entries.
 */
import { constants, deflateRawSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Buffer, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

export type ZipEntry = {
  name: string;
  /** the content; compressed here unless `body` is given */
  data?: Buffer;
  /** 0 stored, 8 deflated (default), anything else to test an unknown method */
  method?: number;
  /** the bytes as they sit in the file (already compressed); when given, `data` is not used */
  body?: Buffer;
  /** what the headers claim the entry unpacks to (a crafted file can lie); default the real size */
  size?: number;
  crc?: number;
};

/** Build a ZIP file. `eocd` overrides fields of the end record (a lying entry count, ZIP64 markers). */
export function buildZip(entries: ZipEntry[], eocd: { count?: number; offset?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const data = e.data ?? Buffer.alloc(0);
    const body = e.body ?? (method === 8 ? deflateRawSync(data) : data);
    const size = e.size ?? data.length;
    const crc = e.crc ?? crc32(data);
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(eocd.count ?? entries.length, 8);
  end.writeUInt16LE(eocd.count ?? entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(eocd.offset ?? offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * A deflate stream of `head`, then `unit` repeated `units × segments` times, then `tail`, built
 * without ever holding the whole content: one segment is compressed once (sync-flushed, so it is
 * byte-aligned and refers to nothing before it) and repeated. 1 MB of segments unpacks to ~1 GB.
 */
export function repeatedDeflate(head: string, unit: string, units: number, segments: number, tail: string): { body: Buffer; size: number } {
  const sync = { level: 9, finishFlush: constants.Z_SYNC_FLUSH };
  const h = deflateRawSync(Buffer.from(head), sync);
  const seg = deflateRawSync(Buffer.from(unit.repeat(units)), sync);
  const t = deflateRawSync(Buffer.from(tail), { level: 9 });
  const body = Buffer.concat([h, ...Array.from({ length: segments }, () => seg), t]);
  return { body, size: Buffer.byteLength(head) + Buffer.byteLength(unit) * units * segments + Buffer.byteLength(tail) };
}

const CT = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WB = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Peserta" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WB_RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

/**
 * A minimal .xlsx whose one sheet is a header row and then one row of `cells` identical cells
 * (the reviewer's crafted workbook): `segments` × 40,000 cells, ~1 KB of file per ~1 MB unpacked.
 * The sheet's CRC is left 0, as a crafted file's would be: nothing checks it before unpacking.
 */
export function xlsxBomb(segments: number): { file: Buffer; sheetSize: number } {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>nip</t></is></c></row><row r="2">';
  const sheet = repeatedDeflate(head, '<c r="A2"><v>1</v></c>', 40_000, segments, '</row></sheetData></worksheet>');
  const file = buildZip([
    { name: '[Content_Types].xml', data: Buffer.from(CT) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WB) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WB_RELS) },
    { name: 'xl/worksheets/sheet1.xml', body: sheet.body, size: sheet.size, crc: 0 }
  ]);
  return { file, sheetSize: sheet.size };
}
