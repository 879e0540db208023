/**
 * When the test runs, for the stations as for the session. Perban BKN 4/2024
 * Pasal 14(1)i: the team sets up the session to obtain the session PIN; 14(1)j: it makes sure every
 * participant can log in — the PIN opens the test once the proctor starts it, not before: a
 * session still "registrasi dibuka" has nobody working, so the tiles show no countdown while the
 * header says the test has not begun. And whoever is working can be paused, given time or ended,
 * whatever the session's stage says (someone logged in through the exam application before the
 * start, or still working after the close).
 */
import { OPEN_STATES, type ParticipantActionKind, type ParticipantView, type SessionStateName } from '../../protocol/index.ts';
import type { Msg } from '../../protocol/messages/index.ts';

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
const LIVE_STATES: readonly SessionStateName[] = OPEN_STATES;

/** Why an action cannot go to a participant: a code of the message catalog (protocol/messages/). */
export type ActionProblem = Extract<Msg, { code: 'action.ended' | 'action.sessionOver' | 'action.notWorking' }>;

/**
 * Whether a proctor's action may go to this participant now; null when it may. While the test
 * runs, any participant with a PC (an action for someone not yet logged in waits for them); in any
 * other stage of a session the room still shows, only someone who is working.
 */
export function actionProblem(state: SessionStateName, kind: ParticipantActionKind, p: ParticipantView | null | undefined): ActionProblem | null {
  if (p?.endedAt != null) return { code: 'action.ended', params: {} };
  if (!LIVE_STATES.includes(state)) return { code: 'action.sessionOver', params: { state } };
  if (state === 'running' || isWorking(p)) return null;
  return { code: 'action.notWorking', params: { state, kind } };
}

/** The same problem for one participant of a list, named. */
export function forParticipant(m: ActionProblem, name: string): ActionProblem {
  switch (m.code) {
    case 'action.ended': return { code: m.code, params: { name } };
    case 'action.sessionOver': return { code: m.code, params: { ...m.params, name } };
    case 'action.notWorking': return { code: m.code, params: { ...m.params, name } };
  }
}
