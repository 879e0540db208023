/** The shared contract: import from here in server, web ($protocol) and agent. */
export * from './limits.ts';
export * from './schemas.ts';
export * from './events.ts';
export * from './roles.ts';
export * from './nip.ts';
export * from './api.ts';
export * from './audit.ts';
export * from './session.ts';
export * from './session-api.ts';
export * from './session-history.ts';
export * from './session-history.schemas.ts';
