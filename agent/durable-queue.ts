/**
 * DurableQueue: the participant-event queue on disk, so that a crash, a power cut (Lampiran II
 * asks for a UPS precisely because they happen) or an agent restart loses no event.
 *
 * Layout in `dir`:
 *   events.jsonl — append-only, one numbered event per line, fsync'd before append() returns
 *   meta.json    — { stream, nextSeq, acked, unsentFrom }, replaced atomically (write tmp, fsync, rename)
 *
 * Recovery rules on open:
 *   - a torn last line (crash mid-write) is cut off; a complete line without its newline is kept
 *   - lines with seq ≤ acked are already applied by the server and are skipped
 *   - nextSeq = max(meta.nextSeq, last logged seq + 1, acked + 1): the log is authoritative for
 *     numbers handed out since meta was last written
 *   - meta missing or unreadable: a new stream, and any surviving events are renumbered from 1
 *   - unsentFrom = the first number this open hands out, unless an earlier open that never reached
 *     a server left a lower one: numbers from there on were never sent, so the hello's sync keeps
 *     (renumbers) them even if the server claims them — it may, when the log lost lines the server
 *     had already applied (a torn tail after the send, a disk that dropped fsync'd writes)
 * Meta is always written before the log is truncated or rewritten, so a crash between the two
 * leaves at worst already-acked lines that the next open filters out.
 *
 * Synchronous I/O on purpose: events arrive every few seconds, and sync calls make the ordering
 * of "numbered → on disk → sent" trivially correct.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type ParticipantEvent } from '../protocol/index.ts';
import { participantEventSchema, streamIdSchema } from '../protocol/schemas/index.ts';
import { QueueCore, newStreamId } from './event-queue.ts';

type Meta = { stream: string; nextSeq: number; acked: number; unsentFrom: number | null };

export type RecoveryReport = {
  /** an incomplete last line was cut off */
  tornTail: boolean;
  /** unparseable or out-of-order lines skipped (they disappear at the next compaction) */
  badLines: number;
  /** meta.json was lost or unreadable while the directory had been used: a new stream was started */
  newStream: boolean;
  /** the directory held no queue yet (first start of this install) */
  created: boolean;
};

export type DurableQueueOptions = {
  /** rewrite the log after this many acknowledged events (it is truncated anyway whenever the queue drains) */
  compactEvery?: number;
};

const LOG = 'events.jsonl';
const META = 'meta.json';

export class DurableQueue extends QueueCore {
  readonly recovery: RecoveryReport;
  private fd: number;
  private ackedSinceCompact = 0;
  private readonly compactEvery: number;

  private constructor(
    private readonly dir: string,
    meta: Meta,
    events: ParticipantEvent[],
    recovery: RecoveryReport,
    opts: DurableQueueOptions
  ) {
    super(meta.stream, meta.nextSeq, meta.acked, meta.unsentFrom);
    this.events = events;
    this.recovery = recovery;
    this.compactEvery = opts.compactEvery ?? 1000;
    this.fd = fs.openSync(this.logPath, 'a');
  }

  static open(dir: string, opts: DurableQueueOptions = {}): DurableQueue {
    fs.mkdirSync(dir, { recursive: true });
    const logPath = path.join(dir, LOG);
    const { events: logged, tornAt, missingNewline, badLines } = readLog(logPath);
    if (tornAt !== null) truncateFile(logPath, tornAt);
    else if (missingNewline) fs.appendFileSync(logPath, '\n');

    const metaPath = path.join(dir, META);
    const meta = readMeta(metaPath);
    const created = meta === null && !fs.existsSync(metaPath) && logged.length === 0 && tornAt === null && badLines === 0;
    const recovery: RecoveryReport = { tornTail: tornAt !== null, badLines, newStream: meta === null && !created, created };
    let q: DurableQueue;
    if (meta && !logged.some((e) => e.seq > meta.acked)) {
      // Nothing waits to be sent: start a fresh stream. Numbers then never depend on a state the
      // disk may have been rolled back to — test-room PCs often restore their disk image at every
      // boot ("deep freeze"), and an old stream's numbers would collide with what the server
      // already applied from it.
      q = new DurableQueue(dir, { stream: newStreamId(), nextSeq: 1, acked: 0, unsentFrom: 1 }, [], recovery, opts);
      q.writeMeta();
      if (logged.length) truncateFile(logPath, 0);
      syncDir(dir);
    } else if (meta) {
      const pending = logged.filter((e) => e.seq > meta.acked);
      const lastSeq = logged.length ? logged[logged.length - 1].seq : 0;
      const nextSeq = Math.max(meta.nextSeq, lastSeq + 1, meta.acked + 1);
      // Logged events may have been sent (by an earlier run); what we number from here on was not.
      const unsentFrom = Math.min(meta.unsentFrom ?? nextSeq, nextSeq);
      q = new DurableQueue(dir, { stream: meta.stream, nextSeq, acked: meta.acked, unsentFrom }, pending, recovery, opts);
      if (nextSeq !== meta.nextSeq || unsentFrom !== meta.unsentFrom) q.writeMeta();
    } else {
      // Without meta we cannot know which stream those numbers belonged to: start a new one.
      const events = logged.map((e, i) => ({ ...e, seq: i + 1 }));
      // A new stream: no server has seen any of its numbers yet.
      q = new DurableQueue(dir, { stream: newStreamId(), nextSeq: events.length + 1, acked: 0, unsentFrom: 1 }, events, recovery, opts);
      q.writeMeta();
      if (logged.length) q.rewriteLog();
      syncDir(dir);
    }
    return q;
  }

