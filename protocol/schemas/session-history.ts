/** Query schemas of the session history routes (types and values in session-history.ts). */
import { z } from 'zod';
import { urlId, urlInt } from './url-number.ts';
import { SESSION_HISTORY_PAGE } from '../session-history.ts';

export const sessionHistoryQuerySchema = z.object({
  limit: urlInt(1, SESSION_HISTORY_PAGE.max).default(SESSION_HISTORY_PAGE.default),
  offset: urlInt(0, 1_000_000).default(0),
  /** just this one session of the room (a page opened with ?session=ID); an empty list when it is another room's */
  session: urlId().optional()
});

/** GET /api/rooms/:id/participants?session=ID: one of the room's sessions instead of the current one */
export const roomParticipantsQuerySchema = z.object({
  session: urlId().optional()
});
