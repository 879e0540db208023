/**
 * The documents a finalisation just issued, kept outside the finalise dialog: a finalised
 * session leaves the room's current place at once (the room's push), and the dialog with it, so
 * the room page shows them (IssuedDocuments) once the dialog is gone.
 */
import type { DocumentRow } from '$protocol/documents.ts';

export const issued = $state<{ last: { sessionId: number; documents: DocumentRow[] } | null }>({ last: null });
