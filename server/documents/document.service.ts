/**
 * Issuing, correcting, listing and verifying the official documents (Perban BKN 4/2024 Lampiran
 * I–III). A document is generated from recorded data (a content model, ./model.ts), numbered,
 * rendered to a PDF and a print-ready page that carry its seal (verification code, content hash,
 * QR code to the verification page), and stored with its audit row in one transaction. It never
 * changes afterwards: a correction is version n+1 with the same number, naming the version it
 * replaces, which stays readable and verifiable (marked as replaced).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { canSeeActivity, getActivity } from '../../db/queries/activities.ts';
import { appendAudit, type Actor } from '../../db/queries/audit.ts';
import {
  codeTaken, correctionOf, documentByCode, documentRecord, documentScope, fileHashesByCode, getDocument, insertDocument, lastSeq, listDocuments, placeOf
} from '../../db/queries/documents.ts';
import { rolesOf } from '../../db/queries/users.ts';
import { users } from '../../db/schema.ts';
import { eq } from 'drizzle-orm';
import {
  DOCUMENT_TITLES, type DocumentKind, type DocumentRow, type DocumentSigner, type DocumentUploadCheck, type DocumentVerification
} from '../../protocol/documents.ts';
import type { VenueTimeZone } from '../../protocol/activity.ts';
import { msg } from '../../protocol/messages/index.ts';
import { visibilityOf } from '../activity/activity.service.ts';
import { agencyOperatorOf, can, seesRoom, seesVenue, type Principal } from '../auth/principal.ts';
import { zonedDate } from '../domain/activity-rules.ts';
import { loadSessionRef, refuse, type Act, type Result } from '../session/context.ts';
import { contentHash, normalizeCode, verifyCodeOf } from './canonical.ts';
import type { DocumentModel, DocumentSeal } from './model.ts';
import { renderDocument } from './render-pool.ts';

/**
 * The number's prefix per kind: `<PREFIX>/<VENUE CODE>/<YEAR>/<4-digit sequence>`; a document
 * over many venues (the monitoring and evaluation report) has BKN in the venue's place and is
 * numbered nationally: `LAP-MONEV/BKN/<YEAR>/<4-digit sequence>`.
 */
export const DOCUMENT_PREFIXES: Record<DocumentKind, string> = {
  ba_penundaan: 'BA-TND',
  daftar_periksa: 'DP',
  daftar_hadir: 'DH',
  daftar_selesai: 'DS',
  ba_penyelenggaraan: 'BA-PNY',
  ba_serah_terima: 'BA-STL',
  laporan_monev: 'LAP-MONEV'
};

/** A correction says why, in words someone can later read (it is printed on the audit trail). */
export const CORRECTION_REASON_MIN = 10;

/** What a venue-less document has in the venue code's place, and the zone it is written in (BKN's head office, Jakarta). */
export const NATIONAL_CODE = 'BKN';
export const NATIONAL_ZONE: VenueTimeZone = 'Asia/Jakarta';

/**
 * A venue-less document's reach, stored with it (documents.scope_json): what decides who may read
 * it (`venueIds`) and what the public verification names in the venue's place (`words`).
 */
export type DocumentReach = { venueIds: number[]; words: string; [more: string]: unknown };

export const documentNumber = (kind: DocumentKind, venueCode: string, year: number, seq: number) =>
  `${DOCUMENT_PREFIXES[kind]}/${venueCode}/${year}/${String(seq).padStart(4, '0')}`;

export const sha256Hex = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

export type IssueInput = {
  /** what the document says; its `number` is set here (the value given is ignored) */
  model: DocumentModel;
  /** null: a document over many venues (then `reach` says which) */
  venueId: number | null;
  reach?: DocumentReach;
  /**
   * A spreadsheet issued with it (the monitoring and evaluation report): made once the number
   * and the seal are known (it prints both), stored with its SHA-256 in the same transaction.
   */
  xlsx?: (model: DocumentModel, seal: DocumentSeal) => Promise<Uint8Array>;
  sessionId?: number | null;
  activityId?: number | null;
  /** the user issuing it */
  issuedBy: number;
  signers: DocumentSigner[];
  /** a correction: the version it replaces and why */
  supersedes?: { id: number; reason: string };
};
export type IssueOpts = {
  /** the dashboard's address as people reach it: the QR code points at `${baseUrl}/verify/${code}` */
  baseUrl: string;
  /** who is recorded in the audit trail (default: the issuing user, with their roles) */
  actor?: Actor;
  /** when the row is written (tests) */
  now?: number;
};

