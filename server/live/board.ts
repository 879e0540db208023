/**
 * The coordinator board's aggregate (Perban BKN 4/2024 Pasal 16: the coordinator oversees and
 * evaluates every venue in its scope; SE BKN 6/2026 §5.i.5): one row per venue, built from the
 * hub's memory (the stations of its rooms) and from the store (its sessions of its today, their
 * rosters, incidents and checklists), scored by server/domain/venue-attention.ts.
 *
 * Once a second (BOARD_PUSH_INTERVAL_MS), and only while at least one board is joined, the rows
 * are rebuilt and compared with the last ones; when anything changed the board's version goes up
 * by one and every joined board gets ONE `board:delta` of that version, cut to its scope (it may
 * be empty: every board sees every version, so a gap always means a lost delta). No station
 * traffic reaches a board. The store is read with two statements a tick (db/queries/board.ts),
 * whatever the number of venues and stations.
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/client.ts';
import { boardSessions, boardVenues, type BoardSessionRecord } from '../../db/queries/board.ts';
import { BOARD_PUSH_INTERVAL_MS, rankVenues, type BoardDelta, type BoardSession, type BoardSnapshot, type VenueBoardFacts, type VenueBoardRow } from '../../protocol/board.ts';
import { addToTally, emptyTally, isIdleSpare } from '../../protocol/room-status.ts';
import { venueDay } from '../domain/activity-rules.ts';
import { boardRowOf, diffRows } from '../domain/venue-attention.ts';
import type { Emitter } from '../realtime/emitter.ts';
import type { Logger } from '../log.ts';
import type { RoomLive } from './live-state.ts';
import { liveCounts } from './session-summary.ts';

/** What the board reads of the hub: its rooms (with their stations) and the latency limit. */
export type BoardSource = { readonly rooms: ReadonlyMap<number, RoomLive>; readonly cfg: { readonly maxLatencyMs: number } };

/** A joined board: which venues its user sees, and the venues it has rows of now. */
type Joined = { sees: (venueId: number) => boolean; shown: Set<number> };

/** States in which the daftar periksa (Lampiran I.B) is due before the room opens to participants. */
const CHECKLIST_DUE: readonly string[] = ['preparation', 'open'];

export class VenueBoard {
  /** the rows of the last computation, by venue id, and what version they are */
  private rows = new Map<number, VenueBoardRow>();
  version = 0;
  /** when the rows were last computed */
  at = 0;
  /** the joined boards, by socket id */
  private readonly joined = new Map<string, Joined>();
  private timer: NodeJS.Timeout | null = null;
  /** how long the last tick took (ms): the live path's budget is kept in sight */
  lastTickMs = 0;
  /**
   * The counts of today's finalised sessions, read once: a finalised session's records are closed
   * (Pasal 14(1)l–m; every route that would change one refuses), so they are not read every tick.
   */
  private frozen = new Map<number, { roster: number; present: number; incidents: number }>();

  constructor(
    private readonly db: Db,
    private readonly hub: BoardSource,
    private readonly emitter: Pick<Emitter, 'boardDeltas'>,
    private readonly log: Logger
  ) {}

