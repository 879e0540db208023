/**
 * The live state of every room: the newest state of each station in memory, rebuilt at start-up
 * from the stored transitions, alerts and participant events, then kept current by the station
 * handlers. Changes are collected per room and flushed to dashboards as coalesced deltas every
 * `flushMs`; the heartbeat path does no I/O beyond queueing a sample for the batch writer.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db } from '../../db/client.ts';
import { ackStationAlerts } from '../../db/queries/alerts.ts';
import { lastSeqOf, storeEventBatch } from '../../db/queries/events.ts';
import { saveBandwidth } from '../../db/queries/stations.ts';
import { latencySeries, stationTransitions } from '../../db/queries/telemetry.ts';
import { checkFacts, complianceFailures, complianceSummary } from '../domain/compliance.ts';
import { applyAction, applyEvent, isStalled } from '../domain/progress.ts';
import { buildSummary } from './session-summary.ts';
import { planBatch } from '../domain/sequencing.ts';
import { countSample, isSilent, liveState, type StateConfig, type Verdict } from '../domain/station-state.ts';
import type {
  AttendanceStatus, AttentionKind, HeartbeatPayload, HelloPayload, ParticipantActionKind, ParticipantEvent, PendingAction, RoomSnapshot,
  SessionTopic, StationDetail, StationPatch
} from '../../protocol/index.ts';
import type { Emitter, RoomDelta } from '../realtime/emitter.ts';
import type { Logger } from '../log.ts';
import { BatchWriter } from './batch-writer.ts';
import { budgetKey, loadLiveState, loadRoomSession, placeParticipant, roomIntegrity, whereIs, type RoomLive, type StationLive } from './live-state.ts';
import { sameFlags, type SentBack } from '../domain/attendance-integrity.ts';
import { createStoreWriter, type StoreWriter } from './store-writer.ts';
import { msg, type Msg } from '../../protocol/messages/index.ts';

/** bytes a bandwidth probe downloads: ≈ 4 s at the 500 Kbps minimum, a blink on a good LAN */
const PROBE_BYTES = 256 * 1024;
/** a station is probed at most this often, whoever asks */
const PROBE_GAP_MS = 15_000;
/** a probe result is accepted only for the probe asked, and only this long after asking */
const PROBE_ANSWER_MS = 60_000;
/** after a closed connection made a station offline, further drops within this are left to the silence rule */
const DROP_DAMP_MS = 10_000;
/** a clock offset that moves more than this between two heartbeats is a step of the station's clock, not jitter */
const CLOCK_STEP_MS = 5_000;
/** clock epochs remembered per station */
const MAX_EPOCHS = 8;

export type HubRefusal = { ok: false; code: 'NOT_FOUND' | 'NOT_READY' | 'RATE_LIMITED' | 'UNKNOWN_PROBE'; msg: Msg };

export type BatchResult =
  | { ok: true; applied: number }
  | { ok: false; code: 'SEQ_GAP'; expected: number; applied: number }
  | { ok: false; code: 'QUOTA_EXCEEDED'; msg: Msg; retryAfterSec: number; applied: number };

export class RoomHub {
  readonly stations = new Map<number, StationLive>();
  readonly rooms = new Map<number, RoomLive>();
  private readonly byTokenHash = new Map<string, number>();
  readonly stateCfg: StateConfig;
  readonly writer: BatchWriter;
  /** the store worker: the live path's writes, off the main thread */
  readonly store: StoreWriter;
  /** when this process started serving, and until when stations last known connected may come back */
  startedAt = Date.now();
  graceUntil = 0;
  private timers = new Set<NodeJS.Timeout>();
  /** rooms whose session summary must be rebuilt and pushed at the next flush, with the topics that changed */
  private summaryDue = new Map<number, Set<SessionTopic>>();
  /** rooms whose session must be rebuilt from the record at the next push (a reload that failed) */
  private reloadDue = new Set<number>();
  stats = { heartbeats: 0, events: 0, flushes: 0, quotaRefused: 0, eventTimesClamped: 0, unknownProbes: 0, stationConnections: 0, hellos: 0 };

  constructor(
    private readonly db: Db,
    readonly cfg: Config,
    private readonly emitter: Emitter,
    private readonly log: Logger
  ) {
    this.stateCfg = {
      maxLatencyMs: cfg.maxLatencyMs,
      minBandwidthKbps: cfg.minBandwidthKbps,
      degradeAfter: cfg.degradeAfter,
      offlineAfterMs: cfg.heartbeatMs * cfg.offlineAfterBeats
    };
    this.store = createStoreWriter(db, db.$client.memory ? ':memory:' : db.$client.name, log);
    this.writer = new BatchWriter(this.store, cfg, log);
  }

