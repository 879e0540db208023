import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DurableQueue } from '../../agent/durable-queue.ts';
import { MemoryQueue } from '../../agent/event-queue.ts';

const NIP = '198501012010011001';
let dir: string;
const open = (opts = {}) => DurableQueue.open(dir, opts);
const progress = (percent: number) => ({ type: 'progress' as const, instrument: 'potensi' as const, percent });
const logLines = () =>
  fs
    .readFileSync(path.join(dir, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-queue-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('DurableQueue', () => {
  it('numbers events 1, 2, 3 and keeps numbers and stream across a reopen', () => {
    const q = open();
    expect(q.append({ type: 'login', nip: NIP, name: 'Budi' }).seq).toBe(1);
    expect(q.append(progress(10)).seq).toBe(2);
    const stream = q.stream;
    q.close();

    const q2 = open();
    expect(q2.stream).toBe(stream);
    expect(q2.pending().map((e) => e.seq)).toEqual([1, 2]);
    expect(q2.pending()[0]).toMatchObject({ type: 'login', nip: NIP, name: 'Budi' });
    expect(q2.append(progress(20)).seq).toBe(3);
    q2.close();
  });

  it('reopened with nothing pending, starts a fresh stream (a restored disk image cannot collide)', () => {
    const q = open();
    for (let i = 0; i < 5; i++) q.append(progress(i));
    q.ack(5);
    expect(q.pendingCount).toBe(0);
    expect(logLines()).toEqual([]); // drained: the log is emptied
    const old = q.stream;
    q.close();

    const q2 = open();
    expect(q2.stream).not.toBe(old);
    expect(q2.acked).toBe(0);
    expect(q2.append(progress(50)).seq).toBe(1);
    q2.close();
    // … and the new stream is what a further reopen continues while something is pending.
    const q3 = open();
    expect(q3.stream).toBe(q2.stream);
    expect(q3.pending().map((e) => e.seq)).toEqual([1]);
    q3.close();
  });

  it('ack drops only what was applied, never moves backwards, and survives a reopen', () => {
    const q = open();
    for (let i = 1; i <= 4; i++) q.append(progress(i));
    q.ack(2);
    q.ack(1); // a stale ack must not resurrect anything
    expect(q.pending().map((e) => e.seq)).toEqual([3, 4]);
    q.close();
    const q2 = open();
    expect(q2.pending().map((e) => e.seq)).toEqual([3, 4]);
    expect(q2.acked).toBe(2);
    q2.close();
  });

  it('compacts the log after compactEvery acked events', () => {
    const q = open({ compactEvery: 3 });
    for (let i = 1; i <= 6; i++) q.append(progress(i));
    q.ack(2);
    expect(logLines()).toHaveLength(6); // not yet
    q.ack(3);
    expect(logLines().map((l) => JSON.parse(l).seq)).toEqual([4, 5, 6]);
    q.append(progress(7)); // appending still works on the rewritten file
    q.close();
    expect(open().pending().map((e) => e.seq)).toEqual([4, 5, 6, 7]);
  });

  it('cuts off a torn last line after a crash and keeps appending cleanly', () => {
    const q = open();
    q.append(progress(1));
    q.append(progress(2));
    q.close();
    fs.appendFileSync(path.join(dir, 'events.jsonl'), '{"seq":3,"at":17000000'); // crash mid-write

    const q2 = open();
    expect(q2.recovery.tornTail).toBe(true);
    expect(q2.pending().map((e) => e.seq)).toEqual([1, 2]);
    expect(q2.append(progress(3)).seq).toBe(3);
    q2.close();
    const q3 = open();
    expect(q3.recovery.tornTail).toBe(false);
    expect(q3.pending().map((e) => e.seq)).toEqual([1, 2, 3]);
    q3.close();
  });

  it('keeps a complete last line that only lost its newline', () => {
    const q = open();
    q.append(progress(1));
    q.close();
    const line = JSON.stringify({ seq: 2, at: Date.now(), type: 'finished' });
    fs.appendFileSync(path.join(dir, 'events.jsonl'), line);
    const q2 = open();
    expect(q2.pending().map((e) => e.type)).toEqual(['progress', 'finished']);
    expect(q2.append({ type: 'questionnaire' }).seq).toBe(3);
    q2.close();
    expect(logLines()).toHaveLength(3);
  });

  it('starts a new stream and renumbers surviving events when meta.json is lost', () => {
    const q = open();
    q.append(progress(1));
    q.append(progress(2));
    q.ack(1);
    const old = q.stream;
    q.close();
    fs.rmSync(path.join(dir, 'meta.json'));
    const q2 = open();
    expect(q2.recovery.newStream).toBe(true);
    expect(q2.stream).not.toBe(old);
    // Without meta the agent cannot know event 1 was acked: it resends both under the new stream.
    expect(q2.pending().map((e) => [e.seq, (e as { percent: number }).percent])).toEqual([[1, 1], [2, 2]]);
    q2.close();
  });

  it('rejects an invalid event without using up a sequence number', () => {
    const q = open();
    expect(() => q.append({ type: 'login', nip: '123' } as never)).toThrow();
    expect(q.append(progress(5)).seq).toBe(1);
    q.close();
  });

  it('sync(lastApplied) drops applied events, and renumbers when the server is behind', () => {
    const q = open();
    q.sync(0); // the first hello of a new stream: from here on events may have been sent
    for (let i = 1; i <= 5; i++) q.append(progress(i));
    expect(q.sync(2)).toBe(false); // normal catch-up
    expect(q.pending().map((e) => e.seq)).toEqual([3, 4, 5]);
    q.ack(3);
    expect(q.sync(1)).toBe(true); // server lost 2..3: pending 4,5 must follow 1
    expect(q.pending().map((e) => e.seq)).toEqual([2, 3]);
    expect(q.append(progress(9)).seq).toBe(4);
    q.close();
    const q2 = open();
    expect(q2.pending().map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(q2.acked).toBe(1);
    q2.close();
  });

  it('sync() past everything we numbered moves the next number past the server', () => {
    const q = open();
    q.sync(0);
    q.append(progress(1)); // … sent
    q.sync(7); // local state restored from an old copy: never reuse numbers the server has applied
    expect(q.pendingCount).toBe(0);
    expect(q.append(progress(2)).seq).toBe(8);
    q.close();
  });
});

describe('MemoryQueue', () => {
  it('follows the same numbering rules', () => {
    const q = new MemoryQueue();
    expect(q.stream).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    q.append(progress(1));
    q.append(progress(2));
    q.append(progress(3));
    q.ack(2);
    expect(q.pending().map((e) => e.seq)).toEqual([3]);
    expect(q.pending(0)).toEqual([]);
    expect(q.append({ type: 'finished', at: 1_760_000_000_000 })).toMatchObject({ seq: 4, at: 1_760_000_000_000 });
  });
});
