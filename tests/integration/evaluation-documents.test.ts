/**
 * The monitoring and evaluation report issued as a document (Perban BKN 4/2024 Pasal 16(4)–(5)):
 * a koordinator issues it (201: LAP-MONEV/BKN/<year>/<seq>, no venue, a PDF and an XLSX), both
 * files download, the public verification finds its code and names its scope and period, an
 * uploaded PDF and an uploaded XLSX both match and a changed byte does not; a pengawas or an admin
 * cannot issue; a koordinator of another region cannot read it; recommendations too short are
 * refused in words; documents:verify passes over it. Then migration 0012 over a database that
 * already holds venue documents (one corrected, one named by a postponement): every row, id and
 * byte kept, still verifiable, still append-only.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import * as schema from '../../db/schema.ts';
import { seedVenue } from '../../demo/seed.ts';
import type { DocumentRow } from '../../protocol/documents.ts';
import { RECOMMENDATIONS_MIN, type EvaluationIssueInput } from '../../protocol/evaluation.ts';
import { contentHash, verifyCodeOf } from '../../server/documents/canonical.ts';
import { checkUpload, verifyDocument } from '../../server/documents/document.service.ts';
import { renderPdf } from '../../server/documents/render-pdf.ts';
import { api, apiRaw, openDb, startTestServer, type Session, type TestServer } from '../helpers/server.ts';
import { SAMPLE_RECOMMENDATIONS, SAMPLE_TEAM } from '../helpers/evaluation-report.ts';
import { sampleModel } from '../helpers/documents.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** today on Jakarta's calendar, and n days away */
const jakartaDay = (n = 0) => new Date(Date.now() + 7 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

function verifyCli(dbFile: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((ok) => {
    execFile(join(ROOT, 'node_modules/.bin/tsx'), ['server/cli/documents-verify.ts', '--db', dbFile], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 }, (e, out, err) => {
      ok({ code: e ? ((e as { code?: unknown }).code as number) ?? null : 0, out, err });
    });
  });
}

async function anonymous(method: string, path: string, body?: Uint8Array, type = 'application/pdf') {
  const res = await fetch(`${ROOT_URL()}/api${path}`, { method, headers: body ? { 'content-type': type } : {}, body: body as BodyInit | undefined });
  const text = await res.text();
  let json: any = null;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, body: json };
}

