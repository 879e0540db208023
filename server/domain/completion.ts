/**
 * Who completed the whole series, and a suggested reason for each one who did not (SE BKN 6/2026
 * §5.g.1–2: a ProASN result exists only for every instrument and the questionnaire; Perban BKN
 * 4/2024 Pasal 14(1)l–m, 14(3)–(4): the lists issued at finalisation). Pure: the stored events and
 * proctor actions of a session are folded the way the live room folds them (progress.ts), so the
 * dialog, the finalise guard and the documents agree with what the tiles showed.
 */
import {
  NOTE_REQUIRED, NON_COMPLETION_NOTE_MAX,
  type AttendanceStatus, type CompletionProgress, type NonCompletionReason, type ParticipantActionKind, type ParticipantEvent, type ParticipantView
} from '../../protocol/index.ts';
import { msg, type Msg } from '../../protocol/messages/index.ts';
import { applyAction, applyEvent, deadlineOf, type Roster } from './progress.ts';

export type RosterEntry = { participantId: number; nip: string; name: string; attendance: AttendanceStatus };
export type StoredEvent = { participantId: number | null; event: ParticipantEvent };
/** A proctor action as stored: `result` null while the station has not answered. */
export type StoredAction = { participantId: number; kind: ParticipantActionKind; minutes: number | null; requestedAt: number; ackedAt: number | null; result: string | null };

/**
 * Each roster participant's view folded from the stored events (by participant, wherever they sat)
 * and the applied proctor actions. Someone who never logged in has no view (null).
 */
export function foldViews(roster: readonly RosterEntry[], events: readonly StoredEvent[], actions: readonly StoredAction[], durationMs: number): Map<number, ParticipantView | null> {
  const byNip = new Map<string, Roster>(roster.map((r) => [r.nip, { participantId: r.participantId, nip: r.nip, name: r.name, attendance: r.attendance }]));
  const views = new Map<number, ParticipantView | null>(roster.map((r) => [r.participantId, null]));
  for (const { participantId, event } of events) {
    if (participantId === null || !views.has(participantId)) continue;
    views.set(participantId, applyEvent(views.get(participantId) ?? null, event, (nip) => byNip.get(nip) ?? null, durationMs));
  }
  const applied = actions.filter((a) => a.result === 'applied' && a.ackedAt !== null).sort((x, y) => x.ackedAt! - y.ackedAt!);
  for (const a of applied) {
    const v = views.get(a.participantId);
    if (v) views.set(a.participantId, applyAction(v, { kind: a.kind, minutes: a.minutes, at: a.ackedAt! }, durationMs));
  }
  return views;
}

/** Every instrument and the questionnaire (SE BKN 6/2026 §5.g.1). */
export const completedSeries = (v: ParticipantView | null): boolean => !!v && v.finished && v.questionnaire;

/** How far they got; `endedAt`: when the proctor's end took effect, else when it was asked (offline PC). */
export function progressOf(v: ParticipantView | null, endAskedAt: number | null, durationMs: number): CompletionProgress {
  if (!v) return { started: false, instrument: null, overallPercent: 0, finished: false, questionnaire: false, endedAt: endAskedAt, deadlineAt: null };
  return {
    started: v.startedAt !== null, instrument: v.instrument, overallPercent: v.overallPercent, finished: v.finished, questionnaire: v.questionnaire,
    endedAt: v.endedAt ?? endAskedAt, deadlineAt: deadlineOf(v, durationMs)
  };
}

/** The first 'end' a proctor asked for a participant that the station did not refuse. */
export function endAskedAt(actions: readonly StoredAction[], participantId: number): number | null {
  let at: number | null = null;
  for (const a of actions) {
    if (a.participantId === participantId && a.kind === 'end' && a.result !== 'refused' && (at === null || a.requestedAt < at)) at = a.requestedAt;
  }
  return at;
}

/**
 * What the record says, for the proctor to confirm: recorded absent at the desk → absent; their
 * time ran out before anything else stopped them → time_out; a proctor's end → ended_by_proctor;
 * otherwise (logged in but unfinished, or present but never logged in) nothing is suggested.
 * `closedAt`: when the test was closed for everyone (the session's finish).
 */
export function suggestReason(attendance: AttendanceStatus, p: CompletionProgress, closedAt: number): NonCompletionReason | null {
  if (attendance === 'absent' && !p.started) return 'absent';
  if (!p.started) return null;
  const stoppedAt = Math.min(p.endedAt ?? Infinity, closedAt);
  if (p.deadlineAt !== null && p.deadlineAt <= stoppedAt) return 'time_out';
  if (p.endedAt !== null) return 'ended_by_proctor';
  return null;
}

/** A reason as given: 'other' says what in a note; a note is never longer than the limit. */
export function checkReason(reason: NonCompletionReason, note: string | undefined): Msg | null {
  const text = note?.trim() ?? '';
  if (NOTE_REQUIRED.includes(reason) && text.length === 0) return msg('completion.noteRequired');
  if (text.length > NON_COMPLETION_NOTE_MAX) return msg('completion.noteTooLong', { max: NON_COMPLETION_NOTE_MAX });
  return null;
}

/** How many names a refusal lists before "and N more". */
export const NAMES_LISTED = 10;

/** The finalise guard's facts: who did not complete and has no reason yet (names), and whether anyone started. */
export type CompletionFacts = { unexplained: readonly string[]; started: boolean };

/**
 * Finalising (Pasal 14(1)l–m) needs a reason for everyone who did not complete; a session nobody
 * started has no test to record and is not finalised at all.
 */
export function completionRefusal(f: CompletionFacts): Msg | null {
  if (!f.started) return msg('session.nobodyStarted');
  if (f.unexplained.length > 0) {
    return msg('session.completionMissing', { names: f.unexplained.slice(0, NAMES_LISTED), more: Math.max(0, f.unexplained.length - NAMES_LISTED) });
  }
  return null;
}

