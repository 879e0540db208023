/**
 * Round-trip time, jitter and the heartbeat watchdog, as pure state (no timers): the agent's
 * single heartbeat interval drives it, which keeps per-agent cost at one timer.
 *
 * Lampiran II asks for a reply latency ≤ 300 ms "dan stabil"; the agent measures each
 * heartbeat's emit→ack time itself and reports the previous one, plus a jitter: the mean absolute
 * difference of consecutive RTTs, smoothed like RFC 3550 §6.4.1 but with gain 1/8 instead of 1/16
 * so the dashboard reacts within ~8 heartbeats.
 */
import { PROTOCOL_VERSION, type HeartbeatPayload } from '../protocol/index.ts';

/** Consecutive unacknowledged heartbeats after which the link is considered silently dead. */
export const WATCHDOG_MISSES = 3;
const JITTER_GAIN = 1 / 8;

export class LinkMonitor {
  lastRtt: number | null = null;
  jitter: number | null = null;
  /** heartbeats sent since the last ack arrived */
  unacked = 0;

  /** `now` on the agent's clock, `clk` naming that clock (clock.ts) */
  payload(now: number, clk?: string): HeartbeatPayload {
    return { v: PROTOCOL_VERSION, t: now, ...(clk ? { clk } : {}), rttMs: this.lastRtt, jitterMs: this.jitter };
  }

  sent(): void {
    this.unacked++;
  }

  /** Any ack, even a late one or an error ack, proves the link carries traffic both ways. */
  acked(rttMs: number): void {
    this.unacked = 0;
    const rtt = Math.max(0, Math.round(rttMs * 10) / 10);
    if (this.lastRtt !== null) {
      const d = Math.abs(rtt - this.lastRtt);
      this.jitter = this.jitter === null ? d : this.jitter + (d - this.jitter) * JITTER_GAIN;
      this.jitter = Math.round(this.jitter * 10) / 10;
    }
    this.lastRtt = rtt;
  }

  get watchdogTripped(): boolean {
    return this.unacked >= WATCHDOG_MISSES;
  }

  /** New connection: old unacked heartbeats died with the old socket. RTT history stays. */
  resetWatchdog(): void {
    this.unacked = 0;
  }
}
