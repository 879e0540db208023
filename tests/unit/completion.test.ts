/**
 * Who completed the whole series (every instrument and the questionnaire, SE BKN 6/2026 §5.g.1–2),
 * the reason suggested for each one who did not, the note "other" needs, and the finalise guard
 * that refuses while a reason is missing or when nobody started (Perban BKN 4/2024 Pasal 14(1)l–m).
 */
import { describe, expect, it } from 'vitest';
import { INSTRUMENTS, NON_COMPLETION_REASONS, NON_COMPLETION_WORDS, type ParticipantEvent } from '../../protocol/index.ts';
import { words } from '../../protocol/messages/index.ts';
import {
  checkReason, completedSeries, completionRefusal, endAskedAt, foldViews, progressOf, suggestReason, NAMES_LISTED,
  type RosterEntry, type StoredAction, type StoredEvent
} from '../../server/domain/completion.ts';
import { checkTransition, previewTransition, type LifecycleFacts } from '../../server/domain/session-lifecycle.ts';

const MIN = 60_000;
const DURATION = 180 * MIN;
const T0 = 1_800_000_000_000;
const roster: RosterEntry[] = [
  { participantId: 1, nip: '199001012015031001', name: 'Ani', attendance: 'present' },
  { participantId: 2, nip: '199001012015031002', name: 'Budi', attendance: 'absent' },
  { participantId: 3, nip: '199001012015031003', name: 'Citra', attendance: 'present' },
  { participantId: 4, nip: '199001012015031004', name: 'Dedi', attendance: 'present' }
];
let seq = 0;
const ev = (participantId: number, e: Omit<ParticipantEvent, 'seq'>): StoredEvent => ({ participantId, event: { seq: ++seq, ...e } as ParticipantEvent });
const login = (pid: number, at: number) => ev(pid, { type: 'login', nip: roster[pid - 1].nip, at } as never);
/** every instrument through, then finished and (optionally) the questionnaire */
const wholeSet = (pid: number, at: number, questionnaire = true): StoredEvent[] => [
  login(pid, at),
  ...INSTRUMENTS.map((instrument, i) => ev(pid, { type: 'progress', instrument, percent: 100, at: at + (i + 1) * 20 * MIN } as never)),
  ev(pid, { type: 'finished', at: at + 110 * MIN } as never),
  ...(questionnaire ? [ev(pid, { type: 'questionnaire', at: at + 115 * MIN } as never)] : [])
];

describe('completed = every instrument and the questionnaire (SE BKN 6/2026 §5.g.1)', () => {
  it('finished with the questionnaire completes; finished without it does not; someone who never logged in has no view', () => {
    const views = foldViews(roster, [...wholeSet(1, T0), ...wholeSet(3, T0, false)], [], DURATION);
    expect(completedSeries(views.get(1)!)).toBe(true);
    expect(completedSeries(views.get(3)!)).toBe(false);
    expect(views.get(3)).toMatchObject({ finished: true, questionnaire: false });
    expect(views.get(2)).toBeNull();
    expect(completedSeries(null)).toBe(false);
  });
  it('events of someone not on the roster, or without a participant, are left out', () => {
    const stranger: StoredEvent = { participantId: 99, event: { seq: 1, type: 'login', nip: '199001012015031099', at: T0 } as never };
    const views = foldViews(roster, [{ participantId: null, event: { seq: 2, type: 'login', nip: 'x', at: T0 } as never }, stranger], [], DURATION);
    expect([...views.keys()]).toEqual([1, 2, 3, 4]);
    expect([...views.values()].every((v) => v === null)).toBe(true);
  });
  it('progress is the whole set\'s percentage, from the stored events wherever the participant sat', () => {
    const views = foldViews(roster, [login(4, T0), ev(4, { type: 'progress', instrument: 'potensi', percent: 50, at: T0 + 30 * MIN } as never)], [], DURATION);
    const p = progressOf(views.get(4)!, null, DURATION);
    expect(p).toMatchObject({ started: true, instrument: 'potensi', overallPercent: 30, finished: false, questionnaire: false, deadlineAt: T0 + DURATION });
  });
});

