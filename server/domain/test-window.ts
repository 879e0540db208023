/**
 * When the test runs, for the stations as for the session (issue 10 item 4). Perban BKN 4/2024
 * Pasal 14(1)i: the team sets up the session to obtain the session PIN; 14(1)j: it makes sure every
 * participant can log in — the PIN opens the test once the proctor starts it, not before: a
 * session still "registrasi dibuka" has nobody working, so the tiles show no countdown while the
 * header says the test has not begun. And whoever is working can be paused, given time or ended,
 * whatever the session's stage says (someone logged in through the exam application before the
 * start, or still working after the close).
 */
import type { ParticipantActionKind, ParticipantView, SessionStateName } from '../../protocol/index.ts';

/** What a PIN typed now opens: the test (running), nothing yet (not_started), nothing any more (over). */
export type PinStage = 'running' | 'not_started' | 'over';

export function pinStage(state: SessionStateName | null | undefined): PinStage {
  if (state === 'running') return 'running';
  if (state === 'scheduled' || state === 'preparation' || state === 'open') return 'not_started';
  return 'over';
}

/** Logged in, neither finished nor ended by a proctor: someone at work the proctor may need to pause. */
export function isWorking(p: ParticipantView | null | undefined): boolean {
  return !!p && p.loggedIn && !p.finished && p.endedAt === null;
}

/** States of a session whose room still shows it, where someone may be at work. */
const LIVE_STATES: readonly SessionStateName[] = ['scheduled', 'preparation', 'open', 'running', 'finished', 'postponed'];

/**
 * Whether a proctor's action may go to this participant now; null when it may. While the test
 * runs, any participant with a PC (an action for someone not yet logged in waits for them); in any
 * other stage of a session the room still shows, only someone who is working.
 */
export function actionProblem(
  state: SessionStateName, kind: ParticipantActionKind, p: ParticipantView | null | undefined
): { message: string; pesan: string } | null {
  if (p?.endedAt != null) return { message: 'the test was already ended', pesan: 'tes peserta ini sudah diakhiri' };
  if (!LIVE_STATES.includes(state)) {
    return { message: `the session is ${state}: nobody can be acted on`, pesan: 'sesi sudah ditutup: tidak ada tindakan peserta lagi' };
  }
  if (state === 'running' || isWorking(p)) return null;
  return {
    message: `the test is not running (the session is ${state}) and this participant is not working (not logged in, or finished): there is nothing to ${kind.replace('_', ' ')}`,
    pesan: 'tes tidak sedang berjalan dan peserta ini tidak sedang mengerjakan tes (belum login atau sudah selesai)'
  };
}
