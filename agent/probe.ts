/**
 * Bandwidth probe (Lampiran II: ≥ 500 Kbps per client PC). Downloads N bytes from the server's
 * GET /api/probe?bytes=N with the station token and times the whole request, so the figure is
 * what the exam application would experience, request latency included.
 */
import { ROUTES } from '../protocol/routes.ts';

export type ProbeResult = { kbps: number; bytes: number; ms: number };
export type ProbeFn = (req: { id: string; bytes: number }) => Promise<ProbeResult>;

export const MAX_PROBE_BYTES = 64 * 1024 * 1024;

export async function httpProbe(serverUrl: string, token: string, bytes: number, timeoutMs = 30_000): Promise<ProbeResult> {
  const n = Math.max(1, Math.min(MAX_PROBE_BYTES, Math.floor(bytes)));
  const url = new URL(ROUTES.probe.path, serverUrl);
  url.searchParams.set('bytes', String(n));
  const start = performance.now();
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, 'cache-control': 'no-store' },
    signal: AbortSignal.timeout(timeoutMs)
  });
  if (!res.ok || !res.body) throw new Error(`probe failed: HTTP ${res.status}`);
  let received = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) received += chunk.byteLength;
  const ms = Math.max(0.1, performance.now() - start);
  return toResult(received, ms);
}

/** kbit/s = bits / ms (bytes × 8 / 1000 per second ÷ ms/1000), from the rounded ms so the three agree. */
export function toResult(bytes: number, ms: number): ProbeResult {
  const msR = Math.max(0.1, Math.round(ms * 10) / 10);
  return { kbps: Math.round(((bytes * 8) / msR) * 10) / 10, bytes, ms: msR };
}