async function download(session: Session, path: string) {
  const res = await fetch(`${srv.url}/api${path}`, { headers: { cookie: session.cookie } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

let srv: TestServer;
const ROOT_URL = () => srv.url;
let koordinator: Session;
let issued: DocumentRow;

const body = (over: Partial<EvaluationIssueInput> = {}): EvaluationIssueInput => ({
  query: { from: jakartaDay(-3), to: jakartaDay(1), region: 'Kanreg Uji' },
  recommendations: SAMPLE_RECOMMENDATIONS, ketua: SAMPLE_TEAM.ketua, anggota: SAMPLE_TEAM.anggota, ...over
});

beforeAll(async () => {
  srv = await startTestServer({}, undefined, { venues: 2 });
  koordinator = await srv.login('koordinator');
  const r = await api(srv.url, koordinator, 'POST', '/evaluation/documents', body());
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  issued = r.body.document;
});
afterAll(async () => srv?.dispose());

describe('a koordinator issues the monitoring and evaluation report', () => {
  it('201: numbered nationally on the year in Jakarta, no venue, signed by the ketua and the anggota, with its audit row', () => {
    expect(issued).toMatchObject({
      kind: 'laporan_monev', number: `LAP-MONEV/BKN/${jakartaDay().slice(0, 4)}/0001`, version: 1, venueId: null, sessionId: null, activityId: null
    });
    expect(issued.signers.map((s) => s.name)).toEqual([SAMPLE_TEAM.ketua.name, ...SAMPLE_TEAM.anggota.map((m) => m.name)]);
    const row = srv.db.$client.prepare("select action, target_id as targetId, after_json as afterJson from audit_log where action = 'document.issued' and target_id = ?").get(String(issued.id)) as { afterJson: string } | undefined;
    expect(row).toBeDefined();
    expect(JSON.parse(row!.afterJson)).toMatchObject({ documentKind: 'laporan_monev', number: issued.number, code: issued.code, sha256: issued.sha256 });
  });

  it('the PDF and the XLSX download; the XLSX is an attachment named after the number and carries the report', async () => {
    const pdf = await download(koordinator, `/documents/${issued.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(sha(pdf.bytes)).toBe(issued.sha256);
    const xlsx = await download(koordinator, `/documents/${issued.id}/xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe(XLSX);
    expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="${issued.number.replace(/\//g, '-')}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'Prosedur', 'Masalah', 'Tempat', 'Instansi', 'Tren', 'Rekomendasi']);
    const summary = wb.getWorksheet('Ringkasan')!;
    const value = (label: string) => {
      for (let i = 1; i <= summary.rowCount; i++) if (summary.getRow(i).getCell(1).value === label) return summary.getRow(i).getCell(2).value;
      return undefined;
    };
    expect(value('Nomor')).toBe(issued.number);
    expect(value('SHA-256 isi')).toBe(issued.contentHash);
    expect(String(value('Periksa keaslian di'))).toContain(`/verify/${issued.code}`);
    expect(wb.getWorksheet('Tren')!.rowCount).toBe(1 + 5); // a header and the five days of the period
    expect(wb.getWorksheet('Rekomendasi')!.getRow(2).getCell(1).value).toBe(SAMPLE_RECOMMENDATIONS.split('\n\n')[0]);
  });

  it('the verification finds its code and names the team, its scope and its period', async () => {
    const r = await anonymous('GET', `/verify/${issued.code}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      ok: true, found: true, kind: 'laporan_monev', number: issued.number, version: 1, superseded: false, sessionCode: null, timeZone: 'Asia/Jakarta',
      sha256: issued.sha256, contentHash: issued.contentHash
    });
    expect(r.body.venueName).toMatch(/^Tim Pemantauan dan Evaluasi — Kanreg Uji, \d/);
  });

  it('an uploaded PDF and the uploaded XLSX both match; one byte changed in either does not', async () => {
    const pdf = (await download(koordinator, `/documents/${issued.id}/pdf`)).bytes;
    const xlsx = (await download(koordinator, `/documents/${issued.id}/xlsx`)).bytes;
    expect((await anonymous('POST', `/verify/${issued.code}`, pdf)).body).toEqual({ ok: true, found: true, matches: true, sha256: issued.sha256 });
    expect((await anonymous('POST', `/verify/${issued.code}`, xlsx, XLSX)).body).toEqual({ ok: true, found: true, matches: true, sha256: sha(xlsx) });
    for (const [bytes, type] of [[pdf, 'application/pdf'], [xlsx, XLSX]] as const) {
      const changed = bytes.slice();
      changed[Math.floor(changed.length / 2)] ^= 0x01;
      expect((await anonymous('POST', `/verify/${issued.code}`, changed, type)).body).toEqual({ ok: true, found: true, matches: false, sha256: sha(changed) });
    }
  });

  it('the list: the issuer and a national admin see it, newest first; a second report is 0002', async () => {
    const again = await api(srv.url, koordinator, 'POST', '/evaluation/documents', body({ query: { from: jakartaDay(-1), to: jakartaDay() } }));
    expect(again.status).toBe(201);
    expect(again.body.document.number).toBe(`LAP-MONEV/BKN/${jakartaDay().slice(0, 4)}/0002`);
    const mine = await api(srv.url, koordinator, 'GET', '/evaluation/documents');
    expect(mine.status).toBe(200);
    expect(mine.body.documents.map((d: DocumentRow) => d.number)).toEqual([again.body.document.number, issued.number]);
    const admin = await api(srv.url, await srv.login('admin'), 'GET', '/evaluation/documents');
    expect(admin.body.documents.map((d: DocumentRow) => d.id)).toEqual([again.body.document.id, issued.id]);
  });
});

describe('who may issue and read it', () => {
  it('a pengawas and an admin cannot issue (403); nothing is numbered', async () => {
    for (const role of ['pengawas', 'admin'] as const) {
      const r = await api(srv.url, await srv.login(role), 'POST', '/evaluation/documents', body());
      expect(r.status, role).toBe(403);
    }
    const n = srv.db.$client.prepare("select count(*) as n from documents where kind = 'laporan_monev'").get() as { n: number };
    expect(n.n).toBe(2);
  });

  it('a koordinator of another region cannot read it: not listed, its PDF and XLSX 403; a pengawas neither', async () => {
    const other = await srv.venues[1].login('koordinator');
    expect((await api(srv.url, other, 'GET', '/evaluation/documents')).body.documents).toEqual([]);
    expect((await download(other, `/documents/${issued.id}/pdf`)).status).toBe(403);
    expect((await download(other, `/documents/${issued.id}/xlsx`)).status).toBe(403);
    const pengawas = await srv.login('pengawas');
    expect((await api(srv.url, pengawas, 'GET', '/evaluation/documents')).status).toBe(403);
    expect((await download(pengawas, `/documents/${issued.id}/pdf`)).status).toBe(403);
  });

  it('recommendations too short: 400, in words, nothing issued', async () => {
    const r = await api(srv.url, koordinator, 'POST', '/evaluation/documents', body({ recommendations: 'Perbaiki.' }));
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain(`paling sedikit ${RECOMMENDATIONS_MIN} karakter`);
    expect(((srv.db.$client.prepare("select count(*) as n from documents where kind = 'laporan_monev'").get()) as { n: number }).n).toBe(2);
  });

  it('a region outside the caller\'s scope is refused, not reported empty', async () => {
    const r = await api(srv.url, koordinator, 'POST', '/evaluation/documents', body({ query: { from: jakartaDay(-1), to: jakartaDay(), region: 'Kanreg Uji 2' } }));
    expect(r.status).toBe(403);
  });

  it('the XLSX of a document issued without one: 404 naming it', async () => {
    const admin = await srv.login('admin');
    const { issueSample } = await import('../helpers/documents.ts');
    const d = await issueSample(srv.db, srv.url, { venueId: srv.seeded[0].venueId, issuedBy: srv.accounts.koordinator.id, kind: 'ba_serah_terima' });
    const r = await api(srv.url, admin, 'GET', `/documents/${d.id}/xlsx`);
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.body)).toContain(d.number);
  });

  it('documents:verify passes over the venue-less documents too, and names one whose XLSX was changed', async () => {
    const r = await verifyCli(srv.config.dbFile);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/documents intact: \d+ documents/);
    // a copy in which someone, having dropped the append-only triggers, changed a byte of the XLSX
    const copy = join(srv.dir, `xlsx-tampered-${Date.now()}.sqlite`);
    await srv.db.$client.backup(copy);
    const evil = new Database(copy);
    try {
      evil.exec('drop trigger documents_no_update; drop trigger documents_no_delete;');
      const { xlsx } = evil.prepare('select xlsx from documents where id = ?').get(issued.id) as { xlsx: Buffer };
      xlsx[xlsx.length >> 1] ^= 1;
      evil.prepare('update documents set xlsx = ? where id = ?').run(xlsx, issued.id);
    } finally {
      evil.close();
    }
    const bad = await verifyCli(copy);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${issued.number} version 1 (id ${issued.id}): its XLSX no longer matches its recorded SHA-256`);
  });
});

describe('migration 0012 over a database that already holds venue documents', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cact-mig12-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every row, id and byte; they verify; the new columns are empty; still append-only; venue-less numbers unique', async () => {
    // the migrations up to 0011, as a database made before this one was
    const old = join(dir, 'migrations');
    cpSync(join(ROOT, 'db/migrations'), old, { recursive: true });
    rmSync(join(old, '0012_documents_venueless.sql'));
    const journal = JSON.parse(readFileSync(join(old, 'meta/_journal.json'), 'utf8'));
    journal.entries = journal.entries.filter((e: { idx: number }) => e.idx < 12);
    writeFileSync(join(old, 'meta/_journal.json'), JSON.stringify(journal));
    const file = join(dir, 'old.sqlite');
    const sqlite = new Database(file);
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite, { schema }) as unknown as Db;
    migrate(db, { migrationsFolder: old });
    const [st] = seedVenue(db, { code: 'M', name: 'Venue Migrasi', region: 'Kanreg Migrasi', rooms: [{ code: 'R1', name: 'Ruang 1', rows: 1, cols: 1, session: 'running' }] });
    sqlite.prepare("insert into users (nip, name, password_hash, created_at, password_changed_at) values ('198611152010071012', 'Penerbit', 'x', 0, 0)").run();
    const userId = (sqlite.prepare('select id from users').get() as { id: number }).id;
    const sessionId = (sqlite.prepare('select id from sessions limit 1').get() as { id: number }).id;
    const docs: { id: number; code: string; pdf: Buffer; sha256: string }[] = [];
    for (const [i, supersedes] of [[1, null], [2, 1]] as const) {
      const model = { ...sampleModel('daftar_hadir', Date.UTC(2026, 11, 7, 3, i)), number: 'DH/M/2026/0001' };
      const hash = contentHash(model);
      const code = verifyCodeOf(hash);
      const pdf = Buffer.from(await renderPdf(model, { code, contentHash: hash, verifyUrl: `https://x/verify/${code}` }));
      const id = Number(sqlite.prepare(`insert into documents (kind, number, seq, year, version, supersedes_id, correction_reason, venue_id, session_id, activity_id,
        issued_at, issued_by, signers_json, content_hash, sha256, code, pdf, html, model_json, created_at)
        values ('daftar_hadir', 'DH/M/2026/0001', 1, 2026, ?, ?, ?, ?, ?, null, ?, ?, '[]', ?, ?, ?, ?, '<p>x</p>', ?, ?)`)
        .run(i, supersedes ? docs[0].id : null, supersedes ? 'Nama penandatangan salah tulis' : null, st.venueId, sessionId, model.issuedAt, userId,
          hash, sha(pdf), code, pdf, JSON.stringify(model), model.issuedAt).lastInsertRowid);
      docs.push({ id, code, pdf, sha256: sha(pdf) });
    }
    // a postponement names the first: the rebuild must not break that reference
    sqlite.prepare(`insert into postponements (session_id, scope, category, reason, coordination_json, signers_json, document_id, created_at)
      values (?, 'session', 'listrik', 'listrik padam', '{}', '{}', ?, 0)`).run(sessionId, docs[0].id);
    sqlite.close();
    // the checker runs no migration: a file made before the spreadsheets is checked as it is
    const before = await verifyCli(file);
    expect(before.code, before.err).toBe(0);
    expect(before.out).toContain('documents intact: 2 documents');

    const after = openDb(file);
    try {
      const rows = after.$client.prepare('select id, venue_id as venueId, supersedes_id as supersedesId, pdf, scope_json as scopeJson, xlsx, xlsx_sha256 as xlsxSha256 from documents order by id').all() as any[];
      expect(rows.map((r) => r.id)).toEqual(docs.map((d) => d.id));
      expect(rows[1].supersedesId).toBe(docs[0].id);
      rows.forEach((r, i) => {
        expect(Buffer.compare(r.pdf, docs[i].pdf)).toBe(0);
        expect(r).toMatchObject({ venueId: st.venueId, scopeJson: null, xlsx: null, xlsxSha256: null });
      });
      expect(after.$client.pragma('foreign_key_check')).toEqual([]);
      expect(after.$client.prepare('select document_id as d from postponements').get()).toEqual({ d: docs[0].id });
      for (const d of docs) {
        expect(verifyDocument(after, d.code)).toMatchObject({ found: true, venueName: 'Venue Migrasi', sha256: d.sha256 });
        expect(checkUpload(after, d.code, d.pdf)).toMatchObject({ found: true, matches: true });
      }
      expect(() => after.$client.prepare('update documents set html = ? where id = ?').run('<p>y</p>', docs[0].id)).toThrow(/append-only/);
      expect(() => after.$client.prepare('delete from documents where id = ?').run(docs[1].id)).toThrow(/append-only/);
      // the same venue number twice is refused as before, and so is the same national number
      const insert = after.$client.prepare(`insert into documents (kind, number, seq, year, version, venue_id, issued_at, issued_by, signers_json, content_hash, sha256, code, pdf, html, model_json, created_at)
        values (?, ?, 1, 2026, 1, ?, 0, ?, '[]', 'h', 's', ?, x'00', '', '{}', 0)`);
      expect(() => insert.run('daftar_hadir', 'DH/M/2026/0001', st.venueId, userId, 'CODE000001')).toThrow(/UNIQUE/);
      insert.run('laporan_monev', 'LAP-MONEV/BKN/2026/0001', null, userId, 'CODE000002');
      expect(() => insert.run('laporan_monev', 'LAP-MONEV/BKN/2026/0001', null, userId, 'CODE000003')).toThrow(/UNIQUE/);
    } finally {
      after.$client.close();
    }
  });
});
