/**
 * Collects telemetry, transitions and raised alerts in memory and writes them in one transaction
 * per interval, so the heartbeat path never waits for the disk. Per-minute roll-ups are folded as
 * samples arrive (no re-reading of raw rows) and written when their minute is over.
 */
import type { Db } from '../../db/client.ts';
import { pruneTelemetry, telemetryWriter, type FactsRow, type TransitionRow, type WriteBatch } from '../../db/queries/telemetry.ts';
import type { Logger } from '../log.ts';

/** one station's open minute; `n` counts the samples that carried an RTT */
type MinuteAcc = { minute: number; n: number; sum: number; max: number | null; over: number };

export class BatchWriter {
  private batch: WriteBatch = { samples: [], minutes: [], transitions: [], alerts: [], facts: [] };
  private minutes = new Map<number, MinuteAcc>();
  private readonly write: (b: WriteBatch) => void;
  private lastPrune = 0;
  failures = 0;

  constructor(
    private readonly db: Db,
    private readonly opts: { maxLatencyMs: number; sampleRetentionMs: number; minuteRetentionMs: number },
    private readonly log: Logger
  ) {
    this.write = telemetryWriter(db);
  }

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

  transition(row: TransitionRow) {
    this.batch.transitions.push(row);
  }

  alert(stationId: number, kind: string, at: number) {
    this.batch.alerts.push({ stationId, kind, at });
  }

  /** Station facts from a hello; batched, so a reconnect storm is not one transaction per station. */
  facts(row: FactsRow) {
    this.batch.facts.push(row);
  }

  private closeMinute(stationId: number, a: MinuteAcc) {
    this.batch.minutes.push({
      stationId, minute: a.minute, n: a.n, rttAvg: a.n ? a.sum / a.n : null, rttMax: a.max, overLimit: a.over
    });
  }

  /**
   * Write what is pending. `close` also writes minutes still open: `true` all of them (shutdown),
   * a station id only that station's (its detail view is being opened and wants the last seconds).
   */
  flush(now: number, close: boolean | number = false) {
    const current = Math.floor(now / 60000);
    for (const [id, acc] of this.minutes) {
      if (close === true || close === id || acc.minute < current) {
        this.closeMinute(id, acc);
        this.minutes.delete(id);
      }
    }
    const b = this.batch;
    if (!b.samples.length && !b.minutes.length && !b.transitions.length && !b.alerts.length && !b.facts.length) return;
    this.batch = { samples: [], minutes: [], transitions: [], alerts: [], facts: [] };
    try {
      this.write(b);
    } catch (err) {
      // Keep transitions, alerts and facts for the next try (they are the record); samples may go.
      this.failures++;
      this.batch.transitions.unshift(...b.transitions);
      this.batch.alerts.unshift(...b.alerts);
      this.batch.minutes.unshift(...b.minutes);
      this.batch.facts.unshift(...b.facts);
      this.log.error({ err }, 'telemetry write failed; will retry');
    }
    if (now - this.lastPrune > 60_000) this.prune(now);
  }

  /** Apply the retention limits (flush does this once a minute). */
  prune(now: number) {
    this.lastPrune = now;
    const pruned = pruneTelemetry(this.db, now, this.opts.sampleRetentionMs, this.opts.minuteRetentionMs);
    if (pruned.samples || pruned.minutes) this.log.debug(pruned, 'telemetry retention');
  }
}