/** Another writer (another process on the same file) took the number or the code meanwhile. */
class Taken extends Error {}
/** Refused inside the transaction: nothing stored. */
class Refused extends Error {
  constructor(readonly refusal: ReturnType<typeof refuse>) {
    super(refusal.code);
  }
}

/**
 * Issues in this process run one after the other. The number is printed on the document (it is
 * part of the model, so of its content hash and its code), so it must be known before rendering;
 * rendering is asynchronous and takes the CPU for a while, so it cannot run inside the IMMEDIATE
 * transaction that stores the document. Hence: the next number is read, the document rendered
 * with it, and the storing transaction checks again that the number (and the code) are still
 * free before it writes the row and its audit record together. In this process the queue makes
 * that check always succeed; another process writing to the same file (only this server issues,
 * but nothing forbids two) makes it fail, and the document is then rendered again with the next
 * number — the unique index (venue, year, kind, sequence, version) is the last word either way.
 * A render that fails stores nothing and uses no number: numbers have no gaps.
 */
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

const ATTEMPTS = 5;

function userActor(db: Db, userId: number): Actor {
  const u = db.select({ id: users.id, nip: users.nip, name: users.name }).from(users).where(eq(users.id, userId)).get();
  if (!u) return { kind: 'system' };
  return { kind: 'user', userId: u.id, nip: u.nip, name: u.name, roles: rolesOf(db, u.id) };
}

/**
 * Number, render, seal and store a document (see `serial` for the order and why). A correction
 * (`supersedes`) keeps the number of the version it replaces and is the next version; the checks
 * of who may correct are correctDocument's.
 */
export async function issueDocument(db: Db, input: IssueInput, opts: IssueOpts): Promise<Result<{ document: DocumentRow }>> {
  const r = await issueDocuments(db, [input], opts);
  return r.ok ? { ok: true, document: r.documents[0] } : r;
}

/** One document of a batch, numbered, rendered and sealed, ready to be stored. */
type Prepared = {
  input: IssueInput; previous: ReturnType<typeof documentRecord>; actor: Actor;
  kind: DocumentKind; year: number; seq: number; version: number; number: string; model: DocumentModel;
  hash: string; code: string; pdf: Buffer; html: string; sha256: string; xlsx: Buffer | null;
};

/**
 * Several documents and the step they belong to, stored together or not at all: finalising
 * (Pasal 14(1)l–m: the lists and the berita acara with the step) and postponing (Pasal 12(2)f: the
 * berita acara before the postponement takes effect). Each document is numbered, rendered and
 * sealed first (off the event loop); then ONE transaction stores every document with its audit
 * row and runs `within` — the step, checked again against the record as it is now. A step refused
 * there (the session moved while the documents were rendered) stores none of them and uses no
 * number; a crash anywhere leaves either all of it or nothing, so a retry never finds half a step
 * or issues a document twice.
 */
export function issueDocuments<T extends object = object>(
  db: Db, inputs: IssueInput[], opts: IssueOpts, within?: (documents: DocumentRow[]) => Result<T>
): Promise<Result<{ documents: DocumentRow[]; then: T | null }>> {
  return serial(async () => {
    const checked: { input: IssueInput; previous: ReturnType<typeof documentRecord>; zone: VenueTimeZone; venueCode: string; actor: Actor }[] = [];
    for (const input of inputs) {
      const { venue } = placeOf(db, input.venueId, null);
      if (input.venueId !== null && !venue) return refuse('NOT_FOUND', msg('venue.notFound'));
      if (input.venueId === null && !input.reach) return refuse('INVALID_PAYLOAD');
      let previous: ReturnType<typeof documentRecord>;
      if (input.supersedes) {
        previous = documentRecord(db, input.supersedes.id);
        if (!previous) return refuse('NOT_FOUND', msg('document.notFound'));
        if (previous.kind !== input.model.kind || previous.venueId !== input.venueId) return refuse('INVALID_PAYLOAD');
      }
      checked.push({
        input, previous, zone: venue ? (venue.timeZone as VenueTimeZone) : NATIONAL_ZONE, venueCode: venue?.code ?? NATIONAL_CODE,
        actor: opts.actor ?? userActor(db, input.issuedBy)
      });
    }
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      // the numbers and codes this batch takes, so two of its documents never share one
      const seqs = new Map<string, number>();
      const codes = new Set<string>();
      const prepared: Prepared[] = [];
      for (const { input, previous, zone, venueCode, actor } of checked) {
        const kind = input.model.kind;
        const year = previous ? previous.year : Number(zonedDate(input.model.issuedAt, zone).slice(0, 4));
        const key = `${input.venueId}/${year}/${kind}`;
        const seq = previous ? previous.seq : (seqs.get(key) ?? lastSeq(db, input.venueId, year, kind)) + 1;
        if (!previous) seqs.set(key, seq);
        const version = previous ? previous.version + 1 : 1;
        const number = previous ? previous.number : documentNumber(kind, venueCode, year, seq);
        const model: DocumentModel = { ...input.model, number };
        const hash = contentHash(model);
        let salt = 0;
        let code = verifyCodeOf(hash, salt);
        while (codeTaken(db, code) || codes.has(code)) code = verifyCodeOf(hash, ++salt);
        codes.add(code);
        const seal: DocumentSeal = { code, contentHash: hash, verifyUrl: `${opts.baseUrl.replace(/\/+$/, '')}/verify/${code}` };
        // off the event loop: the rooms' heartbeats go on while the PDF is laid out
        const { pdf, html } = await renderDocument(model, seal);
        const xlsx = input.xlsx ? Buffer.from(await input.xlsx(model, seal)) : null;
        prepared.push({ input, previous, actor, kind, year, seq, version, number, model, hash, code, pdf, html, sha256: sha256Hex(pdf), xlsx });
      }
      const now = opts.now ?? Date.now();
      try {
        const stored = db.transaction(() => {
          const documents = prepared.map((p) => getDocument(db, store(db, p, now))!);
          const then = within ? within(documents) : null;
          if (then && !then.ok) throw new Refused(then);
          return { documents, then: then as T | null };
        });
        return { ok: true, ...stored };
      } catch (e) {
        if (e instanceof Refused) return e.refusal;
        if (e instanceof Taken) continue;
        throw e;
      }
    }
    throw new Error(`issueDocuments: a number or code was taken ${ATTEMPTS} times in a row`);
  });
}