  private get logPath(): string {
    return path.join(this.dir, LOG);
  }

  protected persistAppend(ev: ParticipantEvent): void {
    fs.writeSync(this.fd, JSON.stringify(ev) + '\n');
    fs.fsyncSync(this.fd);
  }

  protected persistAck(dropped: number): void {
    this.writeMeta();
    this.ackedSinceCompact += dropped;
    if (this.events.length === 0) {
      // Drained (the usual state while online): an empty log is the cheapest compaction.
      fs.ftruncateSync(this.fd, 0);
      fs.fsyncSync(this.fd);
      this.ackedSinceCompact = 0;
    } else if (this.ackedSinceCompact >= this.compactEvery) {
      this.rewriteLog();
    }
  }

  protected persistRewrite(): void {
    this.writeMeta();
    this.rewriteLog();
  }

  close(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      /* already closed */
    }
  }

  private writeMeta(): void {
    const meta: Meta = { stream: this.stream, nextSeq: this.nextSeq, acked: this.acked, unsentFrom: this.unsentFrom };
    writeFileAtomic(path.join(this.dir, META), JSON.stringify(meta) + '\n');
  }

  /** Replace the log with exactly the pending events. */
  private rewriteLog(): void {
    fs.closeSync(this.fd);
    writeFileAtomic(this.logPath, this.events.map((e) => JSON.stringify(e) + '\n').join(''));
    this.fd = fs.openSync(this.logPath, 'a');
    this.ackedSinceCompact = 0;
  }
}

// ---------------------------------------------------------------- file helpers

function readLog(file: string): {
  events: ParticipantEvent[];
  tornAt: number | null;
  missingNewline: boolean;
  badLines: number;
} {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return { events: [], tornAt: null, missingNewline: false, badLines: 0 };
  }
  const events: ParticipantEvent[] = [];
  let badLines = 0;
  let offset = 0;
  while (offset < buf.length) {
    const nl = buf.indexOf(0x0a, offset);
    const end = nl === -1 ? buf.length : nl;
    const line = buf.subarray(offset, end).toString('utf8').trim();
    const ev = line ? parseEvent(line) : null;
    const last = events.length ? events[events.length - 1].seq : 0;
    if (nl === -1) {
      // The last line has no newline: the write was interrupted. Keep it only if it is whole.
      if (ev && ev.seq > last) return { events: [...events, ev], tornAt: null, missingNewline: true, badLines };
      return { events, tornAt: line ? offset : null, missingNewline: false, badLines };
    }
    if (ev && ev.seq > last) events.push(ev);
    else if (line) badLines++;
    offset = nl + 1;
  }
  return { events, tornAt: null, missingNewline: false, badLines };
}

function parseEvent(line: string): ParticipantEvent | null {
  try {
    const r = participantEventSchema.safeParse(JSON.parse(line));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

function readMeta(file: string): Meta | null {
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Meta>;
    const okInt = (n: unknown, min: number) => Number.isSafeInteger(n) && (n as number) >= min;
    if (!streamIdSchema.safeParse(m.stream).success) return null; // the contract's stream id rule
    if (!okInt(m.nextSeq, 1) || !okInt(m.acked, 0)) return null;
    // absent in queues written before it existed: then everything logged may have been sent
    if (m.unsentFrom != null && !okInt(m.unsentFrom, 1)) return null;
    return { stream: m.stream!, nextSeq: m.nextSeq!, acked: m.acked!, unsentFrom: m.unsentFrom ?? null };
  } catch {
    return null;
  }
}

/** Open `file`, let `fn` write through the descriptor, then fsync and close it. */
function writeSynced(file: string, flags: string, fn: (fd: number) => void): void {
  const fd = fs.openSync(file, flags);
  try {
    fn(fd);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeFileAtomic(file: string, data: string): void {
  const tmp = file + '.tmp';
  writeSynced(tmp, 'w', (fd) => fs.writeSync(fd, data));
  fs.renameSync(tmp, file);
  syncDir(path.dirname(file));
}

function truncateFile(file: string, length: number): void {
  writeSynced(file, 'r+', (fd) => fs.ftruncateSync(fd, length));
}

/** Make a rename durable. Directories cannot be opened on Windows; there the rename is best effort. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    /* not supported on this platform */
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
