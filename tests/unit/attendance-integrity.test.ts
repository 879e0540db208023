/**
 * Who sat the test must match who the desk let in. Perban BKN 4/2024 Pasal 14(1)e
 * (identity checked before entering the room), 14(1)g (the team directs each participant to their
 * seat), 14(1)j (every participant can log in), 14(2)a–b (the desk registers and matches face,
 * participant card and identity card); Lampiran I.A 1.a (registration at the latest 60 minutes
 * before the test).
 */
import { describe, expect, it } from 'vitest';
import {
  absenceProblem, absentAtStart, admitLogin, integrityFlags, type SeatedStation, type Seats
} from '../../server/domain/attendance-integrity.ts';
import { emptyParticipant } from '../../server/domain/progress.ts';
import type { AttendanceStatus, ParticipantView } from '../../protocol/index.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 4, 12, 1, 0); // 08:00 WIB

describe('a login with the right PIN (Pasal 14(1)e, 14(2)a–b)', () => {
  it('someone registered present is admitted under either rule', () => {
    expect(admitLogin('present', 'refuse')).toBe('admit');
    expect(admitLogin('present', 'flag')).toBe('admit');
  });
  it('someone not registered present — expected, absent, or not on the roster — is refused by default', () => {
    for (const a of ['expected', 'absent', null] as const) expect(admitLogin(a, 'refuse')).toBe('refuse');
  });
  it('a flag-only venue admits them, flagged', () => {
    for (const a of ['expected', 'absent', null] as const) expect(admitLogin(a, 'flag')).toBe('flag');
  });
  it('without a NIP the PIN cannot say who it is: admitted, the login event is checked when it comes', () => {
    expect(admitLogin(undefined, 'refuse')).toBe('admit');
  });
});

/** A participant view as the hub holds it: `loginAt` null = seated there, not logged in. */
function view(pid: number | null, nip: string, attendance: AttendanceStatus | null, loginAt: number | null): ParticipantView {
  const p = emptyParticipant({ participantId: pid, nip, name: `Peserta ${nip.slice(-3)}`, attendance });
  return loginAt === null ? p : { ...p, loggedIn: true, startedAt: loginAt, loginAt, lastProgressAt: loginAt };
}
const NIP = (i: number) => `19850310201012100${i}`;
const st = (id: number, participant: ParticipantView | null): SeatedStation => ({ id, code: `A0${id}`, participant });
const kinds = (m: Map<number, { kind: string }[]>) => Object.fromEntries([...m].map(([id, fs]) => [id, fs.map((f) => f.kind)]));

