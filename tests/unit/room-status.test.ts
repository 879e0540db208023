/**
 * Exam-day screens (issue 10): what of a room needs a look — the same rule on the room page and
 * the room list — the latency number agreeing with the station's state, and the desk naming a PC
 * that fails Lampiran II.
 */
import { describe, expect, it } from 'vitest';
import type { ParticipantView, StationView } from '../../server/protocol/index.ts';
import { isIdleSpare, needsAttention, tallyStations } from '../../server/protocol/room-status.ts';
import { complianceFailures, complianceSummary } from '../../server/domain/compliance.ts';
import { linkTone } from '../../web/src/lib/room/link.ts';
import { stationOptions } from '../../web/src/lib/components/registration/desk.ts';

const person = (over: Partial<ParticipantView> = {}) => ({ participantId: 1, nip: '199001012015031001', name: 'Budi', loggedIn: true, finished: false, ...over }) as ParticipantView;

function station(over: Partial<StationView> = {}): StationView {
  return {
    id: 1, code: 'R1-A01', row: 1, col: 1, spare: false, state: 'online', stateSince: 0, lastSeenAt: 0, rtt: 40, jit: 2, kbps: null,
    compliance: 'pass', complianceFails: [], enrolled: true, participant: null, attention: [], pinLockedUntil: null, pending: [], integrity: [],
    ...over
  } as StationView;
}

describe('room status', () => {
  it('an unenrolled spare nobody uses is idle: not offline, not a problem', () => {
    const idle = station({ spare: true, enrolled: false, state: 'offline' });
    expect(isIdleSpare(idle)).toBe(true);
    expect(needsAttention(idle)).toBe(false);
    const t = tallyStations([idle, station(), station({ state: 'offline' })]);
    expect(t).toMatchObject({ total: 3, online: 1, offline: 1, idle: 1, attention: 0 });
  });

  it('a spare that was set up, or that someone was seated at, counts as usual', () => {
    expect(isIdleSpare(station({ spare: true, enrolled: true, state: 'offline' }))).toBe(false);
    expect(isIdleSpare(station({ spare: true, enrolled: false, participant: person() }))).toBe(false);
  });

  it('a marker, or a participant at a PC failing Lampiran II, needs attention', () => {
    expect(needsAttention(station({ attention: [{ kind: 'degraded', at: 1 }] }))).toBe(true);
    const failing = station({ compliance: 'fail', complianceFails: ['webcam'] });
    expect(needsAttention(failing)).toBe(false); // nobody sits there: the desk warns instead
    expect(needsAttention({ ...failing, participant: person() })).toBe(true);
    const t = tallyStations([{ ...failing, participant: person() }, station({ participant: person({ finished: true }) })]);
    expect(t).toMatchObject({ attention: 1, complianceFail: 1, loggedIn: 2, finished: 1 });
  });
});

describe('the latency number agrees with the state', () => {
  it('one spike under "online" is a spike (amber), red only when degraded', () => {
    expect(linkTone('online', 874, 300)).toBe('spike');
    expect(linkTone('degraded', 874, 300)).toBe('over');
    expect(linkTone('degraded', 80, 300)).toBe('recovering');
    expect(linkTone('online', 80, 300)).toBe('ok');
    expect(linkTone('offline', 80, 300)).toBe('none');
    expect(linkTone('online', null, 300)).toBe('none');
  });
});

describe('Lampiran II failures are named', () => {
  const facts = {
    cpuModel: 'x', cpuGhz: 2.4, cpuCores: 4, memoryGb: 8, diskGb: 256, screenWidth: 1366, screenHeight: 768,
    webcam: false, browserName: 'Chrome', browserVersion: '131', os: 'Windows 11', networkType: 'wired' as const, networkMbps: 1000
  };
  it('the hub lists the failing hardware items', () => {
    expect(complianceSummary(facts)).toBe('fail');
    expect(complianceFailures(facts)).toEqual(['screen', 'webcam']);
    expect(complianceFailures(null)).toEqual([]);
  });
  it('the desk sees them on the PC it is about to seat someone at', () => {
    const opts = stationOptions([station({ id: 7, code: 'R1-A07', compliance: 'fail', complianceFails: ['webcam'] }), station({ id: 8, code: 'R1-A08' })], [], null);
    expect(opts.find((o) => o.id === 7)?.lamp2).toEqual(['webcam']);
    expect(opts.find((o) => o.id === 8)?.lamp2).toEqual([]);
  });
});
