/**
 * A station's facts checked against the minimum client specification of Perban BKN 4/2024
 * Lampiran II. Unknown facts stay unknown: the checklist (Lampiran I.B, B.1) must then be checked
 * by hand, so we never turn "could not read" into a pass.
 */
import { LAMPIRAN_II, type ComplianceItem, type ComplianceKey, type StationFacts } from '../../protocol/index.ts';

/** A 4 GB PC reports ~3.7–3.9 GB to the OS (firmware and GPU reservations); do not fail it for that. */
const MEMORY_RESERVED_GB = 0.35;

type Status = ComplianceItem['status'];
const atLeast = (v: number | null, min: number): Status => (v === null ? 'unknown' : v >= min ? 'pass' : 'fail');
const fmt = (v: number | null, unit: string, digits = 1) => (v === null ? null : `${+v.toFixed(digits)} ${unit}`);

export function checkFacts(
  facts: StationFacts | null,
  link: { rtt: number | null; kbps: number | null },
  limits: { maxLatencyMs: number; minBandwidthKbps: number } = LAMPIRAN_II
): ComplianceItem[] {
  const f = facts;
  const screenKnown = f?.screenWidth != null && f?.screenHeight != null;
  const browser = f?.browserName?.toLowerCase() ?? null;
  return [
    { key: 'cpu', required: `≥ ${LAMPIRAN_II.minCpuGhz} GHz`, actual: fmt(f?.cpuGhz ?? null, 'GHz', 2), status: atLeast(f?.cpuGhz ?? null, LAMPIRAN_II.minCpuGhz) },
    { key: 'memory', required: `≥ ${LAMPIRAN_II.minMemoryGb} GB`, actual: fmt(f?.memoryGb ?? null, 'GB'), status: atLeast(f?.memoryGb ?? null, LAMPIRAN_II.minMemoryGb - MEMORY_RESERVED_GB) },
    { key: 'disk', required: `≥ ${LAMPIRAN_II.minDiskGb} GB`, actual: fmt(f?.diskGb ?? null, 'GB', 0), status: atLeast(f?.diskGb ?? null, LAMPIRAN_II.minDiskGb) },
    {
      key: 'screen',
      required: `${LAMPIRAN_II.minScreenWidth} × ${LAMPIRAN_II.minScreenHeight}`,
      actual: screenKnown ? `${f!.screenWidth} × ${f!.screenHeight}` : null,
      status: !screenKnown ? 'unknown' : f!.screenWidth! >= LAMPIRAN_II.minScreenWidth && f!.screenHeight! >= LAMPIRAN_II.minScreenHeight ? 'pass' : 'fail'
    },
    { key: 'webcam', required: 'ada', actual: f?.webcam == null ? null : f.webcam ? 'ada' : 'tidak ada', status: f?.webcam == null ? 'unknown' : f.webcam ? 'pass' : 'fail' },
    {
      key: 'browser',
      required: 'Chrome / Firefox / Edge / browser BKN',
      actual: browser === null ? null : `${f!.browserName} ${f!.browserVersion ?? ''}`.trim(),
      status: browser === null ? 'unknown' : (LAMPIRAN_II.browsers as readonly string[]).some((b) => browser.includes(b)) ? 'pass' : 'fail'
    },
    { key: 'latency', required: `≤ ${limits.maxLatencyMs} ms`, actual: fmt(link.rtt, 'ms', 0), status: link.rtt === null ? 'unknown' : link.rtt <= limits.maxLatencyMs ? 'pass' : 'fail' },
    { key: 'bandwidth', required: `≥ ${limits.minBandwidthKbps} Kbps`, actual: fmt(link.kbps, 'Kbps', 0), status: atLeast(link.kbps, limits.minBandwidthKbps) }
  ];
}

const hardware = (facts: StationFacts) => checkFacts(facts, { rtt: null, kbps: null }).filter((i) => i.key !== 'latency' && i.key !== 'bandwidth');

/** The hardware part only (latency and bandwidth have their own live state). */
export function complianceSummary(facts: StationFacts | null): 'pass' | 'fail' | 'unknown' {
  if (!facts) return 'unknown';
  const items = hardware(facts);
  if (items.some((i) => i.status === 'fail')) return 'fail';
  if (items.some((i) => i.status === 'unknown')) return 'unknown';
  return 'pass';
}

/** The hardware items the facts fail (no webcam, a small screen …): what the tile and the desk name. */
export function complianceFailures(facts: StationFacts | null): ComplianceKey[] {
  return facts ? hardware(facts).filter((i) => i.status === 'fail').map((i) => i.key) : [];
}
