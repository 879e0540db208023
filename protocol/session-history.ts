/**
 * A room's sessions, past and to come: a session that is finalised leaves the
 * room's "current" place but its records — the signed daftar periksa, the incidents, the
 * attendance — stay reachable from the room's history, read-only.
 *
 * GET /api/rooms/:id/sessions answers with SessionHistoryResponse (room.view or participant.view,
 * the room's venue in scope: the same door as GET /api/rooms/:id/session). The session pages take
 * the chosen session as `?session=ID` (SESSION_QUERY_PARAM), so a link to a past record can be shared.
 * No zod here: the web app imports these values at run time (the query schemas are in
 * schemas/session-history.ts).
 */
import type { SessionHead, SessionStateName } from './session.ts';

/** the query parameter the session pages read the chosen session from */
export const SESSION_QUERY_PARAM = 'session';

/** States in which nothing about a session changes any more: its pages are read-only. */
export const READ_ONLY_STATES: readonly SessionStateName[] = ['finalised'];
export const isReadOnlyState = (state: SessionStateName | string | null | undefined) =>
  state != null && (READ_ONLY_STATES as readonly string[]).includes(state);

/** GET /api/rooms/:id/sessions pages: ?limit= (default 50, at most 200) and ?offset=; ?session=ID just that one */
export const SESSION_HISTORY_PAGE = { default: 50, max: 200 } as const;

export type SessionHistoryEntry = SessionHead & {
  finishedAt: number | null;
  /** the session the room shows now (its pages without ?session=) */
  current: boolean;
  /** finalised: a closed record, its pages show no edit controls */
  readOnly: boolean;
  counts: { participants: number; present: number; absent: number; expected: number; late: number };
  incidents: number;
  visitors: number;
};

export type SessionHistoryResponse = {
  ok: true;
  room: { id: number; code: string; name: string; venueName: string };
  /** the room's current session, null when there is none */
  currentId: number | null;
  /** newest first (scheduled time, then id) */
  sessions: SessionHistoryEntry[];
  /** every session of the room; more than `sessions` when paged */
  total: number;
};
