/**
 * The shared message catalog (protocol/messages/) inside the dashboard's dictionaries: the words
 * the server and the web both say — session-state names, what each error code means — are taken
 * from there under the web's keys (`sessionState.running`, `error.NOT_FOUND`), never worded again.
 */
import { errorCodesEn, errorCodesId, sessionStatesEn, sessionStatesId } from '$protocol/messages/index.ts';
import { incidentCategoriesEn, incidentCategoriesId } from '$protocol/messages/incident-categories.ts';

/** `{ running: 'berjalan' }` → `{ 'sessionState.running': 'berjalan' }`, keys typed. */
function prefixed<P extends string, T extends Record<string, string>>(prefix: P, table: T): { readonly [K in keyof T & string as `${P}${K}`]: T[K] } {
  // Object.fromEntries loses the key types the mapped return type states
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [prefix + k, v])) as { readonly [K in keyof T & string as `${P}${K}`]: T[K] };
}

export const sharedId = { ...prefixed('sessionState.', sessionStatesId), ...prefixed('error.', errorCodesId), ...prefixed('incidents.cat.', incidentCategoriesId) };
export const sharedEn = { ...prefixed('sessionState.', sessionStatesEn), ...prefixed('error.', errorCodesEn), ...prefixed('incidents.cat.', incidentCategoriesEn) };