describe('the suggested reason, which the proctor confirms', () => {
  const closedAt = T0 + 200 * MIN;
  it('recorded absent at the desk and never logged in → absent', () => {
    expect(suggestReason('absent', progressOf(null, null, DURATION), closedAt)).toBe('absent');
  });
  it('present but never logged in → none suggested', () => {
    expect(suggestReason('present', progressOf(null, null, DURATION), closedAt)).toBeNull();
  });
  it('a proctor\'s end before the deadline → ended_by_proctor (asked, even while the PC had not confirmed it)', () => {
    const views = foldViews(roster, [login(4, T0)], [], DURATION);
    const actions: StoredAction[] = [{ participantId: 4, kind: 'end', minutes: null, requestedAt: T0 + 60 * MIN, ackedAt: null, result: null }];
    const p = progressOf(views.get(4)!, endAskedAt(actions, 4), DURATION);
    expect(p.endedAt).toBe(T0 + 60 * MIN);
    expect(suggestReason('present', p, closedAt)).toBe('ended_by_proctor');
  });
  it('an end the station refused does not count', () => {
    expect(endAskedAt([{ participantId: 4, kind: 'end', minutes: null, requestedAt: T0, ackedAt: T0 + 1, result: 'refused' }], 4)).toBeNull();
  });
  it('ran until the deadline without finishing → time_out; the time added and paused moves the deadline', () => {
    const views = foldViews(roster, [login(4, T0)], [], DURATION);
    expect(suggestReason('present', progressOf(views.get(4)!, null, DURATION), T0 + DURATION)).toBe('time_out');
    const added: StoredAction[] = [{ participantId: 4, kind: 'add_time', minutes: 15, requestedAt: T0 + MIN, ackedAt: T0 + MIN, result: 'applied' }];
    const later = foldViews(roster, [login(4, T0)], added, DURATION);
    const p = progressOf(later.get(4)!, null, DURATION);
    expect(p.deadlineAt).toBe(T0 + DURATION + 15 * MIN);
    expect(suggestReason('present', p, T0 + DURATION)).toBeNull();
    expect(suggestReason('present', p, T0 + DURATION + 15 * MIN)).toBe('time_out');
  });
  it('ended by the proctor after their time had run out is a time-out', () => {
    const views = foldViews(roster, [login(4, T0)], [], DURATION);
    expect(suggestReason('present', progressOf(views.get(4)!, T0 + DURATION + MIN, DURATION), closedAt)).toBe('time_out');
  });
  it('logged in, unfinished, neither ended nor out of time → none suggested', () => {
    const views = foldViews(roster, [login(4, T0)], [], DURATION);
    expect(suggestReason('present', progressOf(views.get(4)!, null, DURATION), T0 + 60 * MIN)).toBeNull();
  });
});

describe('a reason as given', () => {
  it('"other" needs a note; the others do not; a note has a limit', () => {
    expect(checkReason('other', undefined)).toEqual({ code: 'completion.noteRequired' });
    expect(checkReason('other', '   ')).toEqual({ code: 'completion.noteRequired' });
    expect(checkReason('other', 'sakit mendadak')).toBeNull();
    expect(checkReason('technical', undefined)).toBeNull();
    expect(checkReason('left', 'x'.repeat(501))).toEqual({ code: 'completion.noteTooLong', params: { max: 500 } });
  });
  it('every reason has words in both languages', () => {
    for (const r of NON_COMPLETION_REASONS) {
      expect(NON_COMPLETION_WORDS[r].id.length).toBeGreaterThan(0);
      expect(NON_COMPLETION_WORDS[r].en.length).toBeGreaterThan(0);
    }
    expect(NON_COMPLETION_WORDS.absent.id).toBe('Tidak hadir');
  });
});

describe('the finalise guard (Pasal 14(1)l–m)', () => {
  const finished = (completion: LifecycleFacts['completion']): LifecycleFacts => ({
    state: 'finished', checklist: { complete: true, conclusion: 'layak' }, pinActive: false,
    attendance: { expected: 0, present: 3, absent: 1 }, working: 0, completion
  });
  it('everyone completed or has a reason → finalised', () => {
    expect(checkTransition(finished({ unexplained: [], started: true }), { action: 'finalise' })).toMatchObject({ ok: true, to: 'finalised' });
  });
  it('someone without a reason → refused, naming them, in both languages; a reason for the step does not help', () => {
    const v = checkTransition(finished({ unexplained: ['Budi', 'Citra'], started: true }), { action: 'finalise', reason: 'tutup' });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.msg).toEqual({ code: 'session.completionMissing', params: { names: ['Budi', 'Citra'], more: 0 } });
    const w = words(v.msg);
    expect(w.pesan).toContain('2 peserta tidak menyelesaikan seluruh rangkaian dan belum diberi alasan: Budi, Citra.');
    expect(w.message).toContain('2 participants did not complete the whole series and have no reason yet: Budi, Citra.');
  });
  it('lists the first ten by name and "and N more"', () => {
    const names = Array.from({ length: 14 }, (_, i) => `Peserta ${i + 1}`);
    const m = completionRefusal({ unexplained: names, started: true })!;
    expect(m).toEqual({ code: 'session.completionMissing', params: { names: names.slice(0, NAMES_LISTED), more: 4 } });
    expect(words(m).pesan).toContain('Peserta 10, dan 4 lainnya.');
    expect(words(m).message).toContain('14 participants');
    expect(words(m).message).toContain('Peserta 10, and 4 more.');
  });
  it('nobody started → refused with "postpone or cancel it instead", before any missing reason', () => {
    const v = checkTransition(finished({ unexplained: ['Ani', 'Budi'], started: false }), { action: 'finalise' });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.msg).toEqual({ code: 'session.nobodyStarted' });
    expect(words(v.msg).pesan).toMatch(/Tunda atau batalkan sesi ini/);
    expect(words(v.msg).message).toMatch(/Postpone or cancel the session instead/);
  });
  it('still working or someone inside come first (their own messages)', () => {
    const v = checkTransition({ ...finished({ unexplained: ['Budi'], started: true }), working: 1 }, { action: 'finalise' });
    expect(!v.ok && v.msg.code).toBe('session.finaliseWorking');
  });
  it('the preview says it, from the same rule', () => {
    const p = previewTransition(finished({ unexplained: ['Budi'], started: true }), 'finalise');
    expect(p.verdicts.plain).toMatchObject({ ok: false, messageCode: 'session.completionMissing', params: { names: ['Budi'], more: 0 } });
    expect(p.verdicts.withReason).toMatchObject({ ok: false, messageCode: 'session.completionMissing' });
  });
});
