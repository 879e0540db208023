/**
 * A correction of an issued document (never an edit): the koordinator's alone, with a reason; the
 * new version carries the same number, the signer put right and a note naming the version it
 * corrects; the old version stays readable and verifiable, marked as replaced; a version is
 * corrected once; the agency's operator reads only its own agency's activities' documents.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestServer, type Session, type TestServer } from '../helpers/server.ts';
import { issueSample } from '../helpers/documents.ts';

let srv: TestServer;
let koordinator: Session, pengawas: Session, operator: Session;

beforeAll(async () => {
  srv = await startTestServer();
  [koordinator, pengawas, operator] = await Promise.all(['koordinator', 'pengawas', 'operator_instansi'].map((r) => srv.login(r as never)));
});
afterAll(async () => {
  await srv?.dispose();
});

const text = async (s: Session, id: number) => {
  const r = await fetch(`${srv.url}/api/documents/${id}/pdf`, { headers: { cookie: s.cookie } });
  expect(r.status).toBe(200);
  const file = join(srv.dir, `doc-${id}.pdf`);
  writeFileSync(file, Buffer.from(await r.arrayBuffer()));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describe('correcting an issued document', () => {
  it('makes the next version with the signer put right and the reason printed; the old one stays, replaced', async () => {
    const doc = await issueSample(srv.db, srv.url, { venueId: srv.seeded[0].venueId, sessionId: null, issuedBy: srv.accounts.pengawas.id });
    expect((await api(srv.url, pengawas, 'POST', `/documents/${doc.id}/correct`, { reason: 'Nama pengawas salah ketik' })).status).toBe(403);
    expect((await api(srv.url, koordinator, 'POST', `/documents/${doc.id}/correct`, { reason: 'salah' })).status).toBe(400);

    const r = await api(srv.url, koordinator, 'POST', `/documents/${doc.id}/correct`, { reason: 'Nama pengawas salah ketik', signers: [{ index: 0, name: 'Pengawas Benar', nip: '198611152010071012' }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const v2 = r.body.document;
    expect(v2).toMatchObject({ number: doc.number, version: 2, supersedesId: doc.id, correctionReason: 'Nama pengawas salah ketik' });
    expect(v2.code).not.toBe(doc.code);
    const t2 = await text(koordinator, v2.id);
    expect(t2).toContain('Koreksi atas versi 1 dokumen bernomor sama. Alasan: Nama pengawas salah ketik');
    expect(t2).toContain('Pengawas Benar');
    expect(t2).not.toContain('Pengawas Uji');
    // a NIP not given is kept
    const v3 = await api(srv.url, koordinator, 'POST', `/documents/${v2.id}/correct`, { reason: 'Nama pengawas kurang gelar', signers: [{ index: 0, name: 'Pengawas Benar, S.Kom.' }] });
    expect(v3.status, JSON.stringify(v3.body)).toBe(200);
    expect(v3.body.document.signers[0]).toMatchObject({ name: 'Pengawas Benar, S.Kom.', nip: '198611152010071012' });
    expect(await text(koordinator, v3.body.document.id)).toContain('NIP 19861115 201007 1 012');

    // the old version: unchanged bytes, still verifiable, marked as replaced
    expect(await text(koordinator, doc.id)).toContain('Pengawas Uji');
    const v1 = await api(srv.url, null, 'GET', `/verify/${doc.code}`);
    expect(v1.body).toMatchObject({ found: true, version: 1, superseded: true });
    expect((await api(srv.url, null, 'GET', `/verify/${v2.code}`)).body).toMatchObject({ found: true, version: 2, superseded: true });
    // a version is corrected once: the next correction is of version 2
    expect((await api(srv.url, koordinator, 'POST', `/documents/${doc.id}/correct`, { reason: 'Koreksi kedua atas versi lama' })).status).toBe(409);
  });

  it('the agency operator does not open a document of a session that is not its agency\'s activity', async () => {
    const doc = await issueSample(srv.db, srv.url, { venueId: srv.seeded[0].venueId, sessionId: null, issuedBy: srv.accounts.pengawas.id });
    expect((await fetch(`${srv.url}/api/documents/${doc.id}/pdf`, { headers: { cookie: operator.cookie } })).status).toBe(403);
  });
});
