import { describe, expect, it } from 'vitest';
import { checkFacts, complianceSummary } from '../../server/domain/compliance.ts';
import type { StationFacts } from '../../protocol/index.ts';

const good: StationFacts = {
  cpuModel: 'i5', cpuGhz: 1.6, cpuCores: 4, memoryGb: 3.8, diskGb: 120, screenWidth: 1920, screenHeight: 1080,
  webcam: true, browserName: 'Firefox', browserVersion: '133', os: 'Windows 10', networkType: 'wired', networkMbps: 100
};
const status = (f: StationFacts | null, key: string) => checkFacts(f, { rtt: null, kbps: null }).find((i) => i.key === key)!.status;

describe('Lampiran II check of station facts', () => {
  it('passes a PC exactly at the minimums (a 4 GB PC reporting 3.8 GB usable passes)', () => {
    expect(complianceSummary(good)).toBe('pass');
  });
  it('fails each item under its minimum', () => {
    expect(status({ ...good, cpuGhz: 1.5 }, 'cpu')).toBe('fail');
    expect(status({ ...good, memoryGb: 2 }, 'memory')).toBe('fail');
    expect(status({ ...good, diskGb: 100 }, 'disk')).toBe('fail');
    expect(status({ ...good, screenWidth: 1366, screenHeight: 768 }, 'screen')).toBe('fail');
    expect(status({ ...good, webcam: false }, 'webcam')).toBe('fail');
    expect(status({ ...good, browserName: 'Internet Explorer' }, 'browser')).toBe('fail');
    expect(complianceSummary({ ...good, webcam: false })).toBe('fail');
  });
  it('keeps unknown facts unknown, never a pass', () => {
    expect(status({ ...good, webcam: null }, 'webcam')).toBe('unknown');
    expect(complianceSummary({ ...good, webcam: null })).toBe('unknown');
    expect(complianceSummary(null)).toBe('unknown');
    expect(checkFacts(null, { rtt: null, kbps: null }).every((i) => i.status === 'unknown')).toBe(true);
  });
  it('checks latency and bandwidth against the configured limits', () => {
    const items = checkFacts(good, { rtt: 301, kbps: 499 });
    expect(items.find((i) => i.key === 'latency')!.status).toBe('fail');
    expect(items.find((i) => i.key === 'bandwidth')!.status).toBe('fail');
    expect(checkFacts(good, { rtt: 300, kbps: 500 }).filter((i) => i.status !== 'pass')).toEqual([]);
  });
});