  /** Rebuild from the database, then start the flush, write and watch timers. */
  start(now = Date.now()) {
    this.reload(now);
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(() => {
        try { fn(); } catch (err) { this.log.error({ err }, 'hub timer failed'); }
      }, ms);
      t.unref();
      this.timers.add(t);
    };
    every(this.cfg.flushMs, () => this.flush());
    every(this.cfg.writeMs, () => this.writer.flush(Date.now()));
    every(Math.min(1000, this.cfg.heartbeatMs / 2), () => this.watch(Date.now()));
  }

  reload(now = Date.now()) {
    const graceMs = Math.max(this.cfg.restartGraceMs, this.stateCfg.offlineAfterMs);
    this.startedAt = now;
    this.graceUntil = now + graceMs;
    const { rooms, stations } = loadLiveState(this.db, now, { graceMs, offlineAfterMs: this.stateCfg.offlineAfterMs, budgetTokens: this.cfg.eventBudget.burst });
    this.rooms.clear();
    this.stations.clear();
    this.byTokenHash.clear();
    // a start with no station last known connected is a first start, not a restart: no grace to show
    if (!stations.some((s) => s.lastSeenAt !== null)) this.graceUntil = now;
    for (const r of rooms) this.rooms.set(r.info.id, r);
    for (const s of stations) {
      this.stations.set(s.view.id, s);
      if (s.tokenHash) this.byTokenHash.set(s.tokenHash, s.view.id);
    }
    for (const r of rooms) r.summary = r.session ? buildSummary(this.db, r.session.id, r, now) : null;
  }

  /** Stop the timers, write what is pending, close the store worker. */
  async stop() {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.flush();
    await this.writer.flush(Date.now(), true);
    this.writer.stop();
    await Promise.allSettled([...this.stations.values()].map((st) => st.eventChain));
    await this.store.close();
  }

  stationByTokenHash(hash: string): StationLive | undefined {
    const id = this.byTokenHash.get(hash);
    return id === undefined ? undefined : this.stations.get(id);
  }

  /** A station was enrolled (new token) or revoked (null): only the current token authenticates. */
  setToken(stationId: number, hash: string | null) {
    const st = this.stations.get(stationId);
    if (!st) return;
    if (st.tokenHash) this.byTokenHash.delete(st.tokenHash);
    st.tokenHash = hash;
    if (hash) this.byTokenHash.set(hash, stationId);
    if (st.view.enrolled !== (hash != null)) {
      st.view.enrolled = hash != null;
      this.patch(st, { enrolled: st.view.enrolled });
    }
  }

  // ------------------------------------------------------------ station side

  hello(st: StationLive, p: HelloPayload, now: number) {
    this.stats.hellos++;
    // A reconnecting agent reports the same facts again: write only what changed (a reconnect
    // storm of thousands of stations must not become thousands of transactions).
    const factsJson = JSON.stringify(p.facts);
    if (p.agentVersion !== st.agentVersion || factsJson !== JSON.stringify(st.facts)) {
      const compliance = complianceSummary(p.facts);
      const complianceFails = complianceFailures(p.facts);
      // shown once stored, like every record
      this.writer.facts({ stationId: st.view.id, factsJson, agentVersion: p.agentVersion, at: now }, () => {
        if (compliance !== st.view.compliance || complianceFails.join() !== st.view.complianceFails.join()) this.patch(st, { compliance, complianceFails });
        st.view.compliance = compliance;
        st.view.complianceFails = complianceFails;
      });
      st.factsAt = now;
    }
    st.facts = p.facts;
    st.agentVersion = p.agentVersion;
    st.lastSeenAt = now;
    st.view.lastSeenAt = now;
    this.measureOffset(st, p.clk, now - p.t, true);
    if (st.state === 'offline') {
      // Back with a bandwidth known to be under the minimum is degraded, not online.
      const v = liveState('offline', st.counters, st.view.kbps, this.stateCfg);
      this.transition(st, v.state === 'online' ? { state: 'online', reason: 'connected', value: null } : v, now);
    }
    return { lastApplied: this.position(st, p.stream) };
  }

  /** Highest sequence applied from one of the station's event streams. */
  private position(st: StationLive, stream: string): number {
    return st.stream === stream ? st.lastSeq : lastSeqOf(this.db, st.view.id, stream);
  }

  heartbeat(st: StationLive, p: HeartbeatPayload, now: number) {
    this.stats.heartbeats++;
    st.lastSeenAt = now;
    st.view.lastSeenAt = now;
    st.view.rtt = p.rttMs;
    st.view.jit = p.jitterMs;
    // Station clocks in a test room are often minutes off (a flat CMOS battery resets them to
    // 2000): event times are moved onto the server's clock with this smoothed offset.
    this.measureOffset(st, p.clk, now - p.t - (p.rttMs ?? 0) / 2, false);
    st.counters = countSample(st.counters, p.rttMs, this.stateCfg);
    const v = liveState(st.state, st.counters, st.view.kbps, this.stateCfg);
    if (v.state !== st.state) this.transition(st, v, now);
    st.room.telemetry.set(st.view.id, { id: st.view.id, rtt: p.rttMs, jit: p.jitterMs, t: p.t, at: now });
    this.writer.sample(st.view.id, now, p.rttMs, p.jitterMs);
  }

  /**
   * The station's clock offset (server clock − station clock) for one clock epoch. Smoothed over
   * heartbeats against jitter; a jump of more than CLOCK_STEP_MS is the station's clock being
   * stepped and is taken at once. Each epoch keeps its own offset, so an event keeps the offset
   * of the clock it was taken on (queued events moved by +1 h after a clock step).
   */
  private measureOffset(st: StationLive, clk: string | undefined, measured: number, fresh: boolean) {
    const key = clk ?? '';
    const prev = st.offsets.get(key);
    const next = prev === undefined || fresh || Math.abs(measured - prev) > CLOCK_STEP_MS ? measured : prev + (measured - prev) / 8;
    st.offsets.delete(key);
    st.offsets.set(key, next);
    if (st.offsets.size > MAX_EPOCHS) st.offsets.delete(st.offsets.keys().next().value!);
    st.clockOffset = next;
  }

  /**
   * Store, then apply, a batch of participant events: exactly once, in sequence order. A station's
   * batches are handled one after the other; the batch is committed by the store worker before
   * memory changes or the ack goes out, so a crash between the two makes the agent resend and the
   * resend is skipped as a replay. Rejects (nothing stored, memory untouched) when the store fails.
   */
  events(st: StationLive, stream: string, events: ParticipantEvent[], now: number): Promise<BatchResult> {
    const run = st.eventChain.then(() => this.storeEvents(st, stream, events, now));
    st.eventChain = run.catch(() => undefined);
    return run;
  }

  private async storeEvents(st: StationLive, stream: string, events: ParticipantEvent[], now: number): Promise<BatchResult> {
    const plan = planBatch({ stream, lastSeq: this.position(st, stream) }, stream, events);
    if (plan.apply.length) {
      const room = st.room;
      const gen = room.gen;
      let participant = st.view.participant;
      const from = room.eventsFrom ?? now - 24 * 3600_000;
      const stored = plan.apply.map((sent) => {
        const { clk, ...rest } = sent;
        // the offset of the clock the event was taken on; then within the session and never in the future
        const offset = Math.round((clk !== undefined ? st.offsets.get(clk) : undefined) ?? st.clockOffset ?? 0);
        const at = Math.min(now, Math.max(from, sent.at + offset));
        if (at !== sent.at + offset) this.stats.eventTimesClamped++;
        const event = { ...rest, at } as ParticipantEvent;
        participant = applyEvent(participant, event, (nip) => room.roster.get(nip) ?? null, room.durationMs);
        return { event, agentAt: sent.at, participantId: participant?.participantId ?? null };
      });
      const refused = this.overBudget(st, stored, now);
      if (refused) return { ...refused, applied: this.position(st, stream) };
      await this.store.run({ kind: 'events', stationId: st.view.id, stream, newLast: plan.newLast, sessionId: room.session?.id ?? null, receivedAt: now, events: stored });
      this.stats.events += plan.apply.length;
      for (const e of stored) {
        const key = budgetKey(e.participantId, st.view.id);
        room.eventCounts.set(key, (room.eventCounts.get(key) ?? 0) + 1);
      }
      st.stream = stream;
      st.lastSeq = plan.newLast;
      if (room.gen !== gen) {
        // the room was rebuilt from the database while this batch was being stored: rebuild again,
        // now with the batch in the table, rather than apply it twice or not at all
        this.publishSession(room.info.id, [], { reload: true });
      } else {
        const wasDone = st.view.participant?.finished ?? false;
        const before = st.view.participant;
        st.view.participant = participant;
        this.patch(st, { participant });
        // a login (or someone else's view taking the PC) can contradict the desk: flag it
        if (before?.nip !== participant?.nip || before?.loginAt !== participant?.loginAt) this.refreshIntegrity(room);
        // the session summary counts finished participants: refresh it with the next flush
        if ((participant?.finished ?? false) !== wasDone) this.publishSessionSoon(room.info.id, []);
      }
    }
    if (plan.gapAt !== null) return { ok: false, code: 'SEQ_GAP', expected: plan.gapAt, applied: plan.newLast };
    return { ok: true, applied: plan.newLast };
  }

  /**
   * The storage budget (STATION_EVENT_BUDGET): a token bucket per station, and a cap per participant
   * per session. A refused batch is counted and raised to the proctor; nothing of it is stored.
   */
  private overBudget(st: StationLive, stored: { participantId: number | null }[], now: number) {
    const b = this.cfg.eventBudget;
    const rate = b.perMinute / 60_000;
    st.budget.tokens = Math.min(b.burst, st.budget.tokens + (now - st.budget.at) * rate);
    st.budget.at = now;
    const perKey = new Map<string, number>();
    for (const e of stored) {
      const key = budgetKey(e.participantId, st.view.id);
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
    }
    let why: Msg | null = null;
    let retryAfterSec = 60;
    for (const [key, n] of perKey) {
      if ((st.room.eventCounts.get(key) ?? 0) + n > b.perParticipantSession) {
        why = msg('station.quotaParticipant', { max: b.perParticipantSession });
        retryAfterSec = 600;
      }
    }
    if (!why && stored.length > st.budget.tokens) {
      why = msg('station.quotaMinute', { max: b.perMinute });
      retryAfterSec = Math.max(1, Math.ceil((stored.length - st.budget.tokens) / rate / 1000));
    }
    if (!why) {
      st.budget.tokens -= stored.length;
      return null;
    }
    this.stats.quotaRefused += stored.length;
    this.raise(st, 'flood', now);
    return { ok: false as const, code: 'QUOTA_EXCEEDED' as const, msg: why, retryAfterSec };
  }

  /** A probe result: only for the probe the server asked this station for, once, within PROBE_ANSWER_MS. */
  bandwidth(st: StationLive, probeId: string, kbps: number, now: number): { ok: true } | HubRefusal {
    if (!st.probe || st.probe.id !== probeId || now - st.probe.at > PROBE_ANSWER_MS) {
      this.stats.unknownProbes++;
      return { ok: false, code: 'UNKNOWN_PROBE', msg: msg('probe.unknown', { id: probeId.slice(0, 40) }) };
    }
    st.probe = null;
    saveBandwidth(this.db, st.view.id, kbps, now);
    st.view.kbps = kbps;
    this.patch(st, { kbps });
    const v = liveState(st.state, st.counters, kbps, this.stateCfg);
    if (st.state !== 'offline' && v.state !== st.state) this.transition(st, v, now);
    return { ok: true };
  }

  // ------------------------------------------------------------ dashboard side

  snapshot(roomId: number, now = Date.now()): RoomSnapshot | null {
    const room = this.rooms.get(roomId);
    if (!room) return null;
    return {
      room: room.info,
      session: room.summary,
      stations: room.stations.map((s) => s.view),
      limits: {
        maxLatencyMs: this.cfg.maxLatencyMs,
        minBandwidthKbps: this.cfg.minBandwidthKbps,
        heartbeatMs: this.cfg.heartbeatMs,
        offlineAfterMs: this.stateCfg.offlineAfterMs,
        degradeAfter: this.stateCfg.degradeAfter
      },
      serverTime: now,
      server: { startedAt: this.startedAt, graceUntil: this.graceUntil }
    };
  }

  async detail(stationId: number, now = Date.now()): Promise<StationDetail | null> {
    const st = this.stations.get(stationId);
    if (!st) return null;
    await this.writer.flush(now, stationId); // so the chart includes the last seconds and the open minute
    const since = st.room.session?.startedAt ?? now - 3 * 3600_000;
    return {
      station: st.view,
      facts: st.facts,
      factsAt: st.factsAt,
      agentVersion: st.agentVersion,
      compliance: checkFacts(st.facts, { rtt: st.view.rtt, kbps: st.view.kbps }, this.cfg),
      transitions: stationTransitions(this.db, stationId),
      latency: latencySeries(this.db, stationId, Math.floor(since / 60000), now - 10 * 60_000)
    };
  }

  /**
   * A proctor has seen the markers of this station: they are cleared, and that is recorded. Call it
   * after `writer.durable()`, so the markers shown are in the table; a marker still on its way is
   * shown when it is stored and waits for its own acknowledgement.
   */
  acknowledge(stationId: number, by: string, now = Date.now()): boolean {
    const st = this.stations.get(stationId);
    if (!st) return false;
    ackStationAlerts(this.db, stationId, by, now);
    for (const a of st.view.attention) st.raised.delete(a.kind);
    st.view.attention = [];
    this.patch(st, { attention: [] });
    return true;
  }

  /**
   * Ask a station's agent for a bandwidth probe; the result arrives as station:probe-result.
   * At most one per station per PROBE_GAP_MS: a probe loads the exam network.
   */
  requestProbe(stationId: number, now = Date.now()): { ok: true; probeId: string } | HubRefusal {
    const st = this.stations.get(stationId);
    if (!st) return { ok: false, code: 'NOT_FOUND', msg: msg('station.notFound', { id: stationId }) };
    if (st.state === 'offline') return { ok: false, code: 'NOT_READY', msg: msg('station.offline', { code: st.view.code }) };
    if (now - st.probeAt < PROBE_GAP_MS) return { ok: false, code: 'RATE_LIMITED', msg: msg('station.probedRecently', { code: st.view.code }) };
    st.probeAt = now;
    const probeId = randomUUID().slice(0, 8);
    st.probe = { id: probeId, at: now };
    this.emitter.stationProbe(stationId, probeId, PROBE_BYTES);
    return { ok: true, probeId };
  }

  /**
   * Probe every connected station of a room (daftar periksa B.4: ≥ 500 Kbps per client), one after
   * another with a gap, so the probes do not share — and understate — the room's uplink.
   */
  requestRoomProbes(roomId: number, gapMs = 300): { ok: true; count: number } | HubRefusal {
    const room = this.rooms.get(roomId);
    if (!room) return { ok: false, code: 'NOT_FOUND', msg: msg('room.notFound', { id: roomId }) };
    const targets = room.stations.filter((s) => s.state !== 'offline' && Date.now() - s.probeAt >= PROBE_GAP_MS);
    targets.forEach((s, i) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.requestProbe(s.view.id);
      }, i * gapMs);
      t.unref();
      this.timers.add(t);
    });
    return { ok: true, count: targets.length };
  }

  // ------------------------------------------------------------ internals

  /**
   * The rules act on the new state at once; dashboards see it once the transition is stored
   * (a marker shown moments before a crash must still be there after the restart).
   */
  private transition(st: StationLive, { state: to, reason, value }: Verdict, now: number) {
    const from = st.state;
    st.state = to;
    if (to === 'offline') {
      // An offline station has no current latency: show none rather than the last one.
      st.counters = { overStreak: 0, okStreak: 0 };
      st.view.rtt = null;
      st.view.jit = null;
      this.patch(st, { rtt: null, jit: null });
    }
    this.writer.transition({ stationId: st.view.id, at: now, from: st.everSeen ? from : null, to, reason, value }, () => {
      st.view.state = to;
      st.view.stateSince = now;
      this.patch(st, { state: to, stateSince: now });
    });
    st.everSeen = true;
    if (to === 'offline' || to === 'degraded') this.raise(st, to, now);
  }

  private raise(st: StationLive, kind: AttentionKind, now: number) {
    if (st.raised.has(kind)) return;
    st.raised.add(kind);
    this.writer.alert(st.view.id, kind, now, () => {
      st.view.attention = [...st.view.attention, { kind, at: now }];
      this.patch(st, { attention: st.view.attention });
    });
  }

  private patch(st: StationLive, fields: Omit<StationPatch, 'id'>) {
    const pending = st.room.patches.get(st.view.id);
    if (pending) Object.assign(pending, fields);
    else st.room.patches.set(st.view.id, { id: st.view.id, ...fields });
  }

  /**
   * The station's live connection closed from the agent's end (the agent stopped, the PC shut down,
   * its network dropped with a reset): offline at once. The silence rule (`watch`) stays for a
   * cable cut, where no close reaches the server. A socket replaced by a newer one of the same
   * station, or closed by the server, is not this (the handler only calls for the current one).
   */
  disconnected(st: StationLive, now: number) {
    if (st.state === 'offline') return;
    // An agent whose connection keeps dropping and coming back (a flaky cable, a client in a
    // reconnect loop) would make a transition, a patch and a stored row per drop: after one such
    // drop, the next ones within DROP_DAMP_MS are left to the silence rule, which calls it offline
    // only if it stays away for 3 heartbeats.
    if (st.lastDropAt !== null && now - st.lastDropAt < DROP_DAMP_MS) return;
    st.lastDropAt = now;
    this.transition(st, { state: 'offline', reason: 'disconnected', value: null }, now);
  }

  /** Offline and stalled detection: a station is offline after 3 heartbeat intervals of silence. */
  watch(now: number) {
    for (const st of this.stations.values()) {
      if (st.state !== 'offline' && isSilent(st.lastSeenAt, now, this.stateCfg)) {
        const silentS = st.lastSeenAt === null ? null : Math.round((now - st.lastSeenAt) / 1000);
        this.transition(st, { state: 'offline', reason: 'silent', value: silentS }, now);
      }
      // One marker per stall: after a proctor acknowledges it, only a new stall raises another.
      const p = st.view.participant;
      if (isStalled(p, now, this.cfg.stallMs) && st.stallRaisedFor !== p!.lastProgressAt) {
        st.stallRaisedFor = p!.lastProgressAt;
        this.raise(st, 'stalled', now);
      }
    }
  }

  flush(now = Date.now()) {
    this.stats.flushes++;
    const deltas: RoomDelta[] = [];
    for (const room of this.rooms.values()) {
      if (!room.patches.size && !room.telemetry.size) continue;
      deltas.push({ roomId: room.info.id, patches: [...room.patches.values()], entries: [...room.telemetry.values()] });
      room.patches.clear();
      room.telemetry.clear();
    }
    if (deltas.length) this.emitter.roomDeltas(now, deltas);
    // taken before the pushes: a push that fails puts its room back for the next flush
    const due = [...this.summaryDue];
    this.summaryDue.clear();
    for (const [roomId, topics] of due) this.publishSession(roomId, [...topics], {}, now);
  }

  /**
   * The same as publishSession, coalesced into the next flush (at most one push per room every
   * flushMs): for changes that can come in bursts, like PIN attempts from many stations.
   */
  publishSessionSoon(roomId: number, changed: SessionTopic[]) {
    const due = this.summaryDue.get(roomId) ?? new Set<SessionTopic>();
    for (const t of changed) due.add(t);
    this.summaryDue.set(roomId, due);
  }

  // ------------------------------------------------------------ session control

  /**
   * The room's session changed. `reload`: its current session or roster changed (a lifecycle step,
   * an import), so what the stations show is rebuilt from the stored record. Then the summary is
   * rebuilt and pushed to every dashboard in the room, naming the lists that changed.
   */
  publishSession(roomId: number, changed: SessionTopic[], opts: { reload?: boolean } = {}, now = Date.now()) {
    const room = this.rooms.get(roomId);
    if (!room) return;
    // called after a change is committed: a failure to show it must not turn the change into an
    // error answer (the proctor would do it again); it is logged and tried again with the next flush
    try {
      this.publishSessionNow(room, changed, opts, now);
    } catch (err) {
      this.log.error({ err, roomId }, 'publishing the session failed; retried with the next flush');
      if (opts.reload) this.reloadDue.add(roomId);
      this.publishSessionSoon(roomId, changed);
    }
  }

  private publishSessionNow(room: RoomLive, changed: SessionTopic[], opts: { reload?: boolean }, now: number) {
    const roomId = room.info.id;
    if (opts.reload || this.reloadDue.delete(roomId)) {
      // participant events are in the table before they are in memory (storeEvents), so the replay sees them all
      loadRoomSession(this.db, room, now);
      for (const st of room.stations) {
        this.patch(st, { participant: st.view.participant, pending: st.view.pending, pinLockedUntil: st.view.pinLockedUntil, integrity: st.view.integrity });
      }
    }
    room.summary = room.session ? buildSummary(this.db, room.session.id, room, now) : null;
    this.emitter.roomSession(roomId, { roomId, at: now, session: room.summary, changed });
  }

  /**
   * The station where this participant of the room's session is now: where they last logged in,
   * else their seat (after a login at another PC they show on both until it is resolved).
   */
  stationOfParticipant(roomId: number, participantId: number): StationLive | undefined {
    const room = this.rooms.get(roomId);
    return room ? whereIs(room, participantId) : undefined;
  }

  /** The registration desk recorded someone present or absent: the roster and their tiles show it. */
  setAttendance(roomId: number, participantId: number, nip: string, status: AttendanceStatus, late: boolean) {
    const room = this.rooms.get(roomId);
    const r = room?.roster.get(nip);
    if (!room || !r) return;
    r.attendance = status;
    r.late = late;
    for (const st of room.stations) {
      if (st.view.participant?.participantId !== participantId) continue;
      st.view.participant = { ...st.view.participant, attendance: status, late };
      this.patch(st, { participant: st.view.participant });
    }
    this.refreshIntegrity(room);
  }

  /** A participant was seated or moved: their view (with progress) goes to the new station, and only there. */
  seat(roomId: number, participantId: number, nip: string, toStationId: number) {
    const room = this.rooms.get(roomId);
    const to = this.stations.get(toStationId);
    if (!room || !to || to.room !== room) return;
    const r = room.roster.get(nip) ?? { participantId, nip, name: null };
    for (const st of placeParticipant(room, participantId, to, r)) this.patch(st, { participant: st.view.participant });
    this.refreshIntegrity(room);
  }

  /** A proctor sent a participant who logged in at another PC back to their seat: that login's flag clears. */
  sentBack(roomId: number, d: SentBack) {
    const room = this.rooms.get(roomId);
    if (!room) return;
    room.sentBack.push(d);
    this.refreshIntegrity(room);
  }

  /** Recompute the room's integrity flags (domain/attendance-integrity.ts); patch the stations whose flags changed. */
  refreshIntegrity(room: RoomLive) {
    const flags = roomIntegrity(room);
    let changed = false;
    for (const st of room.stations) {
      const next = flags.get(st.view.id) ?? [];
      if (sameFlags(st.view.integrity, next)) continue;
      st.view.integrity = next;
      this.patch(st, { integrity: next });
      changed = true;
    }
    // the summary counts the flagged PCs, and the desk's list shows them
    if (changed) this.publishSessionSoon(room.info.id, ['attendance']);
  }

  /** An action was stored: show it as waiting on its station and send it. */
  addPending(stationId: number, pending: PendingAction) {
    const st = this.stations.get(stationId);
    if (!st) return;
    st.view.pending = [...st.view.pending, pending];
    this.patch(st, { pending: st.view.pending });
  }

  /** An unacknowledged action now waits on another station (its participant was moved). */
  movePending(actionId: number, toStationId: number) {
    const to = this.stations.get(toStationId);
    if (!to) return;
    for (const st of to.room.stations) {
      const p = st.view.pending.find((a) => a.id === actionId);
      if (!p || st === to) continue;
      st.view.pending = st.view.pending.filter((a) => a.id !== actionId);
      this.patch(st, { pending: st.view.pending });
      to.view.pending = [...to.view.pending, p];
      this.patch(to, { pending: to.view.pending });
    }
  }

  /** The station acknowledged an action: no longer pending; an applied one changes the participant's time. */
  resolvePending(stationId: number, actionId: number, applied: { kind: ParticipantActionKind; minutes: number | null; participantId: number } | null, at: number) {
    const st = this.stations.get(stationId);
    if (!st) return;
    st.view.pending = st.view.pending.filter((p) => p.id !== actionId);
    this.patch(st, { pending: st.view.pending });
    // the participant may have been moved since the action was sent: it follows them
    const seat = applied ? this.stationOfParticipant(st.room.info.id, applied.participantId) : undefined;
    if (applied && seat?.view.participant) {
      seat.view.participant = applyAction(seat.view.participant, { kind: applied.kind, minutes: applied.minutes, at }, st.room.durationMs);
      this.patch(seat, { participant: seat.view.participant });
    }
  }

  /** A station was locked after wrong PINs (until), or unlocked (null). */
  setPinLock(stationId: number, until: number | null) {
    const st = this.stations.get(stationId);
    if (!st) return;
    st.view.pinLockedUntil = until;
    this.patch(st, { pinLockedUntil: until });
  }
}
