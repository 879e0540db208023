/** The zod schemas every inbound payload, body and query is parsed with at the edge. */
export * from './station.ts';
export * from './accounts.ts';
export * from './session.ts';
export * from './session-history.ts';
export * from './socket-maps.ts';
export * from './activity.ts';
export * from './postponement.ts';
export * from './routes.ts';