  start() {
    this.timer = setInterval(() => {
      try { this.tick(); } catch (err) { this.log.error({ err }, 'board tick failed'); }
    }, BOARD_PUSH_INTERVAL_MS);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get boards(): number {
    return this.joined.size;
  }

  /**
   * A board joins: the rows of its scope, ranked, at the current version; the deltas that follow
   * are the next versions. With no board joined the rows were not kept current, so they are
   * computed first (nobody else is waiting for that version). Called in the same turn as the
   * socket joins the board's channel: no tick can fall between the snapshot and the join.
   */
  join(socketId: string, sees: (venueId: number) => boolean, now = Date.now()): BoardSnapshot {
    if (!this.joined.size) this.refresh(now);
    const venues = rankVenues([...this.rows.values()].filter((r) => sees(r.venueId)));
    this.joined.set(socketId, { sees, shown: new Set(venues.map((r) => r.venueId)) });
    return { version: this.version, at: this.at, venues };
  }

  leave(socketId: string) {
    this.joined.delete(socketId);
  }

  /** One push interval: nothing at all while no board is joined; otherwise recompute and push what changed. */
  tick(now = Date.now()) {
    if (!this.joined.size) return;
    const t0 = performance.now();
    const { changed, removed } = this.refresh(now);
    if (changed.length || removed.length) {
      const version = this.version;
      const at = this.at;
      this.emitter.boardDeltas((socketId) => this.deltaFor(socketId, version, at, changed));
    }
    this.lastTickMs = performance.now() - t0;
  }

  /** Recompute the rows; when they differ from the last ones, they become the next version. */
  private refresh(now: number) {
    const next = this.compute(now);
    const d = diffRows([...this.rows.values()], next);
    this.rows = new Map(next.map((r) => [r.venueId, r]));
    this.at = now;
    if (d.changed.length || d.removed.length) this.version++;
    return d;
  }

  /**
   * This board's part of the version: the changed rows it sees, rows that came into its scope, and
   * the venues it had that left the board or its scope. Null for a socket that is not joined.
   */
  private deltaFor(socketId: string, version: number, at: number, changed: VenueBoardRow[]): BoardDelta | null {
    const j = this.joined.get(socketId);
    if (!j) return null;
    const rows = changed.filter((r) => j.sees(r.venueId));
    const sent = new Set(rows.map((r) => r.venueId));
    const removed: number[] = [];
    for (const id of j.shown) {
      if (!this.rows.has(id) || !j.sees(id)) {
        removed.push(id);
        j.shown.delete(id);
      }
    }
    for (const r of this.rows.values()) {
      if (!j.shown.has(r.venueId) && j.sees(r.venueId) && !sent.has(r.venueId)) rows.push(r);
    }
    for (const r of rows) j.shown.add(r.venueId);
    return { version, at, changed: rows, removed };
  }

  /** Every venue's row at `now`, from the hub's memory and two reads of the store. */
  compute(now: number): VenueBoardRow[] {
    const venues = boardVenues(this.db);
    const days = new Map<string, [number, number]>();
    for (const v of venues) if (!days.has(v.timeZone)) days.set(v.timeZone, venueDay(now, v.timeZone));
    let from = Infinity, to = -Infinity;
    for (const [a, b] of days.values()) {
      from = Math.min(from, a);
      to = Math.max(to, b);
    }
    // a room's current session is counted from its summary (rebuilt by the hub on every change of it)
    const summaries = new Map<number, NonNullable<RoomLive['summary']>>();
    for (const room of this.hub.rooms.values()) if (room.summary) summaries.set(room.summary.id, room.summary);
    const sessions = days.size ? boardSessions(this.db, from, to, [...summaries.keys(), ...this.frozen.keys()]) : [];
    const frozen = new Map<number, { roster: number; present: number; incidents: number }>();

    const facts = new Map<number, VenueBoardFacts>();
    for (const v of venues) {
      facts.set(v.id, {
        venueId: v.id, code: v.code, name: v.name, kind: v.kind, region: v.region, timeZone: v.timeZone,
        sessions: [],
        stations: { total: 0, online: 0, degraded: 0, offline: 0, missing: 0 },
        participants: { roster: 0, present: 0, working: 0, finished: 0 },
        openIncidents: 0, postponed: 0, checklistPending: 0, lampiran2Failures: 0, latencyBreaches: 0
      });
    }

    // today's sessions, each in its venue's own day
    const today = new Set<number>();
    for (const s of sessions) {
      const f = facts.get(s.venueId);
      const day = f && days.get(f.timeZone);
      if (!f || !day || s.scheduledAt < day[0] || s.scheduledAt >= day[1]) continue;
      today.add(s.id);
      f.sessions.push(boardSessionOf(s));
      const summary = summaries.get(s.id);
      const kept = this.frozen.get(s.id);
      const roster = s.roster ?? kept?.roster ?? summary?.counts.participants ?? 0;
      const present = s.present ?? kept?.present ?? summary?.counts.present ?? 0;
      const incidents = s.incidents ?? kept?.incidents ?? summary?.incidents ?? 0;
      if (s.state === 'finalised') frozen.set(s.id, { roster, present, incidents });
      f.participants.roster += roster;
      f.participants.present += present;
      if (s.state !== 'finalised') f.openIncidents += incidents;
      if (s.state === 'postponed') f.postponed++;
      if (CHECKLIST_DUE.includes(s.state) && !s.checklistDone) f.checklistPending++;
    }

    // only today's finalised sessions are kept (the map does not grow past a day)
    this.frozen = frozen;

    // the stations, from memory: counted as on the room list, plus what the score needs
    const maxLatency = this.hub.cfg.maxLatencyMs;
    for (const room of this.hub.rooms.values()) {
      const f = facts.get(room.info.venueId);
      if (!f) continue;
      const tally = emptyTally();
      const running = room.summary?.state === 'running';
      let missing = 0, breaches = 0;
      for (const st of room.stations) {
        const v = st.view;
        addToTally(tally, v);
        if (running && v.state === 'offline' && v.participant && !isIdleSpare(v)) missing++;
        // over the limit by the room's own rule (degraded: consecutive heartbeats over it, Lampiran
        // II) and still over it: one slow reply is not counted — on a loaded network every PC has
        // one now and then, and the board would call every venue critical at the same moment
        if (v.state === 'degraded' && v.rtt !== null && v.rtt > maxLatency) breaches++;
      }
      f.stations.total += tally.total;
      f.stations.online += tally.online;
      f.stations.degraded += tally.degraded;
      f.stations.offline += tally.offline;
      f.stations.missing += missing;
      f.lampiran2Failures += tally.complianceFail;
      f.latencyBreaches += breaches;
      // who works and who is done: the room's current session, when it is one of today's
      if (room.session && today.has(room.session.id)) {
        const c = liveCounts(room);
        f.participants.working += c.working;
        f.participants.finished += c.finished;
      }
    }

    return [...facts.values()].map((f) => boardRowOf(f, now));
  }
}

function boardSessionOf(s: BoardSessionRecord): BoardSession {
  return {
    id: s.id, code: s.code, name: s.name, state: s.state, scheduledAt: s.scheduledAt, durationMin: s.durationMin, activityId: s.activityId,
    roomId: s.roomId, roomName: s.roomName, agency: s.agency, finalisedLate: false
  };
}
