/**
 * POST /api/sessions/:id/participants/:pid/completion: why a participant did not complete the
 * whole series (protocol/completion.ts). The note's length and "other needs a note" are the
 * domain's (server/domain/completion.ts checkReason), worded by the catalog; here only the shape.
 */
import { z } from 'zod';
import { NON_COMPLETION_REASONS } from '../completion.ts';

export const completionSchema = z.strictObject({
  reason: z.enum(NON_COMPLETION_REASONS),
  note: z.string().max(2000).optional()
});
