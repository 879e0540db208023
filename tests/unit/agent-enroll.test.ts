/**
 * Station enrollment, the agent's side, against the real server: an IT officer makes a one-time
 * code, enroll() exchanges it for a token, the token store keeps it (0600, atomic), and a
 * StationAgent with the stored token is let in. Then the refusals (used code, unknown code, typo),
 * a revoked token, and the CLI end to end as a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCode, enroll, EnrollError, enrolledText, isTokenRefusal, normalizeCode, tokenRefusedText } from '../../agent/enroll.ts';
import { MemoryQueue } from '../../agent/event-queue.ts';
import { StationAgent } from '../../agent/station-agent.ts';
import { findTokenFile, readTokenFile, tokenFileCandidates, writableTokenFile, writeTokenFile } from '../../agent/token-store.ts';
import { api, connected, startTestServer, stationSocket, until, validFacts, type Session, type TestServer } from '../helpers/server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const POSIX = process.platform !== 'win32';

let srv: TestServer;
let ti: Session;
let dir: string;
const agents: StationAgent[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  srv = await startTestServer();
  ti = await srv.login('petugas_ti');
  dir = mkdtempSync(join(tmpdir(), 'cact-enroll-'));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid!, 'SIGKILL');
  for (const a of agents) await a.stop();
  await srv?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function newCode(stationId: number): Promise<string> {
  const r = await api(srv.url, ti, 'POST', `/rooms/${srv.seeded[0].roomId}/enrollment-codes`, { stationIds: [stationId] });
  expect(r.status).toBe(201);
  expect(r.body.codes).toHaveLength(1);
  return r.body.codes[0].code as string;
}

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function refusal(p: Promise<unknown>): Promise<EnrollError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(EnrollError);
  return err as EnrollError;
}

function startAgent(token: string): StationAgent {
  const agent = new StationAgent({ serverUrl: srv.url, token, agentVersion: 'test', queue: new MemoryQueue(), facts: async () => validFacts, heartbeatMs: 200 });
  agents.push(agent);
  return agent;
}

/**
 * `npx tsx agent/cli.ts …` in its own process group, output collected as it comes. `node` runs it
 * without npx in between, so that a signal reaches the agent itself (npx dies of SIGTERM).
 */
function cli(args: string[], via: 'npx' | 'node' = 'npx') {
  const env = { ...process.env };
  delete env.CACT_AGENT_TOKEN;
  const [cmd, pre] = via === 'npx' ? ['npx', ['tsx']] : [process.execPath, ['--import', 'tsx']];
  const child = spawn(cmd, [...pre, 'agent/cli.ts', ...args], {
    cwd: ROOT,
    detached: true,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (b) => (out.stdout += b));
  child.stderr!.on('data', (b) => (out.stderr += b));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out, exited };
}

