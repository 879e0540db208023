/**
 * Small pure formatters shared by tiles and the detail panel. Times and durations are written by
 * $lib/format/time.ts (one scheme for the whole dashboard); the names below stay for old imports.
 */
import { durationParts, formatDuration, msLeft } from '$lib/format/time.ts';

export { msLeft };
/** @deprecated use formatDuration from $lib/format/time.ts: "2 j 58 m", "29 m 28 d" */
export const formatLeft = (ms: number): string => formatDuration(ms);
/** @deprecated use durationParts from $lib/format/time.ts */
export const splitLeft = durationParts;

export function formatMs(ms: number | null): string {
  return ms == null ? '—' : `${Math.round(ms)} ms`;
}

export function formatKbps(kbps: number | null): string {
  if (kbps == null) return '—';
  return kbps >= 10_000 ? `${(kbps / 1000).toFixed(1)} Mbps` : `${Math.round(kbps)} Kbps`;
}

/** Latency buckets of the room histogram (upper bounds, ms); the last bucket is open-ended. */
export const LATENCY_BUCKETS = [50, 100, 150, 200, 300, 500, 1000] as const;
