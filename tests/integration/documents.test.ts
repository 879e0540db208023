/**
 * The official documents end to end (real server, real SQLite file): issued from a hand-made
 * model through the service, listed per session and activity, fetched as a PDF whose bytes are
 * the stored hash, verified by code and by upload without signing in (and without a
 * participant's data in the answer), corrected by a koordinator only, numbered without
 * collisions when issued at the same time, and never changed in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import { actorOf, loadPrincipal } from '../../server/auth/principal.ts';
import { correctDocument, documentNumber } from '../../server/documents/document.service.ts';
import { formatCode } from '../../server/documents/canonical.ts';
import type { DocumentRow } from '../../protocol/documents.ts';
import type { Role } from '../../protocol/index.ts';
import { api, apiRaw, roomSessionId, startTestServer, type Session, type TestServer } from '../helpers/server.ts';
import { issueSample, SAMPLE_PARTICIPANT, SAMPLE_SIGNERS, sampleModel } from '../helpers/documents.ts';

let srv: TestServer;
let s: Record<'pengawas' | 'koordinator' | 'operator_instansi', Session>;
let sessT: number;
let venueT: number;
let first: DocumentRow;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const year = new Date(Date.UTC(2026, 11, 7, 3, 0)).getUTCFullYear();

async function anonymous(method: string, path: string, body?: Uint8Array, type = 'application/pdf') {
  const res = await fetch(`${srv.url}/api${path}`, { method, headers: body ? { 'content-type': type } : {}, body: body as BodyInit | undefined });
  const text = await res.text();
  let json: any = null;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, body: json, text, headers: res.headers };
}

/** The signed-in principal of a seeded account, as the routes would load it. */
function principal(role: Role) {
  const user = srv.db.select().from(users).where(eq(users.id, srv.accounts[role].id)).get()!;
  const p = loadPrincipal(srv.db, user, 'test');
  return { p, act: { actor: actorOf(p, '127.0.0.1'), userId: p.user.id } };
}

beforeAll(async () => {
  srv = await startTestServer({}, undefined, { otherVenue: true });
  s = { pengawas: await srv.login('pengawas'), koordinator: await srv.login('koordinator'), operator_instansi: await srv.login('operator_instansi') };
  sessT = await roomSessionId(srv.url, s.pengawas, srv.seeded[0].roomId);
  venueT = srv.seeded[0].venueId;
  first = await issueSample(srv.db, srv.url, { venueId: venueT, sessionId: sessT, issuedBy: srv.accounts.pengawas.id });
});
afterAll(async () => srv?.dispose());

