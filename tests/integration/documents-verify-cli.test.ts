/**
 * `npm run documents:verify` (server/cli/documents-verify.ts), the real CLI against the real
 * file: intact documents pass (exit 0); a copy of the database in which an attacker, having
 * dropped the append-only triggers, changed one byte of a PDF, one character of a stored content,
 * or emptied a PDF fails naming that document (exit 1); a file that is not this product's
 * database, a missing file and bad usage are exit 2. Each tampering works on a copy.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { DocumentRow } from '../../protocol/documents.ts';
import { roomSessionId, startTestServer, type TestServer } from '../helpers/server.ts';
import { issueSample } from '../helpers/documents.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function verify(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((ok) => {
    execFile(join(ROOT, 'node_modules/.bin/tsx'), ['server/cli/documents-verify.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 }, (e, out, err) => {
      ok({ code: e ? ((e as { code?: unknown }).code as number) ?? null : 0, out, err });
    });
  });
}

let srv: TestServer;
const docs: DocumentRow[] = [];

beforeAll(async () => {
  srv = await startTestServer();
  const admin = await srv.login('admin');
  const sessionId = await roomSessionId(srv.url, admin, srv.seeded[0].roomId);
  for (const kind of ['daftar_hadir', 'ba_penyelenggaraan', 'daftar_selesai'] as const) {
    docs.push(await issueSample(srv.db, srv.url, { venueId: srv.seeded[0].venueId, sessionId, issuedBy: srv.accounts.pengawas.id, kind }));
  }
});
afterAll(async () => srv?.dispose());

/** A consistent copy of the server's file with the append-only triggers dropped, open for tampering. */
async function tamperable(name: string) {
  const copy = join(srv.dir, `${name}-${Date.now()}.sqlite`);
  await srv.db.$client.backup(copy);
  const evil = new Database(copy);
  onTestFinished(() => void evil.close());
  evil.exec('drop trigger documents_no_update; drop trigger documents_no_delete;');
  return { file: copy, evil };
}

describe('documents:verify', () => {
  it('every document intact: exit 0 with the count', async () => {
    const r = await verify('--db', srv.config.dbFile);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`documents intact: ${docs.length} documents`);
  });

  it('one byte of a PDF changed: exit 1 naming that document', async () => {
    const { file, evil } = await tamperable('pdf-byte');
    const target = docs[1];
    const pdf = Buffer.from((evil.prepare('select pdf from documents where id = ?').get(target.id) as { pdf: Buffer }).pdf);
    pdf[Math.floor(pdf.length / 2)] ^= 0x01;
    evil.prepare('update documents set pdf = ? where id = ?').run(pdf, target.id);
    const r = await verify('--db', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`DOCUMENT ALTERED: ${target.number} version 1 (id ${target.id}): its PDF no longer matches`);
    expect(r.err).toContain('DOKUMEN BERUBAH');
  });

  it('the stored content changed (a name in the model): exit 1 naming that document', async () => {
    const { file, evil } = await tamperable('content');
    const target = docs[0];
    const json = (evil.prepare('select model_json from documents where id = ?').get(target.id) as { model_json: string }).model_json;
    evil.prepare('update documents set model_json = ? where id = ?').run(json.replace('Budi', 'Bima'), target.id);
    const r = await verify('--db', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${target.number} version 1 (id ${target.id}): its stored content no longer matches`);
  });

  it('a PDF whose bytes are gone: exit 1 naming it', async () => {
    const { file, evil } = await tamperable('missing');
    const target = docs[2];
    evil.prepare(`update documents set pdf = x'' where id = ?`).run(target.id);
    const r = await verify('--db', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${target.number} version 1 (id ${target.id}): its PDF bytes are missing`);
  });

  it('not this product\'s database, a missing file, bad usage: exit 2', async () => {
    const other = join(srv.dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('create table t (x integer)');
    db.close();
    expect((await verify('--db', other)).code).toBe(2);
    const text = join(srv.dir, 'not-a-database.sqlite');
    writeFileSync(text, 'this is not SQLite');
    expect((await verify('--db', text)).code).toBe(2);
    expect((await verify('--db', join(srv.dir, 'missing.sqlite'))).code).toBe(2);
    expect((await verify('--nonsense')).code).toBe(2);
  });
});
