/**
 * Time left for a participant. The server's deadlineAt already holds the added minutes and the
 * pauses that are over; while a pause runs the clock stands still at the moment it began, so the
 * tile shows the same number until the test resumes (the participant is not losing time).
 */
import type { ParticipantView } from '$protocol';
import { msLeft } from '$lib/room/format.ts';

export function participantLeft(p: ParticipantView | null, deadline: number | null, now: number): number | null {
  if (!p || !p.loggedIn || p.finished || p.endedAt != null) return null;
  return msLeft(deadline, p.pausedAt ?? now);
}

/** "mm:ss" (or "h:mm:ss") for countdowns that are read to the second: PIN expiry, rotation. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** hh:mm in the proctor's locale (a lock's end, a scheduled start). */
export function formatHm(ms: number, tag: string): string {
  return new Date(ms).toLocaleTimeString(tag, { hour: '2-digit', minute: '2-digit' });
}
