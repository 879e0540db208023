/**
 * The participant-event queue between the exam application and the server.
 *
 * The agent numbers every event with a per-stream sequence number (1, 2, 3 …) and keeps it until
 * the server acknowledges it as applied. The server applies each event exactly once, in order
 * (protocol: station:events → { applied } / SEQ_GAP { expected }), so the queue must never skip
 * or reorder. `stream` is a per-install random id: an empty new queue starts a new sequence.
 *
 * Two implementations share this core: MemoryQueue (simulator, tests) and DurableQueue
 * (durable-queue.ts, the real agent; survives a process restart).
 */
import { randomBytes } from 'node:crypto';
import { type ParticipantEvent, type ParticipantEventInput } from '../protocol/index.ts';
import { participantEventSchema } from '../protocol/schemas/index.ts';

export interface EventQueue {
  readonly stream: string;
  /** highest sequence number the server has confirmed */
  readonly acked: number;
  /** the sequence number the next append will get */
  readonly nextSeq: number;
  readonly pendingCount: number;
  /** Numbers, validates and stores one event; returns it as it will be sent. Throws on an invalid event. */
  append(input: ParticipantEventInput): ParticipantEvent;
  /** Unacknowledged events in sequence order (the first `limit`). */
  pending(limit?: number): ParticipantEvent[];
  /** The server applied everything up to `upTo`: drop those events. Never moves backwards. */
  ack(upTo: number): void;
  /**
   * Align with the server's view (hello ack `lastApplied`, or SEQ_GAP `expected − 1`): drop what it
   * applied, and if our numbering no longer continues its sequence (server state restored, local
   * queue copied or damaged) renumber the pending events to follow `lastApplied` so none is lost
   * or silently ignored. Events numbered since the queue was opened and before this first sync
   * (seq ≥ unsentFrom) were never sent, so they are kept even at or below `lastApplied`: a number
   * the server has then came from a line we lost (torn tail, disk that lost writes, restored
   * image). Returns true if events were renumbered.
   */
  sync(lastApplied: number): boolean;
  /**
   * Lowest seq that no connection can have carried yet (numbered since the queue was opened,
   * before the first sync), or null once a sync has confirmed the numbering. Persisted.
   */
  readonly unsentFrom: number | null;
  close(): void;
}

/** 16 url-safe characters; matches the contract's stream id pattern. */
export function newStreamId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Builds and validates the numbered event. Key order seq, at, clk, type… keeps the JSONL readable.
 * `clk` (the clock epoch `at` is on) is stored with the event, so after a restart it is still sent
 * with the epoch it was taken in. StationAgent.report always supplies `at` and `clk`.
 */
export function numberEvent(input: ParticipantEventInput, seq: number, now = Date.now()): ParticipantEvent {
  const { at, clk, ...rest } = input;
  return participantEventSchema.parse({ seq, at: at ?? now, ...(clk === undefined ? {} : { clk }), ...rest });
}

/** In-memory state and the numbering rules; subclasses add persistence through the hooks. */
export abstract class QueueCore implements EventQueue {
  protected events: ParticipantEvent[] = [];

  constructor(
    public stream: string,
    public nextSeq: number,
    public acked: number,
    /** see EventQueue.unsentFrom; a new queue has sent nothing */
    public unsentFrom: number | null = nextSeq
  ) {}

  get pendingCount(): number {
    return this.events.length;
  }

  append(input: ParticipantEventInput): ParticipantEvent {
    const ev = numberEvent(input, this.nextSeq);
    this.persistAppend(ev); // durable first: a seq is only handed out once it is on disk
    this.nextSeq++;
    this.events.push(ev);
    return ev;
  }

  pending(limit = Infinity): ParticipantEvent[] {
    return this.events.slice(0, limit);
  }

  ack(upTo: number): void {
    // Never past what we assigned: a server claiming more is handled by sync() at hello.
    upTo = Math.min(upTo, this.nextSeq - 1);
    if (!(upTo > this.acked)) return;
    let drop = 0;
    while (drop < this.events.length && this.events[drop].seq <= upTo) drop++;
    this.events.splice(0, drop);
    this.acked = upTo;
    this.unsentFrom = null; // an ack confirms our numbering as a sync does (in practice one came first)
    this.persistAck(drop);
  }

  sync(lastApplied: number): boolean {
    lastApplied = Math.max(0, Math.floor(lastApplied));
    // Only a number we may have sent can have been applied. One we handed out since the queue
    // was opened and never sent, the server may still "have" — from a line we lost before a
    // crash (it was sent, then the log lost it and its number was given out again). Dropping it
    // would lose the new event silently: keep it and renumber it after lastApplied.
    const unsentFrom = this.unsentFrom ?? Infinity;
    const rest = this.events.filter((e) => e.seq > lastApplied || e.seq >= unsentFrom);
    let renumbered = false;
    const next = rest.map((e, i) => {
      const want = lastApplied + 1 + i;
      if (e.seq === want) return e;
      renumbered = true;
      return { ...e, seq: want };
    });
    const seq = lastApplied + 1 + next.length;
    const dropped = this.events.length - rest.length;
    // From now on every number follows what this server confirmed: the usual rules apply. Cleared
    // durably before anything is sent, or a crash could later mistake sent events for unsent.
    const changed = renumbered || this.acked !== lastApplied || this.nextSeq !== seq || this.unsentFrom !== null;
    this.events = next;
    this.acked = lastApplied;
    this.nextSeq = seq;
    this.unsentFrom = null;
    if (renumbered) this.persistRewrite();
    else if (changed) this.persistAck(dropped);
    return renumbered;
  }

  close(): void {}

  protected abstract persistAppend(ev: ParticipantEvent): void;
  /** state after an ack; `dropped` = events just removed */
  protected abstract persistAck(dropped: number): void;
  /** pending events were renumbered: rewrite everything */
  protected abstract persistRewrite(): void;
}

/** Same rules, no disk: for the simulator (thousands of agents in one process) and tests. */
export class MemoryQueue extends QueueCore {
  constructor(stream: string = newStreamId()) {
    super(stream, 1, 0, 1);
  }
  protected persistAppend(): void {}
  protected persistAck(): void {}
  protected persistRewrite(): void {}
}
