/** Query schemas of the session history routes (types and values in session-history.ts). */
import { z } from 'zod';
import { SESSION_HISTORY_PAGE } from '../session-history.ts';

export const sessionHistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(SESSION_HISTORY_PAGE.max).default(SESSION_HISTORY_PAGE.default),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  /** just this one session of the room (a page opened with ?session=ID); an empty list when it is another room's */
  session: z.coerce.number().int().positive().max(2 ** 31).optional()
});

/** GET /api/rooms/:id/participants?session=ID: one of the room's sessions instead of the current one */
export const roomParticipantsQuerySchema = z.object({
  session: z.coerce.number().int().positive().max(2 ** 31).optional()
});
