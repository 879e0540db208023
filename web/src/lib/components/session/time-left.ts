/**
 * Time left for a participant. The server's deadlineAt already holds the added minutes and the
 * pauses that are over; while a pause runs the clock stands still at the moment it began, so the
 * tile shows the same number until the test resumes (the participant is not losing time).
 */
import type { ParticipantView } from '$protocol';
import { msLeft } from '$lib/format/time.ts';

export function participantLeft(p: ParticipantView | null, deadline: number | null, now: number): number | null {
  if (!p || !p.loggedIn || p.finished || p.endedAt != null) return null;
  return msLeft(deadline, p.pausedAt ?? now);
}
