/**
 * Time left for a participant. The server's deadlineAt already holds the added minutes and the
 * pauses that are over; while a pause runs the clock stands still at the moment it began, so the
 * tile shows the same number until the test resumes (the participant is not losing time).
 */
import type { ParticipantView } from '$protocol';
import { formatClock, formatDuration, msLeft } from '$lib/format/time.ts';

export function participantLeft(p: ParticipantView | null, deadline: number | null, now: number): number | null {
  if (!p || !p.loggedIn || p.finished || p.endedAt != null) return null;
  return msLeft(deadline, p.pausedAt ?? now);
}

/** @deprecated use formatDuration from $lib/format/time.ts (countdowns: "29 m 28 d") */
export const formatCountdown = (ms: number): string => formatDuration(ms);

/** @deprecated use formatClock from $lib/format/time.ts (the language is the proctor's; `tag` is ignored) */
export const formatHm = (ms: number, _tag?: string): string => formatClock(ms);
