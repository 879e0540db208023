/**
 * The shared contract: types and constants, importable by the server, the web app ($protocol)
 * and the agent. No zod at run time here: the request and payload schemas are in ./schemas/
 * (import them from protocol/schemas/index.ts), and only their types are re-exported below, so
 * the dashboard's bundle carries no validator it never runs.
 */
export * from './limits.ts';
export * from './events.ts';
export * from './roles.ts';
export * from './nip.ts';
export * from './audit.ts';
export * from './session.ts';
export * from './session-history.ts';
export * from './completion.ts';
export { PIN_OUTCOME_TEXT } from './messages/pin-outcomes.ts';
export { NIP_PROBLEM_TEXT } from './messages/nip.ts';
export type * from './schemas/station.ts';
export type * from './schemas/accounts.ts';
export type * from './schemas/session.ts';
export type * from './schemas/session-history.ts';
