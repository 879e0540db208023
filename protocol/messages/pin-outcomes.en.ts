/** What the exam application shows the participant for each PIN verdict, in English (see pin-outcomes.id.ts). */
import type { PinVerifyOutcome } from '../session.ts';

export const pinOutcomesEn = {
  ok: 'The PIN is correct. Please continue.',
  wrong: 'Wrong PIN. Check the PIN on the projector screen.',
  expired: 'This PIN is no longer valid. Read the new PIN on the projector screen.',
  revoked: 'The proctor revoked this PIN. Wait for a new one.',
  no_pin: 'No session PIN has been issued yet. Wait for the proctor.',
  locked: 'This PC is locked after repeated wrong PINs. Call the proctor.',
  not_running: 'No test session is running in this room.',
  not_started: 'The test has not started. Wait for the proctor to start it, then enter the PIN again.',
  unregistered: 'You are not registered at the registration desk. Please go to the registration desk first.'
} as const satisfies Record<PinVerifyOutcome, string>;