describe('issuing and reading', () => {
  it('numbers the first one of its kind, venue and year 0001, version 1, and records it in the audit trail', async () => {
    expect(first).toMatchObject({
      kind: 'daftar_hadir', number: documentNumber('daftar_hadir', 'T', year, 1), version: 1, supersedesId: null, supersededBy: null,
      venueId: venueT, sessionId: sessT, signers: SAMPLE_SIGNERS
    });
    // the issuer by name (the row keeps the user's id)
    expect(first.issuedBy).toBe(srv.db.select({ name: users.name }).from(users).where(eq(users.id, srv.accounts.pengawas.id)).get()!.name);
    expect(first.number).toBe(`DH/T/${year}/0001`);
    expect(first.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{10}$/);
    expect(first.bytes).toBeGreaterThan(1000);
    const audit = srv.db.$client.prepare(`select * from audit_log where action = 'document.issued' and target_id = ?`).get(String(first.id)) as any;
    expect(audit).toMatchObject({ target_type: 'document', venue_id: venueT, actor_id: srv.accounts.pengawas.id });
    expect(JSON.parse(audit.after_json)).toMatchObject({ documentKind: 'daftar_hadir', number: first.number, code: first.code, sha256: first.sha256, version: 1 });
  });

  it('lists it for the session (the Tim Penyelenggara in scope) and refuses another venue\'s proctor', async () => {
    const r = await api(srv.url, s.pengawas, 'GET', `/sessions/${sessT}/documents`);
    expect(r.status).toBe(200);
    expect(r.body.documents.map((d: DocumentRow) => d.id)).toContain(first.id);
    expect(r.body.documents.find((d: DocumentRow) => d.id === first.id)).toEqual(first);
    const sessU = await roomSessionId(srv.url, await srv.login('admin'), srv.other[0].roomId);
    expect((await api(srv.url, s.pengawas, 'GET', `/sessions/${sessU}/documents`)).status).toBe(403);
    expect((await anonymous('GET', `/sessions/${sessT}/documents`)).status).toBe(401);
  });

  it('serves the PDF as stored: inline, named after its number, its SHA-256 the recorded one', async () => {
    const res = await fetch(`${srv.url}/api/documents/${first.id}/pdf`, { headers: { cookie: s.pengawas.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="DH-T-${year}-0001.pdf"`);
    // nothing the file could load; the browser's viewer and the dashboard's own frame may show it
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; object-src 'self'; frame-ancestors 'self'");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBe(first.bytes);
    expect(sha(bytes)).toBe(first.sha256);
    expect((await anonymous('GET', `/documents/${first.id}/pdf`)).status).toBe(401);
    expect((await api(srv.url, s.pengawas, 'GET', '/documents/999999/pdf')).status).toBe(404);
  });

  it('serves the print-ready page under a Content-Security-Policy that allows no script', async () => {
    const res = await fetch(`${srv.url}/api/documents/${first.id}/html`, { headers: { cookie: s.pengawas.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
    const html = await res.text();
    expect(html).toContain(first.number);
    expect(html).toContain(formatCode(first.code));
  });
});

describe('verifying without signing in', () => {
  it('a code, typed in lower case with a space or a dash, names the document — and no participant', async () => {
    for (const typed of [first.code, formatCode(first.code).toLowerCase(), `${first.code.slice(0, 5)} ${first.code.slice(5)}`]) {
      const r = await anonymous('GET', `/verify/${encodeURIComponent(typed)}`);
      expect(r.status, typed).toBe(200);
      expect(r.body).toEqual({
        ok: true, found: true, code: first.code, kind: 'daftar_hadir', title: 'DAFTAR HADIR ASESI', number: first.number, version: 1,
        superseded: false, venueName: 'Venue Uji', sessionCode: expect.any(String), issuedAt: first.issuedAt, timeZone: 'Asia/Jakarta',
        sha256: first.sha256, contentHash: first.contentHash
      });
      expect(r.text).not.toContain(SAMPLE_PARTICIPANT.name);
      expect(r.text).not.toContain(SAMPLE_PARTICIPANT.nip);
      expect(r.text).not.toContain('Pengawas Uji');
    }
  });

  it('a code that is not one, or not stored, is simply not found', async () => {
    for (const typed of ['ZZZZZZZZZZ', 'abc', '0000000000', 'A'.repeat(40)]) {
      const r = await anonymous('GET', `/verify/${typed}`);
      expect(r.status, typed).toBe(200);
      expect(r.body).toMatchObject({ ok: true, found: false });
    }
  });

  it('an uploaded PDF: the same bytes match; one byte changed does not; an unknown code is not found', async () => {
    const pdf = new Uint8Array(await (await fetch(`${srv.url}/api/documents/${first.id}/pdf`, { headers: { cookie: s.pengawas.cookie } })).arrayBuffer());
    const same = await anonymous('POST', `/verify/${first.code}`, pdf);
    expect(same.status).toBe(200);
    expect(same.body).toEqual({ ok: true, found: true, matches: true, sha256: first.sha256 });
    const changed = pdf.slice();
    changed[Math.floor(changed.length / 2)] ^= 0x01;
    const other = await anonymous('POST', `/verify/${first.code}`, changed);
    expect(other.body).toEqual({ ok: true, found: true, matches: false, sha256: sha(changed) });
    expect((await anonymous('POST', '/verify/ZZZZZZZZZZ', pdf)).body).toMatchObject({ ok: true, found: false, matches: false });
    // a signed-in caller may check too (with the CSRF token, as every state-changing request)
    expect((await apiRaw(srv.url, s.koordinator, 'POST', `/verify/${first.code}`, Buffer.from(pdf), 'application/pdf')).body.matches).toBe(true);
    // no file, or not a PDF: refused
    expect((await anonymous('POST', `/verify/${first.code}`, new Uint8Array(0))).status).toBe(400);
    expect((await anonymous('POST', `/verify/${first.code}`, pdf, 'text/plain')).status).toBe(400);
  });

  it('a file over 10 MB is refused before it is read', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    expect((await anonymous('POST', `/verify/${first.code}`, big)).status).toBe(413);
  });
});

describe('corrections', () => {
  let second: DocumentRow;

  it('refuses a pengawas, and a koordinator without a reason of 10 characters', async () => {
    const peng = principal('pengawas');
    const r = await correctDocument(srv.db, peng.p, peng.act, { id: first.id, reason: 'salah ketik nama peserta', model: sampleModel(), signers: SAMPLE_SIGNERS }, { baseUrl: srv.url });
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const koor = principal('koordinator');
    const short = await correctDocument(srv.db, koor.p, koor.act, { id: first.id, reason: 'salah', model: sampleModel(), signers: SAMPLE_SIGNERS }, { baseUrl: srv.url });
    expect(short).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect((await api(srv.url, s.pengawas, 'GET', `/sessions/${sessT}/documents`)).body.documents.filter((d: DocumentRow) => d.supersedesId === first.id)).toEqual([]);
  });

  it('a koordinator issues version 2 with the same number; version 1 is untouched and marked as replaced; both verify', async () => {
    const koor = principal('koordinator');
    const r = await correctDocument(srv.db, koor.p, koor.act, {
      id: first.id, reason: 'nama peserta salah ketik', model: sampleModel('daftar_hadir', undefined, 'Koreksi: nama peserta.'), signers: SAMPLE_SIGNERS
    }, { baseUrl: srv.url });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    second = r.document;
    expect(second).toMatchObject({ number: first.number, version: 2, supersedesId: first.id, correctionReason: 'nama peserta salah ketik', supersededBy: null, sessionId: sessT });
    expect(second.code).not.toBe(first.code);
    expect(second.contentHash).not.toBe(first.contentHash);

    const list = (await api(srv.url, s.pengawas, 'GET', `/sessions/${sessT}/documents`)).body.documents as DocumentRow[];
    const old = list.find((d) => d.id === first.id)!;
    expect(old).toEqual({ ...first, supersededBy: second.id });
    expect((await anonymous('GET', `/verify/${first.code}`)).body).toMatchObject({ found: true, version: 1, superseded: true, sha256: first.sha256 });
    expect((await anonymous('GET', `/verify/${second.code}`)).body).toMatchObject({ found: true, version: 2, superseded: false, number: first.number });
    const res = await fetch(`${srv.url}/api/documents/${second.id}/pdf`, { headers: { cookie: s.koordinator.cookie } });
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="DH-T-${year}-0001-v2.pdf"`);

    const audit = srv.db.$client.prepare(`select * from audit_log where action = 'document.corrected' and target_id = ?`).get(String(second.id)) as any;
    expect(audit.actor_id).toBe(srv.accounts.koordinator.id);
    expect(JSON.parse(audit.after_json)).toMatchObject({ supersedesId: first.id, correctionReason: 'nama peserta salah ketik', version: 2 });
  });

  it('a version already corrected is not corrected again (the latest is)', async () => {
    const koor = principal('koordinator');
    const again = await correctDocument(srv.db, koor.p, koor.act, { id: first.id, reason: 'koreksi kedua atas versi lama', model: sampleModel(), signers: SAMPLE_SIGNERS }, { baseUrl: srv.url });
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT' });
    const third = await correctDocument(srv.db, koor.p, koor.act, { id: second.id, reason: 'koreksi atas versi kedua', model: sampleModel('daftar_hadir', undefined, 'v3'), signers: SAMPLE_SIGNERS }, { baseUrl: srv.url });
    expect(third).toMatchObject({ ok: true, document: { version: 3, supersedesId: second.id, number: first.number } });
  });
});

describe('numbering and storage', () => {
  it('documents issued at the same time get distinct, consecutive numbers', async () => {
    const issued = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      issueSample(srv.db, srv.url, { venueId: venueT, sessionId: sessT, issuedBy: srv.accounts.pengawas.id, kind: 'ba_penyelenggaraan', note: `dokumen ${i}` })));
    const numbers = issued.map((d) => d.number).sort();
    expect(new Set(numbers).size).toBe(6);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6].map((n) => documentNumber('ba_penyelenggaraan', 'T', year, n)));
    expect(new Set(issued.map((d) => d.code)).size).toBe(6);
  });

  it('an activity lists its own documents and those of its sessions', async () => {
    const admin = await srv.login('admin');
    const today = new Date().toISOString().slice(0, 10);
    const a = await api(srv.url, admin, 'POST', '/activities', { purpose: 'pemetaan', agency: 'Instansi A', venueId: venueT, dateFrom: today, dateTo: today });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const doc = await issueSample(srv.db, srv.url, { venueId: venueT, activityId: a.body.activity.id, issuedBy: srv.accounts.koordinator.id, kind: 'ba_serah_terima' });
    const r = await api(srv.url, s.pengawas, 'GET', `/activities/${a.body.activity.id}/documents`);
    expect(r.status).toBe(200);
    expect(r.body.documents.map((d: DocumentRow) => d.id)).toEqual([doc.id]);
    expect((await api(srv.url, s.pengawas, 'GET', `/documents/${doc.id}/pdf`)).status).toBe(200);
    expect((await api(srv.url, s.pengawas, 'GET', '/activities/999999/documents')).status).toBe(404);
  });

  it('a stored document cannot be changed or deleted through SQL', () => {
    expect(() => srv.db.$client.prepare(`update documents set number = 'X' where id = ?`).run(first.id)).toThrow(/append-only/);
    expect(() => srv.db.$client.prepare('delete from documents where id = ?').run(first.id)).toThrow(/append-only/);
  });
});
