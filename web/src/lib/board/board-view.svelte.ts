/**
 * The coordinator board's live state (Perban BKN 4/2024 Pasal 16; SE BKN 6/2026 §5.i.5): joins
 * the board over the one dashboard socket, holds the snapshot and applies the server's versioned
 * deltas (board-sync.ts: a version gap or a reconnect joins again for a fresh snapshot), follows
 * which venues just got worse (the "hide healthy" grace), and gives the page its ranked, filtered
 * rows and the top bar's counts. The filters themselves live in the page's URL.
 */
import type { AttentionLevel, BoardSnapshot, VenueBoardRow } from '$protocol/board.ts';
import { getSocket, request } from '../realtime/socket.ts';
import { BoardSync, type BoardChannel } from './board-sync.ts';
import { WORSENED_GRACE_MS, countBoard, filterOptions, filterVenues, inScope, justWorsened, trackWorsened, type BoardViewFilter } from './board-filter.ts';

/** The board over realtime/socket.ts. */
export function socketChannel(): BoardChannel {
  const s = getSocket();
  return {
    join: async () => (await request('board:join', {})).snapshot,
    leave: () => void request('board:leave', {}).catch(() => undefined),
    connected: () => s.connected,
    onDelta(cb) {
      s.on('board:delta', cb);
      return () => void s.off('board:delta', cb);
    },
    onConnect(cb) {
      s.on('connect', cb);
      return () => void s.off('connect', cb);
    }
  };
}

export class BoardView {
  snapshot = $state.raw<BoardSnapshot | null>(null);
  /** the last failed join (a RequestError), worded by the page with errorText */
  error = $state<unknown>(null);
  /** venue id → when its level last got worse (within WORSENED_GRACE_MS) */
  worsenedAt = $state.raw<Map<number, number>>(new Map());
  /** the clock the grace is measured on; moves every few seconds while a venue is in its grace */
  now = $state(Date.now());

  #levels = new Map<number, AttentionLevel>();
  #sync: BoardSync | null = null;
  #tick: ReturnType<typeof setInterval> | null = null;

  readonly loading = $derived(this.snapshot === null && this.error === null);
  /** every venue of the scope, ranked (the snapshot's order: protocol/board.ts rankVenues) */
  readonly rows = $derived<VenueBoardRow[]>(this.snapshot?.venues ?? []);
  readonly options = $derived(filterOptions(this.rows));

  /** Start following the board (in the browser); returns the stop. */
  start(channel: BoardChannel = socketChannel()): () => void {
    const sync = new BoardSync(channel, {
      snapshot: (s) => this.#take(s),
      error: (err) => (this.error = err)
    });
    this.#sync = sync;
    sync.start();
    // the grace runs out without any delta: look again every few seconds
    this.#tick = setInterval(() => {
      if (this.worsenedAt.size > 0) this.#expire(Date.now());
    }, 5000);
    return () => {
      sync.stop();
      if (this.#tick) clearInterval(this.#tick);
      this.#tick = null;
      this.#sync = null;
    };
  }

  /** Ask for the whole board again (the retry button). */
  retry(): void {
    this.error = null;
    void this.#sync?.join();
  }

  /** The venues `filter` keeps, ranked. */
  shown(filter: BoardViewFilter): VenueBoardRow[] {
    return filterVenues(this.rows, filter, this.worsenedAt, this.now);
  }

  /** The top bar's counts over the venues in the filter's scope (region, agency, venue kind). */
  counts(filter: BoardViewFilter) {
    return countBoard(this.rows.filter((r) => inScope(r, filter)));
  }

  /** Whether the venue got worse in the last minute (the row says so). */
  isNew(venueId: number): boolean {
    return justWorsened(venueId, this.worsenedAt, this.now);
  }

  #take(s: BoardSnapshot) {
    const now = Date.now();
    const t = trackWorsened(this.#levels, s.venues, this.worsenedAt, now);
    this.#levels = t.levels;
    this.worsenedAt = t.worsenedAt;
    this.now = now;
    this.error = null;
    this.snapshot = s;
  }

  #expire(now: number) {
    this.now = now;
    const kept = new Map([...this.worsenedAt].filter(([, at]) => now - at < WORSENED_GRACE_MS));
    if (kept.size !== this.worsenedAt.size) this.worsenedAt = kept;
  }
}
