/**
 * The hash format of the audit trail's rows (table `audit_log`, db/schema.ts; Perban BKN 4/2024
 * Pasal 3: accountability). Each row's hash is sha-256 over the previous row's hash and the row's
 * own content, in a fixed field order, so changing any field of any row, deleting a row or
 * reordering rows breaks every later link. It lives beside the table it describes: appending
 * (db/queries/audit.ts) and checking (server/domain/audit-chain.ts) use this one definition.
 */
import { createHash } from 'node:crypto';
import type { AuditRow } from '../protocol/index.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** What is hashed: the stored row (the fields an AuditRow shows, before/after as their stored JSON text). */
export type AuditContent = Pick<AuditRow, 'id' | 'at' | 'actorId' | 'actorNip' | 'actorName' | 'actorRole' | 'ip' | 'venueId' | 'action' | 'targetType' | 'targetId'> & {
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
