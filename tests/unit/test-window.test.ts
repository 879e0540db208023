/**
 * The test runs when the proctor starts it, for the stations as for the session
 * (Perban BKN 4/2024 Pasal 14(1)i: the session is set up to obtain the PIN; 14(1)j: everyone can
 * log in — once the test has started). Whoever is working can be paused or ended at any stage.
 */
import { describe, expect, it } from 'vitest';
import { actionProblem, isWorking, pinStage } from '../../server/domain/test-window.ts';
import { emptyParticipant } from '../../server/domain/progress.ts';
import { PARTICIPANT_ACTIONS, SESSION_STATES, type ParticipantView } from '../../protocol/index.ts';

const T0 = Date.UTC(2026, 4, 12, 1, 0);
const seated = emptyParticipant({ participantId: 1, nip: '198503102010121001', name: 'Dewi' });
const working: ParticipantView = { ...seated, loggedIn: true, startedAt: T0, loginAt: T0 };

describe('what a PIN typed now opens (Pasal 14(1)i–j)', () => {
  it('the test, only while the session runs', () => {
    expect(pinStage('running')).toBe('running');
  });
  it('nothing yet before the proctor starts it: scheduled, preparation, registration open', () => {
    for (const s of ['scheduled', 'preparation', 'open'] as const) expect(pinStage(s)).toBe('not_started');
  });
  it('nothing any more after, or without a session', () => {
    for (const s of ['finished', 'finalised', 'postponed', null, undefined] as const) expect(pinStage(s)).toBe('over');
  });
});

describe('who is working', () => {
  it('logged in, neither finished nor ended', () => {
    expect(isWorking(working)).toBe(true);
    expect(isWorking(seated)).toBe(false);
    expect(isWorking({ ...working, finished: true })).toBe(false);
    expect(isWorking({ ...working, endedAt: T0 + 1 })).toBe(false);
    expect(isWorking(null)).toBe(false);
  });
});

describe('participant actions are available whenever someone is working', () => {
  it('while the test runs: for anyone with a PC (an action for someone not logged in waits for them)', () => {
    for (const k of PARTICIPANT_ACTIONS) {
      expect(actionProblem('running', k, working)).toBeNull();
      expect(actionProblem('running', k, seated)).toBeNull();
    }
  });
  it('before the start or after the close: for someone working, not for someone who is not', () => {
    for (const state of ['scheduled', 'preparation', 'open', 'finished', 'postponed'] as const) {
      for (const k of PARTICIPANT_ACTIONS) {
        expect(actionProblem(state, k, working)).toBeNull();
        expect(actionProblem(state, k, seated)).toEqual({ code: 'action.notWorking', params: { state, kind: k } });
      }
    }
  });
  it('never for a test already ended, nor in a finalised session', () => {
    for (const state of SESSION_STATES) expect(actionProblem(state, 'pause', { ...working, endedAt: T0 })).not.toBeNull();
    expect(actionProblem('finalised', 'end', working)).not.toBeNull();
  });
});
