/**
 * Exam-day screens: what of a room needs a look — the same rule on the room page and
 * the room list — the latency number agreeing with the station's state, and the desk naming a PC
 * that fails Lampiran II.
 */
import { describe, expect, it } from 'vitest';
import type { ParticipantView, StationView } from '../../protocol/index.ts';
import { isIdleSpare, needsAttention, tallyStations } from '../../protocol/room-status.ts';
import { complianceFailures, complianceSummary } from '../../server/domain/compliance.ts';
import { linkTone } from '../../web/src/lib/room/link.ts';
import { stationOptions } from '../../web/src/lib/components/registration/desk.ts';
import { LINES, baseRem, layoutCells, rowHeights, rowWindow } from '../../web/src/lib/room/grid-layout.ts';

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

describe('a large room draws only the rows near the screen', () => {
  const st = (id: number, row: number, col: number, over: Partial<StationView> = {}) => station({ id, code: `R1-${row}-${col}`, row, col, ...over });

  it('places seats on the floor plan, or lists them cols to a row', () => {
    const list = [st(1, 1, 1), st(2, 1, 2), st(3, 2, 1)];
    expect(layoutCells(list, true, 2, 3)).toMatchObject({ rows: 3, cells: [{ row: 1, col: 1 }, { row: 1, col: 2 }, { row: 2, col: 1 }] });
    expect(layoutCells(list, false, 2, 0)).toMatchObject({ rows: 2, cells: [{ row: 1, col: 1 }, { row: 1, col: 2 }, { row: 2, col: 1 }] });
  });

  it('a row is as tall as its tallest tile: the base lines plus one line per extra', () => {
    const base = baseRem('mini');
    const { cells, rows } = layoutCells([st(1, 1, 1, { attention: [{ kind: 'offline', at: 1 }], compliance: 'fail', complianceFails: ['webcam'] }), st(2, 2, 1)], true, 1, 3);
    const h = rowHeights(cells, rows, 'mini');
    expect(h[1]).toBeCloseTo(base);
    expect(h[2]).toBeCloseTo(base);
    expect(h[0]).toBeCloseTo(base + 2 * (LINES.extra + LINES.gap));
    expect(baseRem('normal')).toBeCloseTo(base + LINES.nip + LINES.gap);
  });

  it('draws the rows overlapping the screen and its margin', () => {
    const px = [100, 100, 100, 100, 100];
    expect(rowWindow(px, 10, 0, 150, 0)).toEqual([1, 2]);
    expect(rowWindow(px, 10, 230, 300, 0)).toEqual([3, 3]);
    expect(rowWindow(px, 10, 230, 300, 100)).toEqual([2, 4]);
    expect(rowWindow(px, 10, 5000, 5500, 0)).toEqual([1, 0]);
  });
});
