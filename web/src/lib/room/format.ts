/**
 * Small pure formatters of link figures shared by tiles and the detail panel. Times and durations
 * are written by $lib/format/time.ts.
 */

export function formatMs(ms: number | null): string {
  return ms == null ? '—' : `${Math.round(ms)} ms`;
}

export function formatKbps(kbps: number | null): string {
  if (kbps == null) return '—';
  return kbps >= 10_000 ? `${(kbps / 1000).toFixed(1)} Mbps` : `${Math.round(kbps)} Kbps`;
}

/** Latency buckets of the room histogram (upper bounds, ms); the last bucket is open-ended. */
export const LATENCY_BUCKETS = [50, 100, 150, 200, 300, 500, 1000] as const;
