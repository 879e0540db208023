/** The event sender waits as long as the server asks (QUOTA_EXCEEDED's retryAfterSec) and keeps the events. */
import { describe, expect, it } from 'vitest';
import { EventFlusher } from '../../agent/event-flusher.ts';
import { MemoryQueue } from '../../agent/event-queue.ts';
import type { EventBatchPayload, EventsAck } from '../../protocol/index.ts';

describe('EventFlusher and the storage budget', () => {
  it('waits retryAfterSec after QUOTA_EXCEEDED, then sends the same events', () => {
    const queue = new MemoryQueue('stream-flush-1');
    queue.append({ type: 'logout' });
    let now = 1_000_000;
    const sent: EventBatchPayload[] = [];
    let answer: EventsAck = { ok: false, code: 'QUOTA_EXCEEDED', message: 'too many', retryAfterSec: 30 };
    const f = new EventFlusher(queue, (b, ack) => { sent.push(b); ack(answer); }, () => true, () => {}, () => now);
    f.flush();
    expect(sent).toHaveLength(1);
    now += 2000; // the next heartbeat tick
    f.flush();
    expect(sent).toHaveLength(1);
    f.reset(); // a reconnect does not cut the wait short
    now += 27_000;
    f.flush();
    expect(sent).toHaveLength(1);
    now += 1500;
    answer = { ok: true, applied: 1 };
    f.flush();
    expect(sent).toHaveLength(2);
    expect(sent[1].events).toEqual(sent[0].events);
    expect(queue.pendingCount).toBe(0);
  });
});
