/**
 * The official documents as stored (table `documents`, db/schema.ts): inserted once, read many
 * times, never updated or deleted (append-only; the table's triggers refuse both).
 */
import { and, asc, desc, eq, getTableColumns, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { DocumentKind, DocumentRow, DocumentSigner } from '../../protocol/documents.ts';
import type { Db } from '../client.ts';
import { documents, sessions, users, venues } from '../schema.ts';

export type DocumentRecord = typeof documents.$inferSelect;
export type NewDocument = Omit<typeof documents.$inferInsert, 'id'>;

const later = alias(documents, 'later');

/** Everything but the bytes (the PDF and the HTML are read apart, when asked for). */
const ROW = {
  id: documents.id, kind: documents.kind, number: documents.number, version: documents.version,
  supersedesId: documents.supersedesId, correctionReason: documents.correctionReason, supersededBy: later.id,
  venueId: documents.venueId, sessionId: documents.sessionId, activityId: documents.activityId,
  issuedAt: documents.issuedAt, issuedBy: users.name, signersJson: documents.signersJson,
  sha256: documents.sha256, contentHash: documents.contentHash, code: documents.code,
  bytes: sql<number>`length(${documents.pdf})`
};

function select(db: Db, where: SQL | undefined) {
  return db.select(ROW).from(documents)
    .innerJoin(users, eq(users.id, documents.issuedBy))
    .leftJoin(later, eq(later.supersedesId, documents.id))
    .where(where);
}
type Selected = NonNullable<ReturnType<ReturnType<typeof select>['get']>>;

function toRow({ signersJson, ...r }: Selected): DocumentRow {
  return { ...r, kind: r.kind as DocumentKind, signers: JSON.parse(signersJson) as DocumentSigner[] };
}

/**
 * Documents of a session, of an activity (its own and those of its sessions), or both; oldest
 * first, each version after the one it corrects.
 */
export function listDocuments(db: Db, q: { sessionId?: number; activityId?: number }): DocumentRow[] {
  const where = or(
    q.sessionId !== undefined ? eq(documents.sessionId, q.sessionId) : undefined,
    q.activityId !== undefined
      ? or(eq(documents.activityId, q.activityId), inArray(documents.sessionId, db.select({ id: sessions.id }).from(sessions).where(eq(sessions.activityId, q.activityId))))
      : undefined
  );
  if (!where) return [];
  return select(db, where).orderBy(asc(documents.issuedAt), asc(documents.id)).all().map(toRow);
}

export function getDocument(db: Db, id: number): DocumentRow | undefined {
  const r = select(db, eq(documents.id, id)).get();
  return r ? toRow(r) : undefined;
}

export function documentByCode(db: Db, code: string): DocumentRow | undefined {
  const r = select(db, eq(documents.code, code)).get();
  return r ? toRow(r) : undefined;
}

export function codeTaken(db: Db, code: string): boolean {
  return db.select({ id: documents.id }).from(documents).where(eq(documents.code, code)).get() !== undefined;
}

/** The stored bytes of one document. */
export function documentPdf(db: Db, id: number): Buffer | undefined {
  return db.select({ pdf: documents.pdf }).from(documents).where(eq(documents.id, id)).get()?.pdf;
}

export function documentHtml(db: Db, id: number): string | undefined {
  return db.select({ html: documents.html }).from(documents).where(eq(documents.id, id)).get()?.html;
}

/**
 * The highest sequence given so far for this venue, year and kind (0 when none); venue null: of
 * the documents over many venues (the monitoring and evaluation report), numbered nationally.
 */
export function lastSeq(db: Db, venueId: number | null, year: number, kind: DocumentKind): number {
  return db.select({ n: sql<number | null>`max(${documents.seq})` }).from(documents)
    .where(and(venueId === null ? isNull(documents.venueId) : eq(documents.venueId, venueId), eq(documents.year, year), eq(documents.kind, kind))).get()?.n ?? 0;
}

/** Every document of a kind, newest first (then the later version first). */
export function documentsOfKind(db: Db, kind: DocumentKind): DocumentRow[] {
  return select(db, eq(documents.kind, kind)).orderBy(desc(documents.issuedAt), desc(documents.id)).all().map(toRow);
}

/** A venue-less document's reach as stored (scope_json), parsed; null for a venue's document. */
export function documentScope<T = unknown>(db: Db, id: number): T | null {
  const r = db.select({ scopeJson: documents.scopeJson }).from(documents).where(eq(documents.id, id)).get();
  return r?.scopeJson ? (JSON.parse(r.scopeJson) as T) : null;
}

/** The spreadsheet issued with a document, if it has one. */
export function documentXlsx(db: Db, id: number): Buffer | undefined {
  return db.select({ xlsx: documents.xlsx }).from(documents).where(eq(documents.id, id)).get()?.xlsx ?? undefined;
}

/** The stored hashes of the files issued under a code: the PDF's, and the spreadsheet's when there is one. */
export function fileHashesByCode(db: Db, code: string): { sha256: string; xlsxSha256: string | null } | undefined {
  return db.select({ sha256: documents.sha256, xlsxSha256: documents.xlsxSha256 }).from(documents).where(eq(documents.code, code)).get();
}

/** The version that corrects this one, if any. */
export function correctionOf(db: Db, id: number): { id: number; version: number } | undefined {
  return db.select({ id: documents.id, version: documents.version }).from(documents).where(eq(documents.supersedesId, id)).get();
}

/** The stored record (numbering fields included), for a correction. */
export function documentRecord(db: Db, id: number): Omit<DocumentRecord, 'pdf' | 'html'> | undefined {
  const { pdf: _pdf, html: _html, ...cols } = getTableColumns(documents);
  return db.select(cols).from(documents).where(eq(documents.id, id)).get();
}

export function insertDocument(db: Db, d: NewDocument): number {
  return db.insert(documents).values(d).returning({ id: documents.id }).get().id;
}

/** What the public verification answer names besides the document: its venue (none for a report over many) and session. */
export function placeOf(db: Db, venueId: number | null, sessionId: number | null) {
  const venue = venueId === null ? undefined : db.select({ name: venues.name, code: venues.code, timeZone: venues.timeZone }).from(venues).where(eq(venues.id, venueId)).get();
  const session = sessionId === null ? undefined : db.select({ code: sessions.code }).from(sessions).where(eq(sessions.id, sessionId)).get();
  return { venue, sessionCode: session?.code ?? null };
}

export type DocumentForCheck = {
  id: number; number: string; version: number; sha256: string; contentHash: string; modelJson: string; pdf: Buffer | null;
  /** the spreadsheet issued with it and its recorded SHA-256 (null when it has none, or the file predates migration 0012) */
  xlsx: Buffer | null; xlsxSha256: string | null;
};

/**
 * Every stored document in id order with what the checker re-hashes (streamed: the PDFs are
 * large). `pdf` is null when the bytes are missing. The checker runs no migration, so a file made
 * before the spreadsheets (migration 0012) is read without them.
 */
export function* documentsForCheck(db: Db): Generator<DocumentForCheck> {
  const columns = (db.$client.prepare('pragma table_info(documents)').all() as { name: string }[]).map((c) => c.name);
  const xlsx = columns.includes('xlsx_sha256') ? 'xlsx, xlsx_sha256 as xlsxSha256' : 'null as xlsx, null as xlsxSha256';
  const stmt = db.$client.prepare(`select id, number, version, sha256, content_hash as contentHash, model_json as modelJson, pdf, ${xlsx} from documents order by id`);
  yield* stmt.iterate() as Iterable<DocumentForCheck>;
}