describe('the flags of a room (Pasal 14(1)g, 14(1)j, 14(2)a–b)', () => {
  const seats: Seats = new Map([[1, 1], [2, 2], [3, null]]);
  it('everyone at their seat, registered: no flags', () => {
    const m = integrityFlags([st(1, view(1, NIP(1), 'present', T0)), st(2, view(2, NIP(2), 'present', null))], seats, []);
    expect(m.size).toBe(0);
  });
  it('logged in without being registered present: unregistered, on the PC used', () => {
    for (const a of ['expected', 'absent', null] as const) {
      const m = integrityFlags([st(1, view(1, NIP(1), a, T0))], seats, []);
      expect(kinds(m)).toEqual({ 1: ['unregistered'] });
      expect(m.get(1)![0]).toMatchObject({ participantId: 1, nip: NIP(1), since: T0 });
    }
  });
  it('someone not on the roster at all is flagged by NIP', () => {
    const m = integrityFlags([st(4, view(null, NIP(9), null, T0))], seats, []);
    expect(m.get(4)).toEqual([expect.objectContaining({ kind: 'unregistered', participantId: null, nip: NIP(9) })]);
  });
  it('seated but not logged in yet: nothing to flag, whatever the desk says', () => {
    expect(integrityFlags([st(1, view(1, NIP(1), 'expected', null))], seats, []).size).toBe(0);
  });
  it('logged in at another PC than the seat: wrong_pc on the PC used, seated_here on the seat, naming each other', () => {
    // participant 1, seated at A01, logs in at A04 (a free PC)
    const m = integrityFlags([st(1, view(1, NIP(1), 'present', null)), st(4, view(1, NIP(1), 'present', T0))], seats, []);
    expect(kinds(m)).toEqual({ 4: ['wrong_pc'], 1: ['seated_here'] });
    expect(m.get(4)![0]).toMatchObject({ otherStationId: 1, otherCode: 'A01' });
    expect(m.get(1)![0]).toMatchObject({ otherStationId: 4, otherCode: 'A04' });
  });
  it('unregistered and at the wrong PC: both flags on the PC used', () => {
    const m = integrityFlags([st(1, view(1, NIP(1), 'expected', null)), st(4, view(1, NIP(1), 'expected', T0))], seats, []);
    expect(kinds(m)).toEqual({ 4: ['unregistered', 'wrong_pc'], 1: ['seated_here'] });
  });
  it('unseated: a login at a free PC contradicts nothing; at another participant\'s seat it does', () => {
    expect(integrityFlags([st(5, view(3, NIP(3), 'present', T0))], seats, []).size).toBe(0);
    const m = integrityFlags([st(2, view(3, NIP(3), 'present', T0))], seats, []);
    expect(m.get(2)).toEqual([expect.objectContaining({ kind: 'wrong_pc', otherStationId: null, otherCode: null })]);
  });
  it('a participant is where they logged in last: back at the seat, the earlier PC is no longer flagged', () => {
    const m = integrityFlags([st(1, view(1, NIP(1), 'present', T0 + 5 * MIN)), st(4, { ...view(1, NIP(1), 'present', T0), loggedIn: false })], seats, []);
    expect(m.size).toBe(0);
  });
  it('sent back: the decision clears the flag of that login; a later login there flags again', () => {
    const stations = [st(1, view(1, NIP(1), 'present', null)), st(4, view(1, NIP(1), 'present', T0))];
    expect(integrityFlags(stations, seats, [{ participantId: 1, stationId: 4, loginAt: T0 }]).size).toBe(0);
    const again = [st(1, view(1, NIP(1), 'present', null)), st(4, view(1, NIP(1), 'present', T0 + MIN))];
    expect(kinds(integrityFlags(again, seats, [{ participantId: 1, stationId: 4, loginAt: T0 }]))).toEqual({ 4: ['wrong_pc'], 1: ['seated_here'] });
  });
  it('a decision about another PC does not clear this one', () => {
    const stations = [st(1, view(1, NIP(1), 'present', null)), st(4, view(1, NIP(1), 'present', T0))];
    expect(integrityFlags(stations, seats, [{ participantId: 1, stationId: 5, loginAt: T0 }]).size).toBe(2);
  });
  it('the seat moved to the PC used: no flags', () => {
    const moved: Seats = new Map([[1, 4]]);
    expect(integrityFlags([st(4, view(1, NIP(1), 'present', T0))], moved, []).size).toBe(0);
  });
});

describe('recording someone absent (Lampiran I.A 1.a: nobody who logged in is absent)', () => {
  const scheduledAt = T0;
  const cutoff = T0 - 60 * MIN;
  it('before the registration cut-off nobody is absent yet', () => {
    expect(absenceProblem({ now: cutoff - MIN, scheduledAt, state: 'open', loggedIn: false })).toMatchObject({ code: 'before_cutoff', cutoff });
    expect(absenceProblem({ now: cutoff, scheduledAt, state: 'open', loggedIn: false })).toMatchObject({ code: 'before_cutoff' });
  });
  it('after the cut-off, or once the test runs, an absence may be recorded', () => {
    expect(absenceProblem({ now: cutoff + 1, scheduledAt, state: 'open', loggedIn: false })).toBeNull();
    expect(absenceProblem({ now: cutoff - 30 * MIN, scheduledAt, state: 'running', loggedIn: false })).toBeNull();
  });
  it('someone who has logged in is never absent, whenever', () => {
    for (const state of ['open', 'running'] as const) {
      expect(absenceProblem({ now: T0 + 30 * MIN, scheduledAt, state, loggedIn: true })).toMatchObject({ code: 'logged_in' });
    }
  });
  it('the start with "mark the rest absent" leaves out whoever logged in', () => {
    expect(absentAtStart([11, 12, 13, 14], new Set([12, 14, 99]))).toEqual({ absent: [11, 13], loggedIn: [12, 14] });
    expect(absentAtStart([], new Set([1]))).toEqual({ absent: [], loggedIn: [] });
  });
});
