/**
 * The edge is total and its answers are small.
 *  1. a payload that throws when coerced (`{ v: { toString: 1 } }`) is refused, with or without an
 *     ack, before or after hello — the server keeps answering;
 *  2. a binary attachment is refused before schema parsing, with an answer under 4 KB;
 *  3. malformed URLs get a short 400, and the log gets one short line, not a stack per request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import pino from 'pino';
import { call, connected, helloStation, stationSocket, startTestServer, type TestServer } from '../helpers/server.ts';
import { checkPlainJson } from '../../server/sockets/plain-json.ts';

let srv: TestServer;
const logLines: string[] = [];
beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 50, logLevel: 'warn' });
  // capture what the server logs from here on
  const sink = new Writable({ write(chunk, _enc, cb) { logLines.push(String(chunk)); cb(); } });
  const log = pino({ level: 'warn' }, sink);
  Object.assign(srv.log, { warn: log.warn.bind(log), error: log.error.bind(log), fatal: log.fatal.bind(log) });
});
afterAll(async () => srv.dispose());

const heartbeat = () => ({ v: 1, t: Date.now(), rttMs: 5, jitterMs: 1 });

describe('the station edge is total', () => {
  it('survives values that throw when coerced, with or without an ack, before and after hello', async () => {
    const [a] = srv.seeded;
    const st = stationSocket(srv.url, a.token);
    await connected(st);
    const hostile = [{ v: { toString: 1 } }, { v: { valueOf: {} , toString: {} } }, { v: [{ toString: 1 }] }, { v: 1, t: { toString: 1 } }];
    for (const ev of ['station:heartbeat', 'station:hello', 'station:events', 'station:probe-result', 'station:pin-verify', 'station:command-ack']) {
      for (const p of hostile) {
        st.emit(ev as any, p as any); // no ack
        const res = await call(st, ev, p);
        expect(res.ok, ev).toBe(false);
        expect(['INVALID_PAYLOAD', 'UNSUPPORTED_VERSION']).toContain(res.code);
      }
    }
    const { st: ok } = await helloStation(srv.url, srv.seeded[1].token, 'stream-edge1');
    for (const p of hostile) (ok as any).emit('station:heartbeat', p);
    expect(await call(ok, 'station:heartbeat', heartbeat())).toEqual({ ok: true });
    const health = await fetch(`${srv.url}/api/health`);
    expect(health.status).toBe(200);
    st.close();
    ok.close();
  });

  it('refuses binary attachments before schema parsing, with an answer under 4 KB', async () => {
    const { st } = await helloStation(srv.url, srv.seeded[2].token, 'stream-edge2');
    const big = Buffer.alloc(60 * 1024, 7);
    for (const p of [big, { v: 1, t: Date.now(), rttMs: big, jitterMs: 1 }, { v: 1, data: [[big]] }, { ...heartbeat(), extra: 'x'.repeat(30_000) }]) {
      const res = await call(st, 'station:heartbeat', p);
      expect(res).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
      expect(JSON.stringify(res).length).toBeLessThan(4096);
    }
    // many wrong fields: the issues are capped
    const wide = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]));
    const res = await call(st, 'station:hello', { v: 1, ...wide });
    expect(res.code).toBe('INVALID_PAYLOAD');
    expect(res.issues.length).toBeLessThanOrEqual(10);
    expect(JSON.stringify(res).length).toBeLessThan(4096);
    expect(await call(st, 'station:heartbeat', heartbeat())).toEqual({ ok: true });
    expect(logLines.join('').length).toBeLessThan(64 * 1024);
    st.close();
  });

  it('answers malformed URLs with a short 400 and logs one short line for many', async () => {
    logLines.length = 0;
    for (let i = 0; i < 30; i++) {
      for (const [method, path] of [['GET', '/%ff'], ['PATCH', '/%'], ['GET', '/api/%'], ['GET', '/rooms/%E0%A4%A']]) {
        const r = await fetch(`${srv.url}${path}`, { method });
        expect(r.status, `${method} ${path}`).toBe(400);
        const text = await r.text();
        expect(text.length).toBeLessThan(300);
        expect(text).not.toMatch(/\s+at \S+ \(|node_modules|URIError/);
      }
    }
    const lines = logLines.join('').split('\n').filter(Boolean);
    expect(lines.length).toBeLessThanOrEqual(1);
    expect(lines.every((l) => l.length < 400 && !l.includes('node_modules'))).toBe(true);
    // a good address still works
    expect((await fetch(`${srv.url}/api/health`)).status).toBe(200);
  });
});

describe('checkPlainJson', () => {
  it('accepts JSON and refuses everything else without throwing', () => {
    expect(checkPlainJson({ a: [1, 'x', null, true, { b: 2 }] }).ok).toBe(true);
    const deep: any = {};
    let cur = deep;
    for (let i = 0; i < 100_000; i++) cur = cur.x = {};
    for (const bad of [Buffer.alloc(3), new Uint8Array(2), new ArrayBuffer(2), new Date(), new Map(), () => 1, NaN, Infinity, deep, Symbol('s'), 10n, undefined]) {
      expect(checkPlainJson(bad).ok).toBe(false);
    }
    const getter = Object.defineProperty({}, 'v', { get() { throw new Error('boom'); }, enumerable: true });
    expect(checkPlainJson(getter).ok).toBe(false);
  });
});
