/**
 * What the live path writes, as plain messages: a telemetry batch (samples, minutes, transitions,
 * alerts, facts), a batch of participant events, the retention pass. `createStoreOps` applies
 * them to one connection; the store worker (store-worker.ts) runs it on its own thread, the inline
 * writer (tests on ':memory:') on the main one. Many messages are applied in one transaction — one
 * fsync for all of them (group commit) — each inside its own savepoint, so one failing message
 * fails alone.
 */
import type { Db } from '../../db/client.ts';
import { storeEventBatch, type StoredEvent } from '../../db/queries/events.ts';
import { pruneTelemetry, telemetryWriter, type WriteBatch } from '../../db/queries/telemetry.ts';

export type StoreOp =
  | { kind: 'telemetry'; batch: WriteBatch }
  | { kind: 'events'; stationId: number; stream: string; newLast: number; sessionId: number | null; receivedAt: number; events: StoredEvent[] }
  | { kind: 'prune'; now: number; sampleMs: number; minuteMs: number }
  | { kind: 'checkpoint' };

export type StoreResult = { ok: true; value?: unknown } | { ok: false; error: string };

export function createStoreOps(db: Db) {
  const writeTelemetry = telemetryWriter(db);
  const one = (op: StoreOp): unknown => {
    switch (op.kind) {
      case 'telemetry': return writeTelemetry(op.batch);
      case 'events': return storeEventBatch(db, op);
      case 'prune': return pruneTelemetry(db, op.now, op.sampleMs, op.minuteMs);
      case 'checkpoint': return db.$client.pragma('wal_checkpoint(PASSIVE)');
    }
  };
  const c = db.$client;
  /** Apply many ops in one transaction (one commit, one fsync); each in a savepoint of its own. */
  const group = c.transaction((ops: StoreOp[]): StoreResult[] =>
    ops.map((op) => {
      if (op.kind === 'checkpoint') return { ok: true }; // not inside a transaction: done after it
      try {
        return { ok: true, value: c.transaction(() => one(op))() };
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    })
  );
  return {
    apply(ops: StoreOp[]): StoreResult[] {
      // IMMEDIATE: the group takes the write lock at its start (waiting out a main-connection
      // commit under busy_timeout); a deferred one could fail a savepoint midway with SQLITE_BUSY.
      const results = group.immediate(ops);
      ops.forEach((op, i) => {
        if (op.kind === 'checkpoint') results[i] = { ok: true, value: c.pragma('wal_checkpoint(PASSIVE)') };
      });
      return results;
    }
  };
}
