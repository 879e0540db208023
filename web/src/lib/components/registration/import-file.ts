/**
 * Sending a participant file (Pasal 14(2)a: the roster comes from the agency). The server reads
 * the raw body by its content type, so the File's type must be right even when the browser gives
 * none (a .csv on some systems), and a refused file answers 400 with every bad row and field.
 */
import type { ImportError } from '$protocol';
import { IMPORT_LIMITS } from '$protocol/session.ts';
import { ApiError, api } from '$lib/api.ts';
import { ROUTES, type AnswerOf, type ImportFailure } from '$protocol/routes.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ACCEPT = `.csv,.xlsx,text/csv,${XLSX_TYPE}`;

export type FileProblem = 'badType' | 'tooBig';

/** The file with the content type the server expects, or why it cannot be sent. */
export function prepareFile(file: File): { file: File } | { problem: FileProblem } {
  const name = file.name.toLowerCase();
  const type = name.endsWith('.csv') ? 'text/csv' : name.endsWith('.xlsx') ? XLSX_TYPE : null;
  if (!type) return { problem: 'badType' };
  if (file.size > IMPORT_LIMITS.maxBytes) return { problem: 'tooBig' };
  // Windows browsers may call a .csv "application/vnd.ms-excel"; the extension decides.
  return { file: file.type === type ? file : new File([file], file.name, { type }) };
}

export type ImportOutcome =
  | AnswerOf<typeof ROUTES.participantImport>
  | { ok: false; errors: ImportError[]; rows: number; error: ApiError };

export async function importParticipants(sessionId: number, file: File): Promise<ImportOutcome> {
  try {
    const r = await api(ROUTES.participantImport, { params: { id: sessionId }, body: file });
    return { ok: true, imported: r.imported, replaced: r.replaced };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    // the refusal's errors[] is what the proctor needs to fix the file
    const body = err.body as Partial<ImportFailure> | null;
    return { ok: false, errors: body?.errors ?? [], rows: body?.rows ?? 0, error: err };
  }
}
