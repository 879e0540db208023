/**
 * What the latency number on a tile says, in agreement with the station's state
 * (server/domain/station-state.ts): a station is degraded only after `degradeAfter` heartbeats in
 * a row over the limit (Lampiran II asks for latency that is low *and stable*), and recovers only
 * after as many good ones. So a number over the limit under an "online" badge is a single spike —
 * shown amber with a hint, never red — and red belongs to a degraded station.
 */
import type { ConnState } from '$protocol';

export type LinkTone =
  /** no number to show (offline, or no measurement yet) */
  | 'none'
  /** within the limit, state online */
  | 'ok'
  /** over the limit while online: one spike, not (yet) a degraded link */
  | 'spike'
  /** over the limit and degraded: the number agrees with the state */
  | 'over'
  /** within the limit but still degraded: recovering, needs good heartbeats in a row */
  | 'recovering';

export function linkTone(state: ConnState, rtt: number | null, maxLatencyMs: number): LinkTone {
  if (state === 'offline' || rtt == null) return 'none';
  const over = rtt > maxLatencyMs;
  if (state === 'degraded') return over ? 'over' : 'recovering';
  return over ? 'spike' : 'ok';
}
