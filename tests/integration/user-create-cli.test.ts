/**
 * `npm run user:create`: how a production installation gets its first admin (there are no
 * default accounts). The CLI reads the password from stdin, validates like the API, writes the
 * user and an audit row; the user can then sign in to a server on the same file.
 * Every test has a database file of its own (a venue KANREG1 seeded, no users).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { insertUser } from '../../db/queries/users.ts';
import { seedVenue } from '../../demo/seed.ts';
import { startServer, type RunningServer } from '../../server/app.ts';
import { loginAs } from '../helpers/server.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;
let dbFile: string;

/** Run the CLI with `stdin` piped in; resolves with its exit code and output. */
function userCreate(args: string[], stdin: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((ok) => {
    const p = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['server/cli/user-create.ts', '--db', dbFile, ...args], { cwd: ROOT });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => ok({ code, out, err }));
    p.stdin.end(stdin);
  });
}

let files = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cact-usercreate-'));
});
beforeEach(() => {
  dbFile = join(dir, `prod-${++files}.sqlite`);
  const db = openDb(dbFile);
  seedVenue(db, { code: 'KANREG1', name: 'Kanreg I', region: 'Kanreg I', rooms: [{ code: 'R1', name: 'Ruang 1', rows: 1, cols: 2 }] });
  db.$client.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run user:create', () => {
  let server: RunningServer | null = null;
  afterAll(async () => server?.close());

  it('creates the first admin from a piped password; the admin signs in and sees the audit row', async () => {
    const r = await userCreate(['--nip', '198507142010011002', '--name', 'Budi Santoso', '--role', 'admin', '--jabatan', 'Pranata Komputer'], 'kata-sandi-admin-2026\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('198507142010011002');
    expect(r.out + r.err).not.toContain('kata-sandi-admin-2026');

    server = await startServer({ port: 0, dbFile, logLevel: 'silent', webBuildDir: null });
    const s = await loginAs(server.url, '198507142010011002', 'kata-sandi-admin-2026');
    const audit = await fetch(`${server.url}/api/audit?action=user.created`, { headers: { cookie: s.cookie } }).then((x) => x.json());
    expect(audit.rows[0]).toMatchObject({ action: 'user.created', actorRole: 'system', after: { nip: '198507142010011002', roles: ['admin'], via: 'cli' } });
    expect(JSON.stringify(audit.rows[0])).not.toContain('kata-sandi');
    await server.close();
    server = null;
  });

  it('scopes a user to a venue by its code', async () => {
    const r = await userCreate(['--nip', '199001012015031001', '--name', 'Sari', '--role', 'pengawas', '--venue', 'KANREG1'], 'kata-sandi-pengawas-1\n');
    expect(r.code).toBe(0);
    const db = openDb(dbFile);
    const scopes = db.$client.prepare('select s.kind, v.code from user_scopes s join users u on u.id = s.user_id left join venues v on v.id = s.venue_id where u.nip = ?').all('199001012015031001');
    db.$client.close();
    expect(scopes).toEqual([{ kind: 'venue', code: 'KANREG1' }]);
  });

  it('refuses what the API refuses: an implausible NIP or a short password (exit 2), a NIP that exists or an unknown venue (exit 1)', async () => {
    const badNip = await userCreate(['--nip', '198513452010011002', '--name', 'X', '--role', 'admin'], 'kata-sandi-yang-panjang\n');
    expect(badNip.code).toBe(2);
    expect(badNip.err).toMatch(/birth date/);
    const short = await userCreate(['--nip', '198001012005011003', '--name', 'X', '--role', 'admin'], 'pendek\n');
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/password/);
    const db = openDb(dbFile);
    insertUser(db, { nip: '198507142010011002', name: 'Budi Santoso', roles: ['admin'], scopes: [], passwordHash: 'x' }, Date.now());
    db.$client.close();
    const dup = await userCreate(['--nip', '198507142010011002', '--name', 'Lagi', '--role', 'pengawas'], 'kata-sandi-yang-panjang\n');
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/already exists/);
    const venue = await userCreate(['--nip', '198001012005011003', '--name', 'X', '--role', 'pengawas', '--venue', 'NOPE'], 'kata-sandi-yang-panjang\n');
    expect(venue.code).toBe(1);
    expect(venue.err).toMatch(/no venue with code NOPE/);
  });
});
