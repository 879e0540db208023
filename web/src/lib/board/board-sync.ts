/**
 * Keeping the board's snapshot current, without Svelte (so the unit tests drive it with a fake
 * channel): join for a snapshot, apply each `board:delta` with the contract's version-checked
 * reducer (protocol/board.ts applyDelta), and join again for a fresh snapshot on a version gap or
 * a reconnect — after either, deltas alone cannot be trusted.
 */
import { applyDelta, type BoardDelta, type BoardSnapshot } from '$protocol/board.ts';

/** What the board needs of the socket; the page's is realtime/socket.ts's, a test's a fake. */
export interface BoardChannel {
  /** `board:join`: resolves with the whole board, rejects when refused or not answered */
  join(): Promise<BoardSnapshot>;
  /** `board:leave`, best effort */
  leave(): void;
  /** whether the socket is connected now */
  connected(): boolean;
  /** subscribe to `board:delta`; returns the unsubscribe */
  onDelta(cb: (d: BoardDelta) => void): () => void;
  /** subscribe to (re)connects; returns the unsubscribe */
  onConnect(cb: () => void): () => void;
}

export type BoardSyncEvents = {
  /** a new snapshot (joined) or a delta applied */
  snapshot(s: BoardSnapshot): void;
  /** a join failed (the error as thrown); cleared by the next snapshot */
  error(err: unknown): void;
};

export class BoardSync {
  snapshot: BoardSnapshot | null = null;
  /** joins asked for, the first included (a re-join on a gap or a reconnect adds one) */
  joins = 0;
  #joining: Promise<void> | null = null;
  /** a re-join was asked for while one was under way: do it once that one ends */
  #again = false;
  #stopped = false;
  #off: (() => void)[] = [];

  constructor(
    private readonly channel: BoardChannel,
    private readonly on: BoardSyncEvents
  ) {}

  /** Subscribe and join (now if connected, else at the connect). */
  start(): void {
    this.#off.push(this.channel.onDelta((d) => this.#delta(d)));
    this.#off.push(this.channel.onConnect(() => void this.join()));
    if (this.channel.connected()) void this.join();
  }

  stop(): void {
    this.#stopped = true;
    for (const off of this.#off) off();
    this.#off = [];
    if (this.channel.connected()) this.channel.leave();
  }

  /** Ask for the whole board; a call while a join is under way joins once more after it. */
  join(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#joining) {
      this.#again = true;
      return this.#joining;
    }
    this.joins++;
    this.#joining = this.channel
      .join()
      .then(
        (snapshot) => {
          // always taken, even with a lower version: a restarted server counts its versions anew
          if (this.#stopped) return;
          this.snapshot = snapshot;
          this.on.snapshot(snapshot);
        },
        (err: unknown) => {
          if (!this.#stopped) this.on.error(err);
        }
      )
      .finally(() => {
        this.#joining = null;
        if (this.#again && !this.#stopped) {
          this.#again = false;
          void this.join();
        }
      });
    return this.#joining;
  }

  #delta(delta: BoardDelta): void {
    if (this.#stopped) return;
    // before the first snapshot (or while joining) a delta is covered by the snapshot to come,
    // or is the next one after it: deltas that precede the snapshot are replays applyDelta ignores
    if (!this.snapshot) return;
    const res = applyDelta(this.snapshot, delta);
    if (!res.ok) {
      void this.join();
      return;
    }
    if (!res.applied) return;
    this.snapshot = res.snapshot;
    this.on.snapshot(res.snapshot);
  }
}
