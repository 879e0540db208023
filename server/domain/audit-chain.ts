/**
 * The audit trail's hash chain (Perban BKN 4/2024 Pasal 3: accountability). Each row's hash is
 * sha-256 over the previous row's hash and the row's own content, in a fixed field order, so
 * changing any field of any row, deleting a row or reordering rows breaks every later link.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditContent = {
  id: number;
  at: number;
  actorId: number | null;
  actorNip: string | null;
  actorName: string | null;
  actorRole: string;
  ip: string | null;
  venueId: number | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
};
export type AuditStored = AuditContent & { prevHash: string; hash: string };

export function auditHash(prevHash: string, c: AuditContent): string {
  // An array, not an object: the order is part of the format and JSON.stringify keeps it.
  const body = JSON.stringify([
    c.id, c.at, c.actorId, c.actorNip, c.actorName, c.actorRole, c.ip, c.venueId,
    c.action, c.targetType, c.targetId, c.beforeJson, c.afterJson
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export type ChainReport =
  | { ok: true; rows: number; head: string; lastId: number }
  | { ok: false; rows: number; badId: number; reason: 'changed' | 'missing_before' | 'broken_link' };

/**
 * Walks rows in id order. `changed`: the row's content no longer matches its hash;
 * `missing_before`: ids jump, so rows before this one were deleted; `broken_link`: the row's
 * prev_hash is not the previous row's hash (a row before it was replaced or removed).
 */
export function verifyChain(rows: Iterable<AuditStored>): ChainReport {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let n = 0;
  for (const r of rows) {
    if (r.id !== lastId + 1) return { ok: false, rows: n, badId: r.id, reason: 'missing_before' };
    if (r.prevHash !== prev) return { ok: false, rows: n, badId: r.id, reason: 'broken_link' };
    if (auditHash(r.prevHash, r) !== r.hash) return { ok: false, rows: n, badId: r.id, reason: 'changed' };
    prev = r.hash;
    lastId = r.id;
    n++;
  }
  return { ok: true, rows: n, head: prev, lastId };
}
