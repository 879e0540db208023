import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryQueue } from '../../agent/event-queue.ts';
import { startExamBridge, type ExamBridge } from '../../agent/exam-bridge.ts';

const NIP = '198501012010011001';
const queue = new MemoryQueue();
let bridge: ExamBridge;
let base: string;

beforeAll(async () => {
  bridge = await startExamBridge({
    port: 0,
    report: (e) => queue.append(e),
    status: () => ({ connected: false, pending: queue.pendingCount })
  });
  base = `http://127.0.0.1:${bridge.port}`;
});
afterAll(() => bridge.close());

const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${base}/events`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('exam bridge', () => {
  it('queues a valid event and answers with its sequence number', async () => {
    const before = queue.nextSeq;
    const res = await post({ type: 'login', nip: NIP, name: 'Siti Aminah' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ok: true, events: [{ seq: before, type: 'login' }] });
    expect(queue.pending().at(-1)).toMatchObject({ type: 'login', nip: NIP, name: 'Siti Aminah' });
  });

  it('accepts an array and an explicit `at`', async () => {
    const at = 1_760_000_000_000;
    const res = await post([
      { type: 'instrument', instrument: 'manajerial_sosiokultural', at },
      { type: 'progress', instrument: 'manajerial_sosiokultural', percent: 12.5, at }
    ]);
    expect(res.status).toBe(202);
    const body = (await res.json()) as { events: { seq: number }[] };
    expect(body.events).toHaveLength(2);
    expect(queue.pending().at(-1)).toMatchObject({ at, percent: 12.5 });
  });

  it('400 INVALID_JSON for a body that is not JSON', async () => {
    const res = await post('{"type": "login", nip');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, code: 'INVALID_JSON' });
  });

  it('400 INVALID_PAYLOAD with the field path for a bad NIP, an unknown type, an out-of-range percent', async () => {
    const cases: [unknown, string][] = [
      [{ type: 'login', nip: '12345' }, 'nip'],
      [{ type: 'teleport' }, 'type'],
      [{ type: 'progress', instrument: 'potensi', percent: 140 }, 'percent'],
      [{ type: 'instrument', instrument: 'tes_fisik' }, 'instrument']
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as { code: string; issues: { path: string; message: string }[] };
      expect(json.code).toBe('INVALID_PAYLOAD');
      expect(json.issues.map((i) => i.path)).toContain(field);
    }
  });

  it('refuses seq (the agent numbers events), clk (the agent\'s clock epoch) and unknown fields', async () => {
    for (const body of [
      { type: 'finished', seq: 99 },
      { type: 'finished', clk: 'browser' },
      { type: 'finished', cheat: true }
    ]) {
      const res = await post(body);
      expect(res.status).toBe(400);
    }
  });

  it('queues nothing when one event of an array is invalid', async () => {
    const before = queue.nextSeq;
    const res = await post([{ type: 'finished' }, { type: 'progress', instrument: 'potensi', percent: -1 }]);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: { path: string }[] }).issues[0].path).toBe('1.percent');
    expect(queue.nextSeq).toBe(before);
  });

  it('415 without Content-Type: application/json (a cross-site form cannot post events)', async () => {
    const res = await post({ type: 'finished' }, { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
  });

  it('413 for an oversized body', async () => {
    const res = await post({ type: 'login', nip: NIP, name: 'x'.repeat(100_000) });
    expect(res.status).toBe(413);
  });

  it('403 for a foreign Host header (DNS rebinding)', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: bridge.port, path: '/status', headers: { host: 'evil.example:7701' } },
        (res) => (res.resume(), resolve(res.statusCode ?? 0))
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('GET /status returns the agent status; unknown routes 404, wrong methods 405', async () => {
    const res = await fetch(`${base}/status`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ connected: false });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/events`)).status).toBe(405);
    expect((await fetch(`${base}/status`, { method: 'POST' })).status).toBe(405);
  });

  it('/pin and /commands answer 404 on an agent that does not offer them', async () => {
    const json = { 'content-type': 'application/json' };
    expect((await fetch(`${base}/commands`)).status).toBe(404);
    expect((await fetch(`${base}/pin`, { method: 'POST', headers: json, body: '{"pin":"K7MPRX"}' })).status).toBe(404);
    const res = await fetch(`${base}/commands/ack`, { method: 'POST', headers: json, body: '{"id":1,"result":"applied"}' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, code: 'NOT_FOUND', message: expect.stringMatching(/not available/) });
  });
});
