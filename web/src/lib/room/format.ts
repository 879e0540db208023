/** Small pure formatters shared by tiles and the detail panel. */

/** Milliseconds left until `deadline`, never negative; null when there is no deadline. */
export function msLeft(deadline: number | null, now: number): number | null {
  if (deadline == null) return null;
  return Math.max(0, deadline - now);
}

/** "h:mm" when an hour or more is left, "mm:ss" below that (the last hour is watched closely). */
export function formatLeft(ms: number): string {
  const totalS = Math.floor(ms / 1000);
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}` : `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

export function splitLeft(ms: number): { h: number; m: number; s: number } {
  const totalS = Math.floor(ms / 1000);
  return { h: Math.floor(totalS / 3600), m: Math.floor((totalS % 3600) / 60), s: totalS % 60 };
}

export function formatMs(ms: number | null): string {
  return ms == null ? '—' : `${Math.round(ms)} ms`;
}

export function formatKbps(kbps: number | null): string {
  if (kbps == null) return '—';
  return kbps >= 10_000 ? `${(kbps / 1000).toFixed(1)} Mbps` : `${Math.round(kbps)} Kbps`;
}

/** Latency buckets of the room histogram (upper bounds, ms); the last bucket is open-ended. */
export const LATENCY_BUCKETS = [50, 100, 150, 200, 300, 500, 1000] as const;
