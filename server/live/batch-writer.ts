/**
 * Collects telemetry, transitions, raised alerts and changed facts in memory and hands them to the
 * store worker in batches, so the heartbeat path never waits for the disk. Samples ride along once
 * a second (`writeMs`); a record — a transition, an alert, new facts — is sent at once (next turn
 * of the event loop), and the callback it came with runs only after its commit: the hub shows a
 * transition or a marker to dashboards from that callback, so nothing a room view shows lives only
 * in memory (otherwise markers shown just before a `kill -9` were lost). Per-minute roll-ups are
 * folded as samples arrive and written when their minute is over.
 *
 * One batch is in flight at a time and each is taken when it is sent, so a batch that failed is put
 * back in front of what came after it: the records keep their order.
 */
import type { FactsRow, TransitionRow, WriteBatch } from '../../db/queries/telemetry.ts';
import type { Logger } from '../log.ts';
import type { StoreWriter } from './store-writer.ts';

/** one station's open minute; `n` counts the samples that carried an RTT */
type MinuteAcc = { minute: number; n: number; sum: number; max: number | null; over: number };

const emptyBatch = (): WriteBatch => ({ samples: [], minutes: [], transitions: [], alerts: [], facts: [] });

export class BatchWriter {
  private batch: WriteBatch = emptyBatch();
  /** run after the batch that holds their record is committed, in the order they were queued */
  private stored: (() => void)[] = [];
  private minutes = new Map<number, MinuteAcc>();
  private chain: Promise<void> = Promise.resolve();
  private soon = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private lastPrune = 0;
  private lastMinuteScan = -1;
  failures = 0;

  constructor(
    private readonly store: StoreWriter,
    private readonly opts: { maxLatencyMs: number; sampleRetentionMs: number; minuteRetentionMs: number },
    private readonly log: Logger
  ) {}

  sample(stationId: number, at: number, rtt: number | null, jit: number | null) {
    this.batch.samples.push({ stationId, at, rtt, jit });
    const minute = Math.floor(at / 60000);
    let acc = this.minutes.get(stationId);
    if (acc && acc.minute !== minute) {
      this.closeMinute(stationId, acc);
      acc = undefined;
    }
    if (!acc) {
      acc = { minute, n: 0, sum: 0, max: null, over: 0 };
      this.minutes.set(stationId, acc);
    }
    if (rtt !== null) {
      acc.n++;
      acc.sum += rtt;
      acc.max = acc.max === null ? rtt : Math.max(acc.max, rtt);
      if (rtt > this.opts.maxLatencyMs) acc.over++;
    }
  }

  transition(row: TransitionRow, onStored?: () => void) {
    this.batch.transitions.push(row);
    this.record(onStored);
  }

  alert(stationId: number, kind: string, at: number, onStored?: () => void) {
    this.batch.alerts.push({ stationId, kind, at });
    this.record(onStored);
  }

  /** Station facts from a hello; batched, so a reconnect storm is not one transaction per station. */
  facts(row: FactsRow, onStored?: () => void) {
    this.batch.facts.push(row);
    this.record(onStored);
  }

  private record(onStored?: () => void) {
    if (onStored) this.stored.push(onStored);
    if (this.soon) return;
    this.soon = true;
    setImmediate(() => {
      this.soon = false;
      void this.sendNow();
    });
  }

  private closeMinute(stationId: number, a: MinuteAcc) {
    this.batch.minutes.push({
      stationId, minute: a.minute, n: a.n, rttAvg: a.n ? a.sum / a.n : null, rttMax: a.max, overLimit: a.over
    });
  }

  /**
   * Write what is pending; resolves when it (and everything queued before this call) is stored.
   * `close` also writes minutes still open: `true` all of them (shutdown), a station id only that
   * station's (its detail view is being opened and wants the last seconds). Never rejects: a
   * failed batch is kept and tried again.
   */
  flush(now: number, close: boolean | number = false): Promise<void> {
    const current = Math.floor(now / 60000);
    if (typeof close === 'number') {
      const acc = this.minutes.get(close);
      if (acc) {
        this.closeMinute(close, acc);
        this.minutes.delete(close);
      }
    } else if (close || current !== this.lastMinuteScan) {
      // minutes close once a minute: one scan of the open minutes per minute, not per flush
      this.lastMinuteScan = current;
      for (const [id, acc] of this.minutes) {
        if (close || acc.minute < current) {
          this.closeMinute(id, acc);
          this.minutes.delete(id);
        }
      }
    }
    return this.sendNow(now);
  }

  /** Send what is queued (records right away; the periodic flush adds samples and closed minutes). */
  private sendNow(now = Date.now()): Promise<void> {
    this.chain = this.chain.then(() => this.send(now));
    return this.chain;
  }

  /** Resolves once everything queued so far is stored (or has failed and waits for its retry). */
  durable(): Promise<void> {
    return this.flush(Date.now());
  }

  private async send(now: number) {
    const b = this.batch;
    const stored = this.stored;
    if (!b.samples.length && !b.minutes.length && !b.transitions.length && !b.alerts.length && !b.facts.length) {
      for (const cb of stored.splice(0)) cb();
      return;
    }
    this.batch = emptyBatch();
    this.stored = [];
    try {
      await this.store.run({ kind: 'telemetry', batch: b });
    } catch (err) {
      // Keep transitions, alerts, minutes and facts for the next try, in front of anything newer
      // (they are the record); samples may go.
      this.failures++;
      this.batch.transitions.unshift(...b.transitions);
      this.batch.alerts.unshift(...b.alerts);
      this.batch.minutes.unshift(...b.minutes);
      this.batch.facts.unshift(...b.facts);
      this.stored.unshift(...stored);
      this.log.error({ err }, 'telemetry write failed; will retry');
      if (!this.retryTimer) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          void this.sendNow();
        }, 1000);
        this.retryTimer.unref();
      }
      return;
    }
    for (const cb of stored) {
      try { cb(); } catch (err) { this.log.error({ err }, 'after-store callback failed'); }
    }
    if (now - this.lastPrune > 60_000) this.prune(now);
  }

  /** Apply the retention limits (flush does this once a minute), in the store worker. */
  prune(now: number) {
    this.lastPrune = now;
    this.store.run({ kind: 'prune', now, sampleMs: this.opts.sampleRetentionMs, minuteMs: this.opts.minuteRetentionMs }).then(
      (pruned) => {
        const p = pruned as { samples: number; minutes: number };
        if (p.samples || p.minutes) this.log.debug(p, 'telemetry retention');
      },
      (err) => this.log.error({ err }, 'telemetry retention failed')
    );
  }

  stop() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
