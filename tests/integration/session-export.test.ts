/**
 * A session's lists as spreadsheets: the attendance list, who completed the whole series, the
 * incidents; CSV for Excel in Indonesian (BOM, ';') with formula-looking names neutralised, XLSX
 * read back with exceljs; the agency's operator gets its own agency's people only; audited.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, participants } from '../../db/schema.ts';
import { api, roomSessionId, startTestServer, type Session, type TestServer } from '../helpers/server.ts';

let srv: TestServer;
let pengawas: Session, operator: Session;
let sessionId: number;

beforeAll(async () => {
  srv = await startTestServer();
  [pengawas, operator] = await Promise.all(['pengawas', 'operator_instansi'].map((r) => srv.login(r as never)));
  sessionId = await roomSessionId(srv.url, pengawas, srv.seeded[0].roomId);
  // a name typed into the agency's file the way an attacker would: stored as typed, neutralised on the way out
  const first = srv.db.select().from(participants).where(eq(participants.sessionId, sessionId)).get()!;
  srv.db.update(participants).set({ name: '=HYPERLINK("http://x","klik")' }).where(eq(participants.id, first.id)).run();
  await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/incidents`, { category: 'power_failure', description: '+listrik padam sebentar', actionTaken: 'UPS menyala' });
});
afterAll(async () => {
  await srv?.dispose();
});

const get = (s: Session, what: string, format: string) =>
  fetch(`${srv.url}/api/sessions/${sessionId}/export?what=${what}&format=${format}`, { headers: { cookie: s.cookie } });

describe('session exports', () => {
  it('the attendance list as CSV for Excel in Indonesian, a formula neutralised, the taking audited', async () => {
    const r = await get(pengawas, 'attendance', 'csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="daftar-hadir-.*\.csv"/);
    const bytes = Buffer.from(await r.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';' });
    expect(rows[0]).toEqual(['No.', 'Nama', 'NIP', 'Jabatan', 'Unit kerja', 'Instansi', 'Nomor peserta', 'PC', 'Kehadiran', 'Waktu hadir (WIB)', 'Terlambat']);
    const all = srv.db.select().from(participants).where(eq(participants.sessionId, sessionId)).all();
    expect(rows.length - 1).toBe(all.length);
    expect(rows.flat()).toContain(`'=HYPERLINK("http://x","klik")`);
    expect(rows.flat().some((c) => c.startsWith('='))).toBe(false);
    const a = srv.db.select().from(auditLog).where(eq(auditLog.action, 'session.exported')).orderBy(desc(auditLog.id)).get()!;
    expect(JSON.parse(a.afterJson!)).toMatchObject({ exportKind: 'attendance', kind: 'csv', rows: all.length });
  });

  it('the incidents as XLSX, read back; completion lists everyone with whether they completed', async () => {
    const x = await get(pengawas, 'incidents', 'xlsx');
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, 'No.', 'Waktu (WIB)', 'Kategori', 'Peserta', 'PC', 'Uraian', 'Tindakan', 'Pencatat']);
    expect(ws.getRow(2).getCell(3).value).toBe('Listrik padam');
    // in XLSX a text starting with + is a string cell, never a formula
    expect(ws.getRow(2).getCell(6).value).toBe('+listrik padam sebentar');
    const c = await get(pengawas, 'completion', 'csv');
    const rows: string[][] = parse(Buffer.from(await c.arrayBuffer()).subarray(3).toString('utf8'), { delimiter: ';' });
    expect(rows[0].slice(0, 6)).toEqual(['No.', 'Nama', 'NIP', 'Instansi', 'Nomor peserta', 'Mengikuti seluruh rangkaian']);
  });

  it('the operator gets its own agency\'s people only, and no incident list', async () => {
    const r = await get(operator, 'attendance', 'csv');
    expect(r.status).toBe(200);
    const rows: string[][] = parse(Buffer.from(await r.arrayBuffer()).subarray(3).toString('utf8'), { delimiter: ';' });
    const own = srv.db.select().from(participants).where(eq(participants.sessionId, sessionId)).all().filter((p) => p.instansi === 'Instansi A');
    expect(rows.length - 1).toBe(own.length);
    expect(rows.slice(1).every((x) => x[5] === 'Instansi A')).toBe(true);
    expect((await get(operator, 'incidents', 'csv')).status).toBe(403);
  });
});
