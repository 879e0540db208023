/**
 * Event-loop delay and GC pauses of the process it runs in, for the benchmark window: a server
 * whose loop stalls delays every heartbeat it has not read yet (the "ingress" part of the latency).
 * IPC: { cmd: 'loop-reset' } starts a window, { cmd: 'loop-stats' } → { type: 'loop-stats', ... }.
 */
import { monitorEventLoopDelay, PerformanceObserver, type EntryType } from 'node:perf_hooks';

export function installLoopStats(): void {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let gcCount = 0;
  let gcMs = 0;
  let gcMaxMs = 0;
  const byKind = new Map<number, { n: number; ms: number; max: number }>();
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcCount++;
      gcMs += e.duration;
      gcMaxMs = Math.max(gcMaxMs, e.duration);
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0;
      const k = byKind.get(kind) ?? { n: 0, ms: 0, max: 0 };
      k.n++;
      k.ms += e.duration;
      k.max = Math.max(k.max, e.duration);
      byKind.set(kind, k);
    }
  });
  obs.observe({ entryTypes: ['gc' as EntryType] });
  // perf_hooks constants.NODE_PERFORMANCE_GC_*: 1 minor (scavenge), 2 major (mark-compact), 4 incremental, 8 weak callbacks
  const KIND: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };
  process.on('message', (m: { cmd?: string }) => {
    if (m?.cmd === 'loop-reset') {
      h.reset();
      gcCount = gcMs = gcMaxMs = 0;
      byKind.clear();
    } else if (m?.cmd === 'loop-stats') {
      const ms = (ns: number) => Math.round(ns / 1e5) / 10;
      process.send?.({
        type: 'loop-stats',
        loop_delay_p50_ms: ms(h.percentile(50)),
        loop_delay_p99_ms: ms(h.percentile(99)),
        loop_delay_max_ms: ms(h.max),
        gc_count: gcCount,
        gc_ms: Math.round(gcMs),
        gc_max_ms: Math.round(gcMaxMs * 10) / 10,
        gc_by_kind: Object.fromEntries([...byKind].map(([k, v]) => [KIND[k] ?? String(k), { n: v.n, ms: Math.round(v.ms), max: Math.round(v.max * 10) / 10 }]))
      });
    }
  });
}
