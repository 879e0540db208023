/**
 * Live state of one test room on the dashboard.
 *
 * The server pushes telemetry (~4×/s, volatile) and change patches (reliable). Applying every
 * message as it arrives would re-render tiles hundreds of times a second in a 500-station room,
 * so messages are buffered — merged per station, newest wins — and applied at most once per
 * FLUSH_MS, inside requestAnimationFrame (a hidden tab applies nothing and the buffer stays
 * bounded by the station count). On every (re)connect the room is joined again and the fresh
 * snapshot replaces the state: after a gap, patches alone cannot be trusted.
 */
import type {
  DashboardServerEvents,
  RoomInfo,
  RoomSnapshot,
  SessionSummary,
  SessionTopic,
  StationDetail,
  StationPatch,
  StationTally,
  StationView,
  TelemetryEntry
} from '$protocol';
// Runtime constants from limits.ts directly: the $protocol index also re-exports the zod
// schemas, and importing a value through it would bundle zod (~100 kB) into the dashboard.
import { LAMPIRAN_II, PROASN_DURATION_MIN } from '$protocol/limits.ts';
import { addToTally, emptyTally, isIdleSpare, needsAttention } from '$protocol/room-status.ts';
import { tileExtras } from './grid-layout.ts';
import { getSocket, request } from '../realtime/socket.ts';
import { clock } from './clock.svelte.ts';

export const FLUSH_MS = 250;
/**
 * Station patches applied per animation frame. A room-wide latency spike turns every station
 * degraded with a marker within a second or two: 500 tiles changing in one frame was a 100+ ms
 * task. The rest follow in the next frames (a few frames for a whole room), each station's
 * telemetry waiting with its patch so a newer sample is never overwritten by an older state.
 */
export const PATCHES_PER_FRAME = 50;

export const FILTERS = ['all', 'attention', 'offline', 'degraded', 'notLoggedIn', 'finished'] as const;
export type Filter = (typeof FILTERS)[number];
export const SORTS = ['seat', 'attention'] as const;
export type Sort = (typeof SORTS)[number];

/** the room's headline numbers: the same rule as the room list (protocol/room-status.ts) */
export type Counters = StationTally;

type TelemetryListener = (entries: TelemetryEntry[]) => void;

const bySeat = (a: StationView, b: StationView) => a.row - b.row || a.col - b.col || a.code.localeCompare(b.code);

/** Lower rank = shown first when sorting by attention. */
function attentionRank(s: StationView): number {
  if (needsAttention(s)) return 0;
  if (isIdleSpare(s)) return 5;
  if (s.state === 'offline') return 1;
  if (s.state === 'degraded') return 2;
  if (s.participant && !s.participant.loggedIn) return 3;
  return 4;
}

function oldestAttention(s: StationView): number {
  let min = Infinity;
  for (const a of s.attention) min = Math.min(min, a.at);
  return min;
}

export function matchesFilter(s: StationView, f: Filter): boolean {
  switch (f) {
    case 'all':
      return true;
    case 'attention':
      return needsAttention(s);
    case 'offline':
      // an unenrolled spare nobody sits at is idle, not a PC that went down
      return s.state === 'offline' && !isIdleSpare(s);
    case 'degraded':
      return s.state === 'degraded';
    case 'notLoggedIn':
      // a spare PC with nobody assigned is not a missing participant
      return !s.participant?.loggedIn && !(s.spare && !s.participant);
    case 'finished':
      return !!s.participant?.finished;
  }
}

export class RoomView {
  readonly roomId: number;

  room = $state<RoomInfo | null>(null);
  session = $state<SessionSummary | null>(null);
  /**
   * Bumped for each topic a room:session message names (and all of them on a new snapshot): a
   * page that lists attendance, incidents, visitors … fetches its list again when its counter moves.
   */
  topics = $state<Record<SessionTopic, number>>({
    state: 0, checklist: 0, pin: 0, participants: 0, attendance: 0, visitors: 0, incidents: 0, actions: 0
  });
  limits = $state<RoomSnapshot['limits']>({
    maxLatencyMs: LAMPIRAN_II.maxLatencyMs,
    minBandwidthKbps: LAMPIRAN_II.minBandwidthKbps,
    heartbeatMs: 2000,
    offlineAfterMs: 10000,
    degradeAfter: 2
  });
  /** when the server process started and until when stations may reconnect after it (a restart is shown as one) */
  server = $state<RoomSnapshot['server'] | null>(null);
  /** every station of the room, keyed by id; tiles read their station object from here */
  stations = $state<Record<number, StationView>>({});
  /** ids in seat order; changes only with a new snapshot */
  seatOrder = $state<number[]>([]);
  loading = $state(true);
  /** the last failed join (a RequestError), worded by the page with errorText */
  error = $state<unknown>(null);
  /** server time of the last applied snapshot or batch */
  updatedAt = $state<number | null>(null);

