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

/** A file refused for its content: every bad row and field (400), or the refusal's sentence alone (e.g. a 409). */
export type ImportRefusal = { ok: false; errors: ImportError[]; rows: number; error: ApiError };

export type ImportOutcome = AnswerOf<typeof ROUTES.participantImport> | ImportRefusal;

/** Sends a file; the server's refusal is an answer to show, not a throw (a network failure still throws). */
export async function sendImport<T>(send: () => Promise<T>): Promise<T | ImportRefusal> {
  try {
    return await send();
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    // the refusal's errors[] is what the proctor needs to fix the file
    const body = err.body as Partial<ImportFailure> | null;
    return { ok: false, errors: body?.errors ?? [], rows: body?.rows ?? 0, error: err };
  }
}

export function importParticipants(sessionId: number, file: File): Promise<ImportOutcome> {
  return sendImport(async () => {
    const r = await api(ROUTES.participantImport, { params: { id: sessionId }, body: file });
    return { ok: true as const, imported: r.imported, replaced: r.replaced };
  });
}
