/**
 * Which session a session page shows: `?session=ID` names one of the room's
 * sessions — a link that can be shared and still shows the same record after the session is
 * finalised — and without it the page shows the room's current session, as before.
 */
import { SESSION_QUERY_PARAM } from '$protocol/session-history.ts';
import { api } from '$lib/api.ts';
import { ROUTES } from '$protocol/routes.ts';

export type SessionPage = 'checklist' | 'incidents' | 'registration' | 'participants' | 'documents';

/** The session asked for in the page's address; null: the room's current one. */
export function chosenSessionId(url: URL): number | null {
  const raw = url.searchParams.get(SESSION_QUERY_PARAM);
  if (raw === null || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 && id <= 2 ** 31 ? id : null;
}

/** The address of one of a room's session pages, for `sessionId` or (null) the current session. */
export function sessionPageHref(roomId: number, page: SessionPage, sessionId: number | null = null): string {
  return `/rooms/${roomId}/${page}${sessionId === null ? '' : `?${SESSION_QUERY_PARAM}=${sessionId}`}`;
}

export const historyHref = (roomId: number) => `/rooms/${roomId}/sessions`;

/** GET /api/rooms/:id/sessions: a page of the history, or (`session`) just that one session. */
export function fetchHistory(roomId: number, query: { limit?: number; offset?: number; session?: number } = {}) {
  return api(ROUTES.roomSessions, { params: { id: roomId }, query });
}
