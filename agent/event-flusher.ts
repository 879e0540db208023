/**
 * Sends queued participant events to the server: one batch in flight at a time, in sequence
 * order, never skipping. The server applies each event exactly once (station:events ack
 * { applied } = highest applied seq), so resending after a lost ack is safe.
 */
import {
  PAYLOAD_LIMITS,
  PROTOCOL_VERSION,
  type EventBatchPayload,
  type EventsAck
} from '../protocol/index.ts';
import type { EventQueue } from './event-queue.ts';

export type SendBatch = (batch: EventBatchPayload, ack: (res: EventsAck) => void) => void;

/** After this long without an ack for a batch we send it again (the heartbeat tick checks). */
const BATCH_ACK_TIMEOUT_MS = 15_000;
/** Consecutive SEQ_GAP answers we resolve immediately before waiting for the next tick. */
const MAX_IMMEDIATE_GAPS = 3;

export class EventFlusher {
  private inFlight: { gen: number; sentAt: number } | null = null;
  private gen = 0;
  private gaps = 0;
  /** the server asked us to wait (QUOTA_EXCEEDED, RATE_LIMITED with retryAfterSec): no batch before this */
  private notBefore = 0;

  constructor(
    private readonly queue: EventQueue,
    private readonly send: SendBatch,
    /** false while disconnected (or in a simulated outage): nothing is emitted, events wait */
    private readonly canSend: () => boolean,
    private readonly warn: (message: string, detail?: unknown) => void,
    /** the agent's step-free clock: a stepped wall clock must not fake (or hide) an ack timeout */
    private readonly now: () => number = Date.now
  ) {}

  /** The link went down or came back: forget the batch in flight; a late ack for it is ignored. */
  reset(): void {
    this.gen++;
    this.inFlight = null;
    this.gaps = 0;
  }

  /** Send the next batch if there is one and nothing is in flight. */
  flush(now = this.now()): void {
    if (!this.canSend()) return;
    if (now < this.notBefore) return;
    if (this.inFlight) {
      if (now - this.inFlight.sentAt < BATCH_ACK_TIMEOUT_MS) return;
      this.warn('events batch not acknowledged, resending');
      this.reset();
    }
    const events = this.queue.pending(PAYLOAD_LIMITS.maxEventsPerBatch);
    if (events.length === 0) return;
    const gen = ++this.gen;
    this.inFlight = { gen, sentAt: now };
    this.send({ v: PROTOCOL_VERSION, stream: this.queue.stream, events }, (res) => {
      if (this.inFlight?.gen !== gen) return; // stale: reconnected or resent meanwhile
      this.inFlight = null;
      if (res.ok) {
        this.gaps = 0;
        this.queue.ack(res.applied);
        this.flush();
      } else if (res.code === 'SEQ_GAP' && typeof res.expected === 'number') {
        // The server applied up to expected − 1 (or lost state): align and resend from there.
        const renumbered = this.queue.sync(res.expected - 1);
        if (renumbered) this.warn('server sequence differs from the local queue; pending events renumbered', res);
        if (++this.gaps <= MAX_IMMEDIATE_GAPS) this.flush();
      } else {
        // Rejected (storage budget, rate limit, server error, …): keep the events and retry — after
        // the wait the server asked for (QUOTA_EXCEEDED carries retryAfterSec), else on the next tick.
        const wait = typeof res.retryAfterSec === 'number' && Number.isFinite(res.retryAfterSec) ? Math.min(3600, Math.max(0, res.retryAfterSec)) : 0;
        this.notBefore = this.now() + wait * 1000;
        this.warn(`events batch rejected: ${res.code}${wait ? ` (retry in ${wait} s)` : ''}`, res);
      }
    });
  }
}