/** Inside the storing transaction: the number and code still free, then the row and its audit record. */
function store(db: Db, p: Prepared, now: number): number {
  const { input, previous, kind, number, seq, year, version, model, hash, code, sha256, xlsx } = p;
  if (previous) {
    const next = correctionOf(db, previous.id);
    if (next) throw new Refused(refuse('CONFLICT', msg('document.alreadyCorrected', { number: previous.number, version: next.version })));
  } else if (lastSeq(db, input.venueId, year, kind) >= seq) {
    throw new Taken();
  }
  if (codeTaken(db, code)) throw new Taken();
  const id = insertDocument(db, {
    kind, number, seq, year, version,
    supersedesId: previous?.id ?? null, correctionReason: input.supersedes?.reason ?? null,
    venueId: input.venueId, sessionId: input.sessionId ?? null, activityId: input.activityId ?? null,
    scopeJson: input.reach ? JSON.stringify(input.reach) : null,
    xlsx, xlsxSha256: xlsx ? sha256Hex(xlsx) : null,
    issuedAt: model.issuedAt, issuedBy: input.issuedBy, signersJson: JSON.stringify(input.signers),
    contentHash: hash, sha256, code, pdf: p.pdf, html: p.html, modelJson: JSON.stringify(model), createdAt: now
  });
  const after = {
    documentKind: kind, number, version, code, sha256, contentHash: hash,
    ...(xlsx ? { xlsxSha256: sha256Hex(xlsx) } : {}),
    sessionId: input.sessionId ?? null, activityId: input.activityId ?? null,
    ...(previous ? { supersedesId: previous.id, correctionReason: input.supersedes!.reason } : {})
  };
  appendAudit(db, p.actor, {
    action: previous ? 'document.corrected' : 'document.issued',
    venueId: input.venueId, targetType: 'document', targetId: id, after, at: now
  });
  return id;
}

/**
 * May the caller read this document: its session's room, else its activity, else its venue in
 * scope. A document over many venues (the monitoring and evaluation report, Pasal 16(4)–(5)): one
 * who may see the evaluation (evaluation.view) and oversees every venue it covers — nationally, or
 * with each of them in their scope (Pasal 3: what one region's report says is not another's).
 */