  filter = $state<Filter>('all');
  sort = $state<Sort>('seat');

  /**
   * The room's numbers, counted once after each batch of changes (#recount) rather than as
   * deriveds over 500 stations: a derived re-registers its thousands of reads every time any
   * station changes, which cost more than the counting itself.
   */
  counters = $state.raw<Counters>(emptyTally());
  /** people at a PC who have neither finished nor been ended (finishing the session cuts them off) */
  working = $state(0);
  /** extra lines each station's tile shows (markers, Lampiran II, flags): the grid's row heights */
  readonly extras = new Map<number, number>();
  /** moves whenever an entry of `extras` changed */
  extrasVersion = $state(0);

  /**
   * Every station in the order drawn (seat order, or attention first). The grid draws all of them
   * and hides what the filter leaves out, so switching a filter does not rebuild hundreds of tiles.
   * Reads no telemetry field, so telemetry does not re-run it; in seat order no patch does either.
   */
  ordered: StationView[] = $derived.by(() => {
    const list: StationView[] = [];
    for (const id of this.seatOrder) {
      const s = this.stations[id];
      if (s) list.push(s);
    }
    if (this.sort === 'attention') {
      list.sort((a, b) => attentionRank(a) - attentionRank(b) || oldestAttention(a) - oldestAttention(b) || bySeat(a, b));
    }
    return list;
  });

  /** the stations the filter shows, in drawing order */
  visible: StationView[] = $derived(this.filter === 'all' ? this.ordered : this.ordered.filter((s) => matchesFilter(s, this.filter)));

  /** session length, for deadlines the server did not fill in */
  get durationMs(): number {
    return (this.session?.durationMin ?? PROASN_DURATION_MIN) * 60_000;
  }

  #telemetry = new Map<number, TelemetryEntry>();
  /** merged patches per station, with the server time of the newest message that touched it */
  #patches = new Map<number, { at: number; patch: StationPatch }>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #raf = 0;
  #lastFlush = 0;
  #listeners = new Set<TelemetryListener>();
  #detach: (() => void) | null = null;

  constructor(roomId: number) {
    this.roomId = roomId;
  }

