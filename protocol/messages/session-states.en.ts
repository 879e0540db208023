/** The one name of each session state in English, and the lifecycle's action words (see session-states.id.ts). */
import type { SessionAction, SessionStateName } from '../session.ts';

export const sessionStatesEn = {
  scheduled: 'scheduled',
  preparation: 'preparation',
  open: 'registration open',
  running: 'running',
  finished: 'finished',
  finalised: 'finalised',
  postponed: 'postponed',
  cancelled: 'cancelled'
} as const satisfies Record<SessionStateName, string>;

/** `passive`: "… cannot be {passive}"; `imperative`: what the proctor can do next. */
export const sessionActionsEn = {
  prepare: { passive: 'moved to preparation', imperative: 'prepare' },
  open: { passive: 'opened', imperative: 'open registration' },
  start: { passive: 'started', imperative: 'start' },
  finish: { passive: 'finished', imperative: 'finish' },
  finalise: { passive: 'finalised', imperative: 'finalise' },
  postpone: { passive: 'postponed', imperative: 'postpone' },
  resume: { passive: 'resumed', imperative: 'resume' }
} as const satisfies Record<SessionAction, { passive: string; imperative: string }>;
