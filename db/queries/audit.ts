/**
 * The audit trail: append (hash-chained, see db/audit-chain.ts), list with filters
 * and scope, and a streaming read for verification.
 */
import { and, desc, eq, gte, inArray, lt, lte, or, type SQL } from 'drizzle-orm';
import { auditHash, GENESIS_HASH, type AuditContent, type AuditStored } from '../audit-chain.ts';
import {
  AUDIT_REF_FIELDS, AUDIT_TARGET_TYPES, type AuditAction, type AuditData, type AuditName, type AuditQuery, type AuditRefs, type AuditRow,
  type AuditTargetType
} from '../../protocol/index.ts';
import type { Db } from '../client.ts';
import { auditLog, venues } from '../schema.ts';

/** Who did it. Users carry their roles; stations and the system act under their own names. */
export type Actor =
  | { kind: 'user'; userId: number; nip: string; name: string; roles: readonly string[]; ip?: string | null }
  | { kind: 'anonymous'; nip?: string | null; ip?: string | null }
  | { kind: 'station'; stationId: number; ip?: string | null }
  | { kind: 'system' };

/**
 * One record. The action, target kind and before/after keys come from the lists of
 * protocol/audit.ts, so that every record can be worded for the reader: a new one is added
 * there (and worded in web/src/lib/i18n/audit.*.ts) first.
 */
export type AuditEntry = {
  action: AuditAction;
  venueId?: number | null;
  targetType?: AuditTargetType | null;
  targetId?: string | number | null;
  before?: AuditData | null;
  after?: AuditData | null;
  at?: number;
};

