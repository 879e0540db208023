/**
 * What a simulated station looks like from the outside: its PC (facts), its network latency and
 * its bandwidth. Most stations of a room meet Perban BKN 4/2024 Lampiran II; with faults on, a few
 * fail one item, some items cannot be read (null = unknown, as a real agent would report), a few
 * links are slow (< 500 Kbps) and RTTs occasionally spike over the 300 ms limit.
 */
import type { StationFacts } from '../../protocol/index.ts';
import { toResult, type ProbeFn } from '../probe.ts';
import { between, pick, type Rng } from './rng.ts';

export function simulatedFacts(rng: Rng, faults: boolean): StationFacts {
  const win11 = rng() < 0.6;
  const facts: StationFacts = {
    cpuModel: pick(rng, ['Intel Core i5-10400', 'Intel Core i5-12400', 'Intel Core i3-10100', 'AMD Ryzen 5 5600G']),
    cpuGhz: Math.round(between(rng, 2.4, 3.6) * 10) / 10,
    cpuCores: pick(rng, [4, 6, 8]),
    memoryGb: pick(rng, [8, 8, 16]),
    diskGb: pick(rng, [256, 500, 512, 1000]),
    screenWidth: 1920,
    screenHeight: 1080,
    webcam: true,
    browserName: pick(rng, ['chrome', 'chrome', 'edge', 'firefox']),
    browserVersion: null,
    os: win11 ? 'Microsoft Windows 11 Pro 10.0.22631' : 'Microsoft Windows 10 Pro 10.0.19045',
    networkType: rng() < 0.9 ? 'wired' : 'wireless',
    networkMbps: null
  };
  facts.browserVersion = facts.browserName === 'firefox' ? '140.0.2' : '138.0.7204.101';
  facts.networkMbps = facts.networkType === 'wired' ? pick(rng, [100, 1000, 1000]) : null;
  if (!faults) return facts;

  const r = rng();
  if (r < 0.08) {
    // fails exactly one Lampiran II item
    const fail = pick(rng, ['memory', 'screen', 'cpu', 'webcam', 'disk'] as const);
    if (fail === 'memory') facts.memoryGb = 2;
    if (fail === 'screen') Object.assign(facts, { screenWidth: 1366, screenHeight: 768 });
    if (fail === 'cpu') facts.cpuGhz = 1.1;
    if (fail === 'webcam') facts.webcam = false;
    if (fail === 'disk') facts.diskGb = 100;
  } else if (r < 0.2) {
    // something the agent could not read on this PC
    const unknown = pick(rng, ['webcam', 'browserVersion', 'cpuGhz', 'screen'] as const);
    if (unknown === 'screen') Object.assign(facts, { screenWidth: null, screenHeight: null });
    else facts[unknown] = null;
  }
  return facts;
}

/** Extra latency per heartbeat: mostly 20–150 ms, occasionally a spike over the 300 ms limit. */
export function latencyModel(rng: Rng, faults: boolean): (measuredMs: number) => number {
  const base = between(rng, 15, 90);
  const spread = between(rng, 10, 55);
  // One station in ~15 sits on a flaky link that spikes often.
  const spikeP = !faults ? 0 : rng() < 0.07 ? 0.15 : 0.015;
  return (measured) => {
    const extra = rng() < spikeP ? between(rng, 320, 900) : base + spread * rng();
    return measured + extra;
  };
}

/** Bandwidth probe result without a download: 600–20,000 Kbps (log-uniform), a few links under 500. */
export function probeModel(rng: Rng, faults: boolean): ProbeFn {
  const slow = faults && rng() < 0.06;
  const center = slow ? between(rng, 150, 480) : Math.exp(between(rng, Math.log(600), Math.log(20_000)));
  return async ({ bytes }) => {
    const kbps = Math.max(50, center * between(rng, 0.85, 1.15));
    const ms = (bytes * 8) / kbps;
    // Take some real time so a dashboard sees the probe running, but never hold a test up.
    await new Promise((r) => setTimeout(r, Math.min(ms, 1500)));
    return toResult(bytes, ms);
  };
}
