/**
 * A participant's progress through the ProASN set, folded from the events the exam application
 * reports through the agent. The set is one inseparable unit (SE BKN 6/2026 §5.g.1): a participant
 * who does not finish all five instruments gets no result (§5.g.2), so the dashboard shows progress
 * over the whole set, and "finished" only when the exam application says all parts are done.
 */
import { INSTRUMENTS, type ParticipantEvent, type ParticipantView } from '../protocol/index.ts';

export type Roster = { participantId: number | null; nip: string; name: string | null };

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
    deadlineAt: null
  };
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
      const startedAt = base.startedAt ?? ev.at;
      return { ...base, loggedIn: true, startedAt, deadlineAt: startedAt + durationMs, lastProgressAt: ev.at };
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

/** Logged in, not finished, and no progress for `stallMs`: the proctor should look at this seat. */
export function isStalled(p: ParticipantView | null, now: number, stallMs: number): boolean {
  return !!p && p.loggedIn && !p.finished && p.lastProgressAt !== null && now - p.lastProgressAt >= stallMs;
}