function actorFields(a: Actor) {
  switch (a.kind) {
    case 'user': return { actorId: a.userId, actorNip: a.nip, actorName: a.name, actorRole: a.roles.join(','), ip: a.ip ?? null };
    case 'anonymous': return { actorId: null, actorNip: a.nip ?? null, actorName: null, actorRole: 'anonymous', ip: a.ip ?? null };
    case 'station': return { actorId: null, actorNip: null, actorName: `station:${a.stationId}`, actorRole: 'station', ip: a.ip ?? null };
    case 'system': return { actorId: null, actorNip: null, actorName: null, actorRole: 'system', ip: null };
  }
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
/**
 * SQLite stores text as UTF-8, which turns a lone UTF-16 surrogate (say, typed into the login
 * form's NIP) into U+FFFD: hashing the JavaScript string would then not match what is stored,
 * and one crafted login would make the whole trail look tampered. Hash what will be stored.
 * (JSON.stringify already escapes lone surrogates.)
 */
// (String.prototype.toWellFormed is in Node 20; the es2024 lib is not enabled for the rest of it)
const text = (v: string | null) => (v === null ? null : (v as string & { toWellFormed(): string }).toWellFormed());

/**
 * Append one row. Call it inside the transaction that makes the change, so the change and its
 * record commit together. better-sqlite3 is synchronous, so reading the head and inserting
 * cannot interleave with another append in this process (PostgreSQL later: an advisory lock).
 */
export function appendAudit(db: Db, actor: Actor, e: AuditEntry): number {
  // IMMEDIATE: the chain head is read, then a row written. A deferred transaction would be refused
  // at once (SQLITE_BUSY, no busy wait) when the store worker commits between the two.
  return db.transaction((tx) => {
    const head = tx.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
    // The next id comes from SQLite's AUTOINCREMENT counter, not from the newest row: if newest
    // rows were deleted, their ids stay missing and audit:verify keeps reporting the gap.
    const a = actorFields(actor);
    const content: AuditContent = {
      id: Math.max(head?.id ?? 0, auditSequence(db)) + 1,
      at: e.at ?? Date.now(),
      actorId: a.actorId, actorNip: text(a.actorNip), actorName: text(a.actorName), actorRole: text(a.actorRole)!, ip: text(a.ip),
      venueId: e.venueId ?? null,
      action: text(e.action)!,
      targetType: text(e.targetType ?? null),
      targetId: e.targetId == null ? null : text(String(e.targetId)),
      beforeJson: json(e.before),
      afterJson: json(e.after)
    };
    const prevHash = head?.hash ?? GENESIS_HASH;
    tx.insert(auditLog).values({ ...content, prevHash, hash: auditHash(prevHash, content) }).run();
    return content.id;
  }, { behavior: 'immediate' });
}

/** Every row in id order, streamed (the trail can be long). */
export function* auditRows(db: Db): Generator<AuditStored> {
  const stmt = db.$client.prepare(
    `select id, at, actor_id as actorId, actor_nip as actorNip, actor_name as actorName, actor_role as actorRole, ip,
            venue_id as venueId, action, target_type as targetType, target_id as targetId,
            before_json as beforeJson, after_json as afterJson, prev_hash as prevHash, hash
       from audit_log order by id`
  );
  yield* stmt.iterate() as Iterable<AuditStored>;
}

/** The highest id SQLite ever handed out for the trail: a deleted last row leaves it above max(id). */
export function auditSequence(db: Db): number {
  const r = db.$client.prepare(`select seq from sqlite_sequence where name = 'audit_log'`).get() as { seq: number } | undefined;
  return r?.seq ?? 0;
}

/**
 * One page of the trail, newest first. `visibleVenues` null = everything; otherwise rows of those
 * venues plus the viewer's own rows (their logins carry no venue).
 */
export function listAudit(db: Db, q: AuditQuery, visibleVenues: number[] | null, viewerId: number): { rows: AuditRow[]; nextBefore: number | null; refs: AuditRefs } {
  const where: (SQL | undefined)[] = [];
  if (visibleVenues) where.push(or(visibleVenues.length ? inArray(auditLog.venueId, visibleVenues) : undefined, eq(auditLog.actorId, viewerId)));
  if (q.userId) where.push(eq(auditLog.actorId, q.userId));
  if (q.venueId) where.push(eq(auditLog.venueId, q.venueId));
  if (q.action) where.push(q.action.endsWith('.') ? gte(auditLog.action, q.action) : eq(auditLog.action, q.action));
  if (q.action?.endsWith('.')) where.push(lt(auditLog.action, q.action + '\uffff'));
  if (q.from !== undefined) where.push(gte(auditLog.at, q.from));
  if (q.to !== undefined) where.push(lte(auditLog.at, q.to));
  if (q.before) where.push(lt(auditLog.id, q.before));
  const rows = db
    .select({ row: auditLog, venueName: venues.name })
    .from(auditLog)
    .leftJoin(venues, eq(venues.id, auditLog.venueId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1)
    .all();
  const page: AuditRow[] = rows.slice(0, q.limit).map(({ row: r, venueName }) => ({
    id: r.id, at: r.at, actorId: r.actorId, actorNip: r.actorNip, actorName: r.actorName, actorRole: r.actorRole, ip: r.ip,
    venueId: r.venueId, venueName, action: r.action, targetType: r.targetType, targetId: r.targetId, target: null,
    before: r.beforeJson ? JSON.parse(r.beforeJson) : null,
    after: r.afterJson ? JSON.parse(r.afterJson) : null
  }));
  const refs = auditRefs(db, page);
  for (const r of page) r.target = (r.targetId !== null && refs[r.targetType as AuditTargetType]?.[r.targetId]) || null;
  return { rows: page, nextBefore: rows.length > q.limit ? page[page.length - 1].id : null, refs };
}

// ---------------------------------------------------------------- names, at read time

/** A station acting on its own (enrollment, PIN lock, command acknowledgement) is stored as `station:<id>`. */
export const stationActorId = (r: Pick<AuditRow, 'actorRole' | 'actorName'>): string | null =>
  r.actorRole === 'station' ? /^station:(\d+)$/.exec(r.actorName ?? '')?.[1] ?? null : null;

const isTargetType = (t: string | null): t is AuditTargetType => (AUDIT_TARGET_TYPES as readonly (string | null)[]).includes(t);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The ids a page mentions, by kind: its targets, its station actors, ids inside before/after. */
export function auditMentions(rows: readonly AuditRow[]): Map<AuditTargetType, Set<string>> {
  const out = new Map<AuditTargetType, Set<string>>();
  const add = (type: AuditTargetType, id: unknown) => {
    if (!(typeof id === 'number' && Number.isInteger(id)) && !(typeof id === 'string' && /^\d+$/.test(id))) return;
    let set = out.get(type);
    if (!set) out.set(type, (set = new Set()));
    set.add(String(id));
  };
  for (const r of rows) {
    if (isTargetType(r.targetType) && r.targetId !== null) add(r.targetType, r.targetId);
    const st = stationActorId(r);
    if (st) add('station', st);
    for (const data of [r.before, r.after]) {
      if (!isRecord(data)) continue;
      for (const [field, ref] of Object.entries(AUDIT_REF_FIELDS)) {
        const v = data[field];
        if (ref.list && Array.isArray(v)) v.forEach((id) => add(ref.type, id));
        else if (!ref.list) add(ref.type, v);
      }
      // an account's scopes as given ({ kind: 'venue', venueId }); as shown they carry the venue's name
      if (Array.isArray(data.scopes)) for (const sc of data.scopes) if (isRecord(sc) && sc.kind === 'venue') add('venue', sc.venueId);
    }
  }
  return out;
}

/**
 * One statement per kind of thing (ids passed as one JSON array): a page of 500 rows costs at most
 * eight lookups, whatever it holds. Rows deleted since (a participant list imported again) stay
 * unnamed; the reader then sees the kind and the id.
 */
const NAME_QUERIES: Record<AuditTargetType, string> = {
  user: `select id, name, nip, null as "where" from users where id in (select value from json_each(?))`,
  station: `select s.id, s.code as name, null as nip, r.name as "where" from stations s join rooms r on r.id = s.room_id where s.id in (select value from json_each(?))`,
  room: `select r.id, r.name, null as nip, v.name as "where" from rooms r join venues v on v.id = r.venue_id where r.id in (select value from json_each(?))`,
  session: `select s.id, s.code as name, null as nip, r.name as "where" from sessions s join rooms r on r.id = s.room_id where s.id in (select value from json_each(?))`,
  participant: `select p.id, p.name, p.nip, s.code as "where" from participants p join sessions s on s.id = p.session_id where p.id in (select value from json_each(?))`,
  incident: `select i.id, i.category as name, null as nip, s.code as "where" from incidents i join sessions s on s.id = i.session_id where i.id in (select value from json_each(?))`,
  visitor: `select v.id, v.name, null as nip, v.affiliation as "where" from room_visitors v where v.id in (select value from json_each(?))`,
  venue: `select id, name, null as nip, null as "where" from venues where id in (select value from json_each(?))`,
  activity: `select a.id, a.agency as name, null as nip, v.name as "where" from activities a join venues v on v.id = a.venue_id where a.id in (select value from json_each(?))`,
  document: `select d.id, d.number as name, null as nip, v.name as "where" from documents d join venues v on v.id = d.venue_id where d.id in (select value from json_each(?))`
};

/** Names of everything the rows mention (never stored: the trail keeps ids, its hashes cover them). */
export function auditRefs(db: Db, rows: readonly AuditRow[]): AuditRefs {
  const refs: AuditRefs = {};
  for (const [type, ids] of auditMentions(rows)) {
    const found = db.$client.prepare(NAME_QUERIES[type]).all(JSON.stringify([...ids].map(Number))) as ({ id: number } & AuditName)[];
    refs[type] = Object.fromEntries(found.map(({ id, ...n }) => [String(id), n]));
  }
  return refs;
}

/** The distinct action names, for the filter. */
export function auditActions(db: Db): string[] {
  return (db.$client.prepare('select distinct action from audit_log order by action').all() as { action: string }[]).map((r) => r.action);
}
