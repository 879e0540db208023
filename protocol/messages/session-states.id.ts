/**
 * The one name of each session state in Bahasa Indonesia (Perban BKN 4/2024 Pasal 11–14), used by
 * the dashboard's badges, the server's refusals and the documents alike; session-states.en.ts has
 * the English. Also the words for the lifecycle's actions, as the refusals need them.
 */
import type { SessionAction, SessionStateName } from '../session.ts';

export const sessionStatesId = {
  scheduled: 'terjadwal',
  preparation: 'persiapan',
  open: 'registrasi dibuka',
  running: 'berjalan',
  finished: 'selesai',
  finalised: 'ditutup',
  postponed: 'ditunda',
  cancelled: 'dibatalkan'
} as const satisfies Record<SessionStateName, string>;

/** `passive`: "… tidak dapat {passive}"; `imperative`: what the proctor can do next. */
export const sessionActionsId = {
  prepare: { passive: 'dipersiapkan', imperative: 'persiapkan' },
  open: { passive: 'dibuka', imperative: 'buka registrasi' },
  start: { passive: 'dimulai', imperative: 'mulai' },
  finish: { passive: 'diselesaikan', imperative: 'selesaikan' },
  finalise: { passive: 'difinalisasi', imperative: 'finalisasi' },
  postpone: { passive: 'ditunda', imperative: 'tunda' },
  resume: { passive: 'dilanjutkan', imperative: 'lanjutkan' }
} as const satisfies Record<SessionAction, { passive: string; imperative: string }>;