export function seesDocument(db: Db, p: Principal, d: Pick<DocumentRow, 'id' | 'venueId' | 'sessionId' | 'activityId'>): boolean {
  if (d.venueId === null) {
    if (!can(p, 'evaluation.view')) return false;
    if (p.national) return true;
    const reach = documentScope<DocumentReach>(db, d.id);
    // a report that covers no venue is read only nationally (nothing ties it to a regional scope)
    return !!reach && reach.venueIds.length > 0 && reach.venueIds.every((v) => p.venueIds.has(v));
  }
  // Pasal 3 (confidentiality): a list of one session may name another agency's people; the
  // agency's operator reads the documents of its own agency's activities only
  const agency = agencyOperatorOf(p.roles, [...p.caps], p.user);
  if (agency !== undefined) {
    const activityId = d.activityId ?? (d.sessionId !== null ? (loadSessionRef(db, d.sessionId)?.session.activityId ?? null) : null);
    const a = activityId !== null ? getActivity(db, activityId) : undefined;
    return !!a && agency !== null && a.agency === agency && canSeeActivity(db, visibilityOf(p), a.id);
  }
  if (d.sessionId !== null) {
    const ref = loadSessionRef(db, d.sessionId);
    return ref !== undefined && seesRoom(p, { id: ref.roomId, venueId: ref.venueId });
  }
  if (d.activityId !== null) return canSeeActivity(db, visibilityOf(p), d.activityId);
  return seesVenue(p, d.venueId);
}

/** The document if it exists (404) and the caller may read it (403). */
export function visibleDocument(db: Db, p: Principal, id: number): Result<{ document: DocumentRow }> {
  const document = getDocument(db, id);
  if (!document) return refuse('NOT_FOUND', msg('document.notFound'));
  if (!seesDocument(db, p, document)) return refuse('FORBIDDEN');
  return { ok: true, document };
}

export type CorrectionInput = {
  /** the version corrected (the latest: a version is corrected once) */
  id: number;
  reason: string;
  /** the corrected content, rebuilt from the corrected record */
  model: DocumentModel;
  signers: DocumentSigner[];
};

/**
 * A correction: only a koordinator, for a document in their scope, with a reason of at least
 * CORRECTION_REASON_MIN characters. Version n+1, same number; the old row is untouched.
 */
export async function correctDocument(db: Db, p: Principal, act: Act, input: CorrectionInput, opts: Omit<IssueOpts, 'actor'>): Promise<Result<{ document: DocumentRow }>> {
  if (!p.roles.includes('koordinator')) return refuse('FORBIDDEN', msg('document.correctionRole'));
  const old = visibleDocument(db, p, input.id);
  if (!old.ok) return old;
  const reason = input.reason.trim();
  if (reason.length < CORRECTION_REASON_MIN) return refuse('INVALID_PAYLOAD', msg('document.correctionReason', { min: CORRECTION_REASON_MIN }));
  const d = old.document;
  return issueDocument(db, {
    model: input.model, venueId: d.venueId, sessionId: d.sessionId, activityId: d.activityId, issuedBy: p.user.id,
    // a report over many venues keeps its reach (its spreadsheet is not issued again: the correction is of the PDF)
    ...(d.venueId === null ? { reach: documentScope<DocumentReach>(db, d.id) ?? undefined } : {}),
    signers: input.signers, supersedes: { id: d.id, reason }
  }, { ...opts, actor: act.actor });
}

export const sessionDocuments = (db: Db, sessionId: number) => listDocuments(db, { sessionId });
export const activityDocuments = (db: Db, activityId: number) => listDocuments(db, { activityId });

/**
 * What anyone may learn from a code (GET /api/verify/:code, no sign-in): which document, its
 * number and version, where and when it was issued, its hashes — no participant's data. A code
 * that cannot be one (wrong length, a character outside the alphabet) is simply not found.
 */
export function verifyDocument(db: Db, input: string): DocumentVerification {
  const code = normalizeCode(input);
  const d = code ? documentByCode(db, code) : undefined;
  if (!code || !d) return { ok: true, found: false, code: code ?? input.slice(0, 40) };
  const { venue, sessionCode } = placeOf(db, d.venueId, d.sessionId);
  // a report over many venues names its scope and period in the venue's place
  const venueName = d.venueId === null ? (documentScope<DocumentReach>(db, d.id)?.words ?? '') : (venue?.name ?? '');
  return {
    ok: true, found: true, code: d.code, kind: d.kind, title: DOCUMENT_TITLES[d.kind], number: d.number, version: d.version,
    superseded: d.supersededBy !== null, venueName, sessionCode, issuedAt: d.issuedAt,
    timeZone: venue?.timeZone ?? NATIONAL_ZONE, sha256: d.sha256, contentHash: d.contentHash
  };
}

/** Is this file, byte for byte, the PDF stored under the code — or the XLSX issued with it? */
export function checkUpload(db: Db, input: string, bytes: Uint8Array): DocumentUploadCheck {
  const sha256 = sha256Hex(bytes);
  const code = normalizeCode(input);
  const d = code ? fileHashesByCode(db, code) : undefined;
  return { ok: true, found: d !== undefined, matches: d !== undefined && (d.sha256 === sha256 || d.xlsxSha256 === sha256), sha256 };
}
