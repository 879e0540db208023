/**
 * Checking the audit trail's hash chain (Perban BKN 4/2024 Pasal 3: accountability). The hash
 * format itself lives beside the table, in db/audit-chain.ts.
 */
import { auditHash, GENESIS_HASH, type AuditStored } from '../../db/audit-chain.ts';

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
