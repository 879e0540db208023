/** The audit trail's hash chain, checked over rows held in memory (no database). */
import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH, type AuditContent, type AuditStored } from '../../db/audit-chain.ts';
import { verifyChain } from '../../server/domain/audit-chain.ts';

function content(id: number): AuditContent {
  return {
    id, at: 1_760_000_000_000 + id * 1000, actorId: 7, actorNip: '198504122010031001', actorName: 'Petugas TI',
    actorRole: 'petugas_ti', ip: '127.0.0.1', venueId: 1, action: id % 2 ? 'station.revoked' : 'auth.login',
    targetType: 'station', targetId: String(id), beforeJson: JSON.stringify({ code: `R1-A0${id}` }), afterJson: null
  };
}

/** A correctly linked chain of n rows, ids 1..n. */
function chain(n: number): AuditStored[] {
  const rows: AuditStored[] = [];
  let prev = GENESIS_HASH;
  for (let id = 1; id <= n; id++) {
    const c = content(id);
    const hash = auditHash(prev, c);
    rows.push({ ...c, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

const clone = (rows: AuditStored[]) => rows.map((r) => ({ ...r }));

describe('verifyChain', () => {
  it('accepts an intact chain and reports its length, head and last id', () => {
    const rows = chain(5);
    expect(verifyChain(rows)).toEqual({ ok: true, rows: 5, head: rows[4].hash, lastId: 5 });
  });

  it('accepts an empty trail with the genesis hash as head', () => {
    expect(verifyChain([])).toEqual({ ok: true, rows: 0, head: GENESIS_HASH, lastId: 0 });
  });

  it('hashes every content field: changing any one of them is caught at that row', () => {
    const fields: [keyof AuditContent, unknown][] = [
      ['at', 1], ['actorId', 8], ['actorNip', '198504122010031002'], ['actorName', 'Someone Else'], ['actorRole', 'admin'],
      ['ip', '10.0.0.9'], ['venueId', 2], ['action', 'user.created'], ['targetType', 'user'], ['targetId', '99'],
      ['beforeJson', '{"code":"R1-A09"}'], ['afterJson', '{"x":1}']
    ];
    for (const [field, value] of fields) {
      const rows = clone(chain(5));
      (rows[2] as Record<string, unknown>)[field] = value;
      expect(verifyChain(rows), field).toEqual({ ok: false, rows: 2, badId: 3, reason: 'changed' });
    }
  });

  it('catches a changed row whose own hash was recomputed: the next row no longer links to it', () => {
    const rows = clone(chain(5));
    rows[1].actorName = 'Penyusup';
    rows[1].hash = auditHash(rows[1].prevHash, rows[1]);
    expect(verifyChain(rows)).toEqual({ ok: false, rows: 2, badId: 3, reason: 'broken_link' });
  });

  it('catches reordered rows, whether walked out of order or renumbered in place', () => {
    const rows = chain(5);
    expect(verifyChain([rows[0], rows[2], rows[1], rows[3], rows[4]])).toMatchObject({ ok: false, badId: 3, reason: 'missing_before' });
    // ids swapped so that an id-ordered walk looks sequential
    const swapped = clone(rows);
    swapped[1].id = 3;
    swapped[2].id = 2;
    const byId = [swapped[0], swapped[2], swapped[1], swapped[3], swapped[4]];
    expect(verifyChain(byId)).toEqual({ ok: false, rows: 1, badId: 2, reason: 'broken_link' });
  });

  it('catches a missing row, and a missing row hidden by renumbering the rest', () => {
    const rows = chain(5);
    expect(verifyChain([rows[0], rows[1], rows[3], rows[4]])).toEqual({ ok: false, rows: 2, badId: 4, reason: 'missing_before' });
    expect(verifyChain(rows.slice(1))).toEqual({ ok: false, rows: 0, badId: 2, reason: 'missing_before' });
    const renumbered = clone([rows[0], rows[1], rows[3], rows[4]]);
    renumbered[2].id = 3;
    renumbered[3].id = 4;
    // the ids look continuous again, but the new row 3 still links to the deleted row's hash
    expect(verifyChain(renumbered)).toEqual({ ok: false, rows: 2, badId: 3, reason: 'broken_link' });
  });

  it('a dropped tail still verifies as a shorter chain (the CLI catches that through the sequence)', () => {
    const rows = chain(5);
    expect(verifyChain(rows.slice(0, 4))).toEqual({ ok: true, rows: 4, head: rows[3].hash, lastId: 4 });
  });

  it('binds the hash to the previous hash and to the field order', () => {
    const c = content(1);
    expect(auditHash(GENESIS_HASH, c)).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, c)).toBe(auditHash(GENESIS_HASH, { ...c }));
    expect(auditHash('1'.repeat(64), c)).not.toBe(auditHash(GENESIS_HASH, c));
    // two fields with swapped values must not hash the same
    expect(auditHash(GENESIS_HASH, { ...c, actorNip: 'x', actorName: 'y' })).not.toBe(auditHash(GENESIS_HASH, { ...c, actorNip: 'y', actorName: 'x' }));
    // null and the string "null" differ
    expect(auditHash(GENESIS_HASH, { ...c, afterJson: null })).not.toBe(auditHash(GENESIS_HASH, { ...c, afterJson: 'null' }));
  });
});
