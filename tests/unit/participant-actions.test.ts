import { describe, expect, it } from 'vitest';
import { applyAction, applyEvent, deadlineOf, emptyParticipant, isStalled, type AppliedAction } from '../../server/domain/progress.ts';
import type { ParticipantEvent, ParticipantView } from '../../protocol/index.ts';

const NIP = '198503102010121001';
const MIN = 60_000;
const D = 180 * MIN;
const T0 = Date.UTC(2026, 4, 12, 1, 0);
const roster = (nip: string) => (nip === NIP ? { participantId: 7, nip, name: 'Dewi Lestari', attendance: 'present' as const, late: true } : null);
const login = (prev: ParticipantView | null, at: number) => applyEvent(prev, { type: 'login', nip: NIP, at, seq: 1 } as ParticipantEvent, roster, D);
const act = (p: ParticipantView | null, kind: AppliedAction['kind'], at: number, minutes: number | null = null) => applyAction(p, { kind, at, minutes }, D);
const started = () => login(null, T0)!;

describe('the new participant fields', () => {
  it('start empty and take attendance and lateness from the roster', () => {
    expect(emptyParticipant({ participantId: 1, nip: NIP, name: 'X' })).toMatchObject({
      attendance: null, late: false, pausedAt: null, pausedMs: 0, extraMin: 0, endedAt: null
    });
    expect(started()).toMatchObject({ attendance: 'present', late: true, deadlineAt: T0 + D });
  });
  it('deadlineOf is null before the first login', () => {
    expect(deadlineOf(emptyParticipant({ participantId: 1, nip: NIP, name: 'X' }), D)).toBeNull();
  });
});

describe('proctor actions on a participant', () => {
  it('pause then resume moves the deadline by the time paused', () => {
    const paused = act(started(), 'pause', T0 + 30 * MIN)!;
    expect(paused).toMatchObject({ pausedAt: T0 + 30 * MIN, pausedMs: 0, deadlineAt: T0 + D });
    const resumed = act(paused, 'resume', T0 + 42 * MIN)!;
    expect(resumed).toMatchObject({ pausedAt: null, pausedMs: 12 * MIN, deadlineAt: T0 + D + 12 * MIN });
    const twice = act(act(resumed, 'pause', T0 + 60 * MIN), 'resume', T0 + 63 * MIN)!;
    expect(twice).toMatchObject({ pausedMs: 15 * MIN, deadlineAt: T0 + D + 15 * MIN });
  });
  it('a second pause does not restart the pause; resume without a pause changes nothing', () => {
    const paused = act(act(started(), 'pause', T0 + 10 * MIN), 'pause', T0 + 20 * MIN)!;
    expect(paused.pausedAt).toBe(T0 + 10 * MIN);
    expect(act(started(), 'resume', T0 + 10 * MIN)).toMatchObject({ pausedMs: 0, deadlineAt: T0 + D });
  });
  it('add time extends the deadline and accumulates', () => {
    const p = act(act(started(), 'add_time', T0 + MIN, 10), 'add_time', T0 + 2 * MIN, 5)!;
    expect(p).toMatchObject({ extraMin: 15, deadlineAt: T0 + D + 15 * MIN });
  });
  it('end records when; a running pause counts as paused time; an ended test cannot be paused', () => {
    const paused = act(started(), 'pause', T0 + 30 * MIN)!;
    const ended = act(paused, 'end', T0 + 40 * MIN)!;
    expect(ended).toMatchObject({ endedAt: T0 + 40 * MIN, pausedAt: null, pausedMs: 10 * MIN, deadlineAt: T0 + D + 10 * MIN });
    expect(act(ended, 'pause', T0 + 50 * MIN)!.pausedAt).toBeNull();
    expect(act(ended, 'end', T0 + 60 * MIN)!.endedAt).toBe(T0 + 40 * MIN);
  });
  it('added and paused time survive logging in again', () => {
    let p = act(act(started(), 'add_time', T0 + MIN, 10), 'pause', T0 + 5 * MIN);
    p = act(p, 'resume', T0 + 8 * MIN);
    p = applyEvent(p, { type: 'logout', at: T0 + 9 * MIN, seq: 2 } as ParticipantEvent, roster, D);
    p = login(p, T0 + 11 * MIN)!;
    expect(p).toMatchObject({ startedAt: T0, extraMin: 10, pausedMs: 3 * MIN, deadlineAt: T0 + D + 13 * MIN });
  });
  it('an action for nobody is nothing', () => {
    expect(act(null, 'pause', T0)).toBeNull();
  });
});

describe('stall detection around actions', () => {
  const STALL = 10 * MIN;
  it('a paused participant is not stalled however long the pause', () => {
    const paused = act(started(), 'pause', T0 + MIN)!;
    expect(isStalled(started(), T0 + STALL, STALL)).toBe(true);
    expect(isStalled(paused, T0 + 60 * MIN, STALL)).toBe(false);
  });
  it('after resuming, the stall time runs from the resume', () => {
    const resumed = act(act(started(), 'pause', T0 + MIN), 'resume', T0 + 30 * MIN)!;
    expect(isStalled(resumed, T0 + 30 * MIN + STALL - 1, STALL)).toBe(false);
    expect(isStalled(resumed, T0 + 30 * MIN + STALL, STALL)).toBe(true);
  });
  it('an ended participant is not stalled', () => {
    expect(isStalled(act(started(), 'end', T0 + MIN), T0 + 60 * MIN, STALL)).toBe(false);
  });
});
