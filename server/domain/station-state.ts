/**
 * Connectivity state of a station, from its heartbeats (Perban BKN 4/2024 Lampiran II):
 *  - offline:  no heartbeat for `offlineAfterMs` (3 heartbeat intervals by default);
 *  - degraded: reply latency over the limit (300 ms) in `degradeAfter` consecutive heartbeats —
 *              Lampiran II asks for latency that is low *and stable*, so one spike is not yet a
 *              degraded station — or the last bandwidth probe under the minimum (500 Kbps);
 *  - online:   otherwise. Recovery from degraded also needs `degradeAfter` good heartbeats in a row,
 *              so a station hovering around the limit does not flap.
 * Pure functions: the hub keeps the counters, this decides.
 */
import type { ConnState, TransitionReason } from '../../protocol/index.ts';

export type StateConfig = {
  maxLatencyMs: number;
  minBandwidthKbps: number;
  degradeAfter: number;
  offlineAfterMs: number;
};

export type LinkCounters = {
  /** consecutive heartbeats over the latency limit */
  overStreak: number;
  /** consecutive heartbeats within the limit */
  okStreak: number;
};

export function countSample(c: LinkCounters, rttMs: number | null, cfg: StateConfig): LinkCounters {
  if (rttMs === null) return c; // the first heartbeat after connecting has no measurement yet
  return rttMs > cfg.maxLatencyMs
    ? { overStreak: c.overStreak + 1, okStreak: 0 }
    : { overStreak: 0, okStreak: c.okStreak + 1 };
}

export type Verdict = { state: ConnState; reason: TransitionReason; value: number | null };

/** State of a station that is sending heartbeats. */
export function liveState(current: ConnState, c: LinkCounters, kbps: number | null, cfg: StateConfig): Verdict {
  if (kbps !== null && kbps < cfg.minBandwidthKbps) {
    return { state: 'degraded', reason: 'bandwidth', value: Math.round(kbps) };
  }
  if (c.overStreak >= cfg.degradeAfter) {
    return { state: 'degraded', reason: 'latency', value: c.overStreak };
  }
  if (current === 'degraded' && c.okStreak < cfg.degradeAfter) {
    return { state: 'degraded', reason: 'latency', value: null };
  }
  return { state: 'online', reason: current === 'offline' ? 'resumed' : 'recovered', value: null };
}

/** True when a station whose last heartbeat was at `lastSeenAt` must now be considered offline. */
export function isSilent(lastSeenAt: number | null, now: number, cfg: StateConfig): boolean {
  return lastSeenAt === null || now - lastSeenAt >= cfg.offlineAfterMs;
}
