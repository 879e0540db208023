/**
 * A participant's progress through the ProASN set, folded from the events the exam application
 * reports through the agent. The set is one inseparable unit (SE BKN 6/2026 §5.g.1): a participant
 * who does not finish all five instruments gets no result (§5.g.2), so the dashboard shows progress
 * over the whole set, and "finished" only when the exam application says all parts are done.
 */
import {
  INSTRUMENTS, type AttendanceStatus, type ParticipantActionKind, type ParticipantEvent, type ParticipantView
} from '../../protocol/index.ts';

/** `attendance`/`late`: what the registration desk recorded (Pasal 14(2), Lampiran I.A 1.a). */
export type Roster = { participantId: number | null; nip: string; name: string | null; attendance?: AttendanceStatus | null; late?: boolean };

export function emptyParticipant(r: Roster): ParticipantView {
  return {
    participantId: r.participantId,
    nip: r.nip,
    name: r.name,
    loggedIn: false,
    instrument: null,
    percent: 0,
    overallPercent: 0,
    finished: false,
    questionnaire: false,
    startedAt: null,
    lastProgressAt: null,
    deadlineAt: null,
    attendance: r.attendance ?? null,
    late: r.late ?? false,
    pausedAt: null,
    pausedMs: 0,
    extraMin: 0,
    endedAt: null,
    loginAt: null
  };
}

/**
 * When the participant's time runs out: the session allowance from the first login, plus the
 * minutes proctors added, plus the time already spent paused. While a pause is running its time is
 * not in `pausedMs` yet, so the dashboard freezes the countdown on `pausedAt` instead.
 */
export function deadlineOf(p: ParticipantView, durationMs: number): number | null {
  if (p.startedAt === null) return null;
  return p.startedAt + durationMs + p.extraMin * 60_000 + p.pausedMs;
}

export function overallPercent(instrument: ParticipantView['instrument'], percent: number): number {
  if (instrument === null) return 0;
  const i = INSTRUMENTS.indexOf(instrument);
  return Math.round(((i + percent / 100) / INSTRUMENTS.length) * 1000) / 10;
}

/**
 * Apply one event. `lookup` resolves a NIP to the session's roster (a login by someone not on the
 * roster still shows, by NIP, so the proctor sees it). `durationMs` is the session's time allowance.
 */
export function applyEvent(
  prev: ParticipantView | null,
  ev: ParticipantEvent,
  lookup: (nip: string) => Roster | null,
  durationMs: number
): ParticipantView | null {
  switch (ev.type) {
    case 'login': {
      const same = prev && prev.nip === ev.nip;
      const base = same ? prev : emptyParticipant(lookup(ev.nip) ?? { participantId: null, nip: ev.nip, name: ev.name ?? null });
      // The 180-minute allowance runs from the first login; logging in again does not restart it.
      // Added and paused time are kept too: deadlineOf recomputes from the whole record.
      const next = { ...base, loggedIn: true, startedAt: base.startedAt ?? ev.at, lastProgressAt: ev.at, loginAt: ev.at };
      return { ...next, deadlineAt: deadlineOf(next, durationMs) };
    }
    case 'logout':
      return prev ? { ...prev, loggedIn: false } : null;
    case 'instrument':
      if (!prev) return null;
      return { ...prev, instrument: ev.instrument, percent: 0, overallPercent: overallPercent(ev.instrument, 0), lastProgressAt: ev.at };
    case 'progress':
      if (!prev) return null;
      return {
        ...prev,
        instrument: ev.instrument,
        percent: ev.percent,
        overallPercent: overallPercent(ev.instrument, ev.percent),
        lastProgressAt: ev.at
      };
    case 'finished':
      if (!prev) return null;
      return { ...prev, finished: true, percent: 100, overallPercent: 100, lastProgressAt: ev.at };
    case 'questionnaire':
      return prev ? { ...prev, questionnaire: true, lastProgressAt: ev.at } : null;
  }
}

/**
 * Logged in, not finished, and no progress for `stallMs`: the proctor should look at this seat.
 * A paused or ended participant makes no progress on purpose, so is never stalled.
 */
export function isStalled(p: ParticipantView | null, now: number, stallMs: number): boolean {
  return (
    !!p && p.loggedIn && !p.finished && p.pausedAt === null && p.endedAt === null &&
    p.lastProgressAt !== null && now - p.lastProgressAt >= stallMs
  );
}

/** A proctor's action as the station acknowledged it (applied); `at` is when it took effect. */
export type AppliedAction = { kind: ParticipantActionKind; minutes: number | null; at: number };

/**
 * Fold an acknowledged proctor action into the participant's view. The station is the authority on
 * the participant's clock, so this runs on the ack, not on the request. A test that has ended
 * cannot be paused again or ended twice; a pause running when it ends counts as paused time.
 */
export function applyAction(prev: ParticipantView | null, a: AppliedAction, durationMs: number): ParticipantView | null {
  if (!prev) return null;
  let next: ParticipantView = prev;
  switch (a.kind) {
    case 'pause':
      if (prev.pausedAt === null && prev.endedAt === null) next = { ...prev, pausedAt: a.at };
      break;
    case 'resume':
      if (prev.pausedAt !== null) {
        // The stall clock restarts on resume: the pause itself is not "no progress".
        next = {
          ...prev,
          pausedMs: prev.pausedMs + Math.max(0, a.at - prev.pausedAt),
          pausedAt: null,
          lastProgressAt: prev.lastProgressAt === null ? null : Math.max(prev.lastProgressAt, a.at)
        };
      }
      break;
    case 'add_time':
      next = { ...prev, extraMin: prev.extraMin + (a.minutes ?? 0) };
      break;
    case 'end':
      if (prev.endedAt === null) {
        const pausedMs = prev.pausedAt === null ? prev.pausedMs : prev.pausedMs + Math.max(0, a.at - prev.pausedAt);
        next = { ...prev, endedAt: a.at, pausedAt: null, pausedMs };
      }
      break;
  }
  return { ...next, deadlineAt: deadlineOf(next, durationMs) };
}