  /** Count again after stations changed (`ids`: only those changed; none = all). Runs outside any effect: no dependencies. */
  #recount(ids?: Iterable<number>) {
    const c = emptyTally();
    let working = 0;
    for (const id of this.seatOrder) {
      const s = this.stations[id];
      if (!s) continue;
      addToTally(c, s);
      const p = s.participant;
      if (p?.loggedIn && !p.finished && p.endedAt == null) working++;
    }
    const prev = this.counters;
    if ((Object.keys(c) as (keyof Counters)[]).some((k) => c[k] !== prev[k])) this.counters = c;
    this.working = working;
    let changed = false;
    for (const id of ids ?? this.seatOrder) {
      const s = this.stations[id];
      const n = s ? tileExtras(s) : 0;
      if ((this.extras.get(id) ?? 0) !== n) {
        this.extras.set(id, n);
        changed = true;
      }
    }
    if (changed) this.extrasVersion++;
  }

  /** Subscribe to the socket and join the room; joins again on every reconnect. */
  connect() {
    if (this.#detach) return;
    const socket = getSocket();
    const onTelemetry: DashboardServerEvents['room:telemetry'] = (p) => {
      if (p.roomId !== this.roomId) return;
      for (const e of p.entries) this.#telemetry.set(e.id, e);
      this.#schedule();
    };
    const onChanges: DashboardServerEvents['room:changes'] = (p) => {
      if (p.roomId !== this.roomId) return;
      for (const patch of p.patches) {
        const prev = this.#patches.get(patch.id);
        if (prev) {
          Object.assign(prev.patch, patch);
          prev.at = p.at;
        } else this.#patches.set(patch.id, { at: p.at, patch: { ...patch } });
      }
      this.#schedule();
    };
    // Session changes are human-paced (a few per minute): applied at once, not batched.
    const onSession: DashboardServerEvents['room:session'] = (p) => {
      if (p.roomId !== this.roomId) return;
      this.session = p.session;
      for (const t of p.changed) this.topics[t]++;
    };
    const onConnect = () => void this.join();
    socket.on('room:telemetry', onTelemetry);
    socket.on('room:changes', onChanges);
    socket.on('room:session', onSession);
    socket.on('connect', onConnect);
    this.#detach = () => {
      socket.off('room:telemetry', onTelemetry);
      socket.off('room:changes', onChanges);
      socket.off('room:session', onSession);
      socket.off('connect', onConnect);
    };
    if (socket.connected) void this.join();
  }

  destroy() {
    this.#detach?.();
    this.#detach = null;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#raf) cancelAnimationFrame(this.#raf);
    this.#listeners.clear();
    const socket = getSocket();
    if (socket.connected) socket.emit('room:leave', { roomId: this.roomId }, () => {});
  }

  async join() {
    try {
      const res = await request('room:join', { roomId: this.roomId });
      this.#applySnapshot(res.snapshot);
      this.error = null;
    } catch (err) {
      this.error = err;
    } finally {
      this.loading = false;
    }
  }

  #applySnapshot(snap: RoomSnapshot) {
    clock.sync(snap.serverTime);
    this.room = snap.room;
    this.session = snap.session;
    // after a gap every list may be stale
    for (const k of Object.keys(this.topics) as SessionTopic[]) this.topics[k]++;
    this.limits = snap.limits;
    this.server = snap.server;
    const next: Record<number, StationView> = {};
    for (const s of snap.stations) next[s.id] = s;
    this.stations = next;
    this.seatOrder = [...snap.stations].sort(bySeat).map((s) => s.id);
    this.updatedAt = snap.serverTime;
    this.extras.clear();
    this.#recount();
    // Buffered messages older than the snapshot are already in it; newer ones still apply.
    for (const [id, e] of this.#telemetry) if (e.at < snap.serverTime) this.#telemetry.delete(id);
    for (const [id, p] of this.#patches) if (p.at < snap.serverTime) this.#patches.delete(id);
  }

  #schedule() {
    if (this.#timer || this.#raf) return;
    const wait = Math.max(0, this.#lastFlush + FLUSH_MS - performance.now());
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#raf = requestAnimationFrame(() => {
        this.#raf = 0;
        this.#flush();
      });
    }, wait);
  }

  #flush() {
    this.#lastFlush = performance.now();
    let newest = this.updatedAt ?? 0;
    const batch: { at: number; patch: StationPatch }[] = [];
    for (const [id, p] of this.#patches) {
      if (batch.length >= PATCHES_PER_FRAME) break;
      batch.push(p);
      this.#patches.delete(id);
    }
    const entries: TelemetryEntry[] = [];
    for (const [id, e] of this.#telemetry) {
      if (this.#patches.has(id)) continue; // waits with its station's patch
      entries.push(e);
      this.#telemetry.delete(id);
    }
    for (const e of entries) {
      const s = this.stations[e.id];
      if (!s) continue;
      s.rtt = e.rtt;
      s.jit = e.jit;
      s.lastSeenAt = e.at;
      newest = Math.max(newest, e.at);
    }
    // Patches after telemetry: a state transition (e.g. offline, rtt cleared) wins over a sample
    // that was in flight when it happened.
    for (const { at, patch } of batch) {
      const s = this.stations[patch.id];
      if (!s) continue;
      const { id: _id, ...fields } = patch;
      Object.assign(s, fields);
      newest = Math.max(newest, at);
    }
    if (batch.length) this.#recount(batch.map((b) => b.patch.id));
    this.updatedAt = newest;
    if (entries.length) for (const l of this.#listeners) l(entries);
    // more than a frame's worth: the rest in the next frame, not after FLUSH_MS
    if (this.#patches.size && !this.#raf && !this.#timer) {
      this.#raf = requestAnimationFrame(() => {
        this.#raf = 0;
        this.#flush();
      });
    }
  }

  /** Live telemetry as applied (at most every FLUSH_MS), for charts that append samples. */
  onTelemetry(listener: TelemetryListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async ackAttention(stationId: number) {
    await request('station:ack-attention', { stationId });
    // The server confirms with a patch too; clearing now gives the proctor immediate feedback.
    const s = this.stations[stationId];
    if (s) s.attention = [];
    this.#recount([stationId]);
  }

  /** A proctor unlocked the station's session PIN (HTTP); the server's patch confirms it, this shows it now. */
  markPinUnlocked(stationId: number) {
    const s = this.stations[stationId];
    if (s) s.pinLockedUntil = null;
    this.#recount([stationId]);
  }

  async probe(stationId: number) {
    return request('station:probe', { stationId });
  }

  /** Bandwidth probe of every connected station, staggered by the server (daftar periksa B.4). */
  async probeAll(): Promise<number> {
    const res = await request('room:probe-all', { roomId: this.roomId });
    return res.count;
  }

  async detail(stationId: number): Promise<StationDetail> {
    const res = await request('station:detail', { stationId });
    return res.detail;
  }

  /** Deadline of the participant at a station: the server's, else start + session length. */
  deadlineOf(s: StationView): number | null {
    const p = s.participant;
    if (!p) return null;
    if (p.deadlineAt != null) return p.deadlineAt;
    return p.startedAt != null ? p.startedAt + this.durationMs : null;
  }
}