describe('code input', () => {
  it('normalises case, spaces and dashes, and names a likely typo before asking the server', async () => {
    expect(normalizeCode(' abcd-efgh ')).toBe('ABCDEFGH');
    expect(normalizeCode('AbCd Ef–gh')).toBe('ABCDEFGH');
    expect(checkCode('k7mp-q2xz')).toBe('K7MPQ2XZ');
    const typo = await refusal(enroll('http://127.0.0.1:1', 'K7MP-Q2X0'));
    expect(typo.code).toBe('INVALID_CODE');
    expect(typo.message).toMatch(/^Kode pendaftaran berisi karakter yang tidak dipakai: 0\. Kode tidak memakai 0, O, 1, I atau L\./);
    expect(typo.message).toContain('Codes never contain 0, O, 1, I or L.');
    expect((await refusal(enroll('http://127.0.0.1:1', 'K7MP-Q2X'))).message).toMatch(/^Kode pendaftaran harus 8 karakter.*7 karakter/);
  });

  it('says the server cannot be reached, and whether the code may have been spent', async () => {
    const closed = await closedPort();
    const err = await refusal(enroll(`http://127.0.0.1:${closed}`, 'K7MP-Q2XZ'));
    expect(err.code).toBe('NETWORK');
    expect(err.message).toMatch(/^Server http:\/\/127\.0\.0\.1:\d+ tidak dapat dihubungi \(ECONNREFUSED\).*kode belum terpakai\.\nCannot reach .*the code has not been used\.$/);

    // accepted but never answered: the server may have taken the code
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const slow = await refusal(enroll(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`, 'K7MP-Q2XZ', undefined, { timeoutMs: 300 }));
      expect(slow.code).toBe('NETWORK');
      expect(slow.message).toMatch(/\(timeout\).*minta kode baru\.\n.*\(timeout\).*ask for a new code\.$/);
    } finally {
      silent.close();
    }
  });
});

describe('token store', () => {
  it('defaults to a per-machine path per OS, with a per-user fallback', () => {
    expect(tokenFileCandidates({ platform: 'win32', env: { ProgramData: 'C:\\ProgramData' }, home: 'C:\\Users\\x' })).toEqual(['C:\\ProgramData\\cact-agent\\station.json']);
    expect(tokenFileCandidates({ platform: 'linux', env: {}, home: '/home/ti' })).toEqual(['/var/lib/cact-agent/station.json', '/home/ti/.config/cact-agent/station.json']);
    expect(tokenFileCandidates({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, home: '/home/ti' })[1]).toBe('/cfg/cact-agent/station.json');
  });

  it('reads nothing when absent, and refuses a damaged file in both languages', () => {
    const file = join(dir, 'absent', 'station.json');
    expect(findTokenFile(undefined, [file])).toBeNull();
    expect(readTokenFile(file)).toBeNull();
    const bad = join(dir, 'bad.json');
    writeTokenFile(join(dir, 'ok.json'), { server: 'http://x', token: 't', stationId: 1, stationCode: 'A01', roomName: 'R', venueName: 'V', enrolledAt: 'now' });
    writeFileSync(bad, '{"token": 1');
    expect(() => readTokenFile(bad)).toThrow(/^File token .* rusak .*\nThe token file .* is damaged/);
  });
});

describe('enrollment against the real server', () => {
  it('exchanges a code for a token that is stored 0600 and lets a StationAgent in', async () => {
    const seat = srv.seeded[0];
    const code = await newCode(seat.stationId);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);

    // typed by hand: lower case, a space instead of the dash
    const r = await enroll(srv.url + '/', code.toLowerCase().replace('-', ' '), 'pc-uji-01');
    expect(r).toMatchObject({ ok: true, stationId: seat.stationId, stationCode: seat.code, roomId: seat.roomId, roomName: 'Ruang CAT 1', venueName: 'Venue Uji' });
    expect(r.token).not.toBe(seat.token);
    expect(enrolledText(r)).toBe(`PC ${seat.code} di Ruang CAT 1, Venue Uji terdaftar / enrolled (PC ${seat.code} in Ruang CAT 1, Venue Uji)`);

    const file = writableTokenFile(join(dir, 'pc1', 'station.json'));
    writeTokenFile(file, { server: srv.url, token: r.token, stationId: r.stationId, stationCode: r.stationCode, roomId: r.roomId, roomName: r.roomName, venueName: r.venueName, enrolledAt: new Date().toISOString() });
    if (POSIX) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'pc1')).mode & 0o777).toBe(0o700);
    }
    expect(readdirSync(join(dir, 'pc1'))).toEqual(['station.json']); // no temp file left behind
    const read = readTokenFile(file)!;
    expect(read.looseMode).toBe(false);
    expect(read.station).toMatchObject({ server: srv.url, token: r.token, stationId: seat.stationId, stationCode: seat.code, roomName: 'Ruang CAT 1', venueName: 'Venue Uji' });

    // the stored token is let in; the seat's previous token is not
    const agent = startAgent(read.station.token);
    const hello = new Promise((ok) => agent.once('connected', ok));
    await agent.start();
    expect(await hello).toMatchObject({ stationId: seat.stationId, code: seat.code, roomId: seat.roomId });
    await until(() => agent.lastRtt !== null);
    const old = stationSocket(srv.url, seat.token);
    await expect(connected(old)).rejects.toThrow('UNAUTHORIZED');
    old.close();

    // the same code again: GONE, explained
    const again = await refusal(enroll(srv.url, code, 'pc-uji-01'));
    expect(again.code).toBe('GONE');
    expect(again.extra.status).toBe(410);
    expect(again.message).toMatch(/^Kode pendaftaran [A-Z0-9]{4}-[A-Z0-9]{4} sudah dipakai, kedaluwarsa, atau dicabut.*\nThe enrollment code .* was already used, has expired or was revoked/);

    // a well-formed code the server never made: NOT_FOUND, explained
    const unknown = await refusal(enroll(srv.url, 'ZZZZ-ZZZZ'));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.extra.status).toBe(404);
    expect(unknown.message).toMatch(/^Kode pendaftaran ZZZZ-ZZZZ tidak dikenal oleh server .*\nThe server .* does not know the enrollment code ZZZZ-ZZZZ/);

    // revoked: the server drops the agent and refuses the token; the CLI recognises the warning
    const warnings: string[] = [];
    agent.on('warning', (m) => warnings.push(m));
    const rv = await api(srv.url, ti, 'POST', `/stations/${seat.stationId}/revoke`);
    expect(rv.status).toBe(200);
    await until(() => warnings.some(isTokenRefusal), 10_000);
    expect(agent.connected).toBe(false);
    expect(tokenRefusedText({ server: srv.url, stationCode: seat.code, tokenFile: file })).toMatch(/^TOKEN DITOLAK: .*dicabut.*\n.*didaftarkan ulang dengan kode baru.*\nTOKEN REFUSED: .*revoked.*\nRe-enroll this PC with a new code/);
    await agent.stop();
  });
});

describe('CLI', () => {
  it('--enroll --enroll-only saves the token file and says where the PC is; a spent code exits 3', async () => {
    const seat = srv.seeded[1];
    const code = await newCode(seat.stationId);
    const file = join(dir, 'cli', 'station.json');
    const run = cli(['--server', srv.url, '--enroll', code, '--enroll-only', '--token-file', file]);
    expect(await run.exited).toBe(0);
    expect(run.out.stdout).toContain(`PC ${seat.code} di Ruang CAT 1, Venue Uji terdaftar / enrolled`);
    expect(run.out.stdout).toContain(`token disimpan di / token saved to ${file}`);
    const stored = readTokenFile(file)!.station;
    expect(stored).toMatchObject({ server: srv.url, stationId: seat.stationId, stationCode: seat.code });
    if (POSIX) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(run.out.stdout + run.out.stderr).not.toContain(stored.token);

    const again = cli(['--server', srv.url, '--enroll', code, '--enroll-only', '--token-file', file]);
    expect(await again.exited).toBe(3);
    expect(again.out.stderr).toMatch(/Pendaftaran gagal \/ enrollment failed:\nKode pendaftaran .* sudah dipakai/);
    expect(readTokenFile(file)!.station.token).toBe(stored.token); // a refusal leaves the file alone
  });

  it('runs from the token file, says clearly when the token is revoked, and picks up a re-enrollment', async () => {
    const seat = srv.seeded[2];
    const file = join(dir, 'svc', 'station.json');
    const first = cli(['--server', srv.url, '--enroll', await newCode(seat.stationId), '--enroll-only', '--token-file', file]);
    expect(await first.exited).toBe(0);

    // no --server, no --token: both from the token file
    const svc = cli(['--token-file', file, '--queue-dir', join(dir, 'svc-queue'), '--exam-port', '0', '--heartbeat', '500'], 'node');
    const connectedCount = () => svc.out.stdout.split('\n').filter((l) => l.includes('"msg":"connected"')).length;
    await until(() => connectedCount() >= 1 || svc.child.exitCode !== null, 30_000, 100);
    expect(connectedCount(), svc.out.stderr).toBe(1);
    expect(svc.out.stdout).toContain(`"stationCode":"${seat.code}"`);

    const rv = await api(srv.url, ti, 'POST', `/stations/${seat.stationId}/revoke`);
    expect(rv.status).toBe(200);
    await until(() => svc.out.stderr.includes('TOKEN DITOLAK'), 20_000, 100);
    expect(svc.out.stderr).toContain(`TOKEN DITOLAK: server ${srv.url} menolak token PC ${seat.code} (${file})`);
    expect(svc.out.stderr).toContain('TOKEN REFUSED');
    expect(svc.child.exitCode).toBeNull(); // still running, retrying slowly

    // re-enrolled while the service runs: it switches to the new token by itself
    const again = cli(['--server', srv.url, '--enroll', await newCode(seat.stationId), '--enroll-only', '--token-file', file]);
    expect(await again.exited).toBe(0);
    await until(() => connectedCount() >= 2, 30_000, 100);
    expect(svc.out.stdout).toContain('token file has a new token: reconnecting with it');
    expect(svc.out.stdout + svc.out.stderr).not.toContain(readTokenFile(file)!.station.token);

    svc.child.kill('SIGTERM'); // graceful: socket, exam bridge and queue closed, exit 0
    expect(await svc.exited).toBe(0);
    expect(svc.out.stdout).toContain('"msg":"stopping"');
  }, 90_000);

  it('without a token file explains that the PC is not enrolled', async () => {
    const run = cli(['--token-file', join(dir, 'nothing', 'station.json')]);
    expect(await run.exited).toBe(2);
    expect(run.out.stderr).toMatch(/^PC ini belum terdaftar: file token tidak ada .*\n.*--enroll KODE\nThis PC is not enrolled/m);
  });
});
