import { describe, expect, it } from 'vitest';
import { countSample, isSilent, liveState, type LinkCounters, type StateConfig } from '../../server/domain/station-state.ts';

const cfg: StateConfig = { maxLatencyMs: 300, minBandwidthKbps: 500, degradeAfter: 2, offlineAfterMs: 6000 };
const fold = (rtts: (number | null)[], c: LinkCounters = { overStreak: 0, okStreak: 0 }) => rtts.reduce((acc, r) => countSample(acc, r, cfg), c);

describe('station connectivity state (Lampiran II limits)', () => {
  it('one spike over 300 ms is not yet degraded; two in a row are', () => {
    expect(liveState('online', fold([50, 320]), null, cfg).state).toBe('online');
    expect(liveState('online', fold([50, 320, 310]), null, cfg)).toMatchObject({ state: 'degraded', reason: 'latency', value: 2 });
  });
  it('exactly 300 ms is within the limit', () => {
    expect(liveState('online', fold([300, 300, 300]), null, cfg).state).toBe('online');
  });
  it('recovers only after two good heartbeats in a row (no flapping)', () => {
    const c = fold([400, 400, 100]);
    expect(liveState('degraded', c, null, cfg).state).toBe('degraded');
    expect(liveState('degraded', fold([100], c), null, cfg).state).toBe('online');
  });
  it('bandwidth under 500 Kbps degrades, whatever the latency', () => {
    expect(liveState('online', fold([20, 20]), 499, cfg)).toMatchObject({ state: 'degraded', reason: 'bandwidth', value: 499 });
    expect(liveState('online', fold([20, 20]), 500, cfg).state).toBe('online');
  });
  it('a heartbeat without a measurement changes nothing', () => {
    const c = fold([400]);
    expect(countSample(c, null, cfg)).toEqual(c);
  });
  it('offline after three silent intervals', () => {
    expect(isSilent(1000, 6999, cfg)).toBe(false);
    expect(isSilent(1000, 7000, cfg)).toBe(true);
    expect(isSilent(null, 0, cfg)).toBe(true);
  });
});
