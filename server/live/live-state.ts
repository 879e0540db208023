/**
 * The in-memory records of the hub and how they are rebuilt from the database: the last stored
 * transition gives each station's state, open alerts its markers, and the current session's
 * participant events, replayed in order, each participant's progress.
 */
import type { Db } from '../../db/client.ts';
import { lastRaised, openAlerts } from '../../db/queries/alerts.ts';
import { sessionEvents } from '../../db/queries/events.ts';
import { listRoomInfos, sessionRoster } from '../../db/queries/rooms.ts';
import { currentSession } from '../../db/queries/sessions.ts';
import { listStations } from '../../db/queries/stations.ts';
import { latestTransitions } from '../../db/queries/telemetry.ts';
import { complianceFailures, complianceSummary } from '../domain/compliance.ts';
import { applyAction, applyEvent, emptyParticipant, type Roster } from '../domain/progress.ts';
import { integrityFlags, type SentBack } from '../domain/attendance-integrity.ts';
import type { LinkCounters } from '../domain/station-state.ts';
import type {
  AttentionKind, AttendanceStatus, ConnState, RoomInfo, SessionInfo, SessionState, SessionSummary, StationFacts, StationPatch, StationView,
  TelemetryEntry
} from '../../protocol/index.ts';
import { appliedActions, pendingActions } from '../../db/queries/participant-actions.ts';
import { sessionAttendance, sessionMoves } from '../../db/queries/attendance.ts';
import { activeLocks } from '../../db/queries/pins.ts';
import { sentBackDecisions } from '../../db/queries/login-decisions.ts';

export type RoomLive = {
  info: RoomInfo;
  session: SessionInfo | null;
  /** what dashboards are shown of the session (session-summary.ts); rebuilt on every change */
  summary: SessionSummary | null;
  durationMs: number;
  roster: Map<string, Roster>;
  /** the desk's seat of each participant of the roster (participant id → station id or null) */
  seats: Map<number, number | null>;
  /** logins at another PC the proctor sent back to the seat (clear that login's flag) */
  sentBack: SentBack[];
  stations: StationLive[];
  /** pending coalesced deltas, emptied by every flush */
  telemetry: Map<number, TelemetryEntry>;
  patches: Map<number, StationPatch>;
  /** events stored this session per participant id (or `s<station>` before a login): the storage budget */
  eventCounts: Map<string, number>;
  /** earliest time an event of this session may carry (the session's schedule, less its preparation) */
  eventsFrom: number | null;
  /** bumped by every rebuild from the database (loadRoomSession) */
  gen: number;
};

export type StationLive = {
  view: StationView;
  room: RoomLive;
  tokenHash: string | null;
  facts: StationFacts | null;
  factsAt: number | null;
  agentVersion: string | null;
  stream: string | null;
  lastSeq: number;
  lastSeenAt: number | null;
  everSeen: boolean;
  /** the id of the station's live socket (one per station: a newer one replaces it), null when none */
  connId: string | null;
  /** when a closed connection last made it offline (RoomHub.disconnected damps a flapping agent with it) */
  lastDropAt: number | null;
  counters: LinkCounters;
  stallRaisedFor: number | null;
  /** server clock − station clock, ms; null until the station has said hello */
  clockOffset: number | null;
  /** the smoothed offset of each clock epoch (`clk`) the station has used, newest last; '' = none given */
  offsets: Map<string, number>;
  /**
   * The connectivity state the rules work with. `view.state` and `view.attention` are what
   * dashboards are shown, and change only once the transition or marker is stored.
   */
  state: ConnState;
  /** attention kinds raised and not yet acknowledged (stored or on their way) */
  raised: Set<AttentionKind>;
  /** when a bandwidth probe was last requested (0 = never) */
  probeAt: number;
  /** the probe the server asked this station for, which alone a probe result may answer */
  probe: { id: string; at: number } | null;
  /** event batches of this station are stored one after the other, in arrival order */
  eventChain: Promise<unknown>;
  /** storage budget: tokens left and when they were last counted */
  budget: { tokens: number; at: number };
  /** when this station last asked for a PIN check (0 = never): one check per PIN_CHECK_GAP_MS */
  pinAt: number;
};

/**
 * `graceMs`: a station last known connected is given this long after a server restart to come back
 * before it counts as offline — longer than the agents' longest reconnect delay, so a restart is
 * not reported as station failures.
 */
export function loadLiveState(db: Db, now: number, opts: { graceMs: number; offlineAfterMs: number; budgetTokens: number }) {
  const rooms = new Map<number, RoomLive>();
  for (const info of listRoomInfos(db)) {
    rooms.set(info.id, {
      info, session: null, summary: null, roster: new Map(), seats: new Map(), sentBack: [], durationMs: 180 * 60_000, stations: [], telemetry: new Map(), patches: new Map(),
      eventCounts: new Map(), eventsFrom: null, gen: 0
    });
  }

  const last = new Map(latestTransitions(db).map((t) => [t.stationId, t]));
  const alerts = new Map<number, { kind: AttentionKind; at: number }[]>();
  for (const a of openAlerts(db)) {
    const list = alerts.get(a.stationId) ?? [];
    if (!list.some((x) => x.kind === a.kind)) list.push({ kind: a.kind as AttentionKind, at: a.raisedAt });
    alerts.set(a.stationId, list);
  }

  const stations: StationLive[] = [];
  for (const row of listStations(db)) {
    const room = rooms.get(row.roomId)!;
    const t = last.get(row.id);
    const facts = row.factsJson ? (JSON.parse(row.factsJson) as StationFacts) : null;
    const view: StationView = {
      id: row.id, code: row.code, row: row.row, col: row.col, spare: row.spare,
      state: (t?.state as ConnState) ?? 'offline',
      stateSince: t?.at ?? null,
      lastSeenAt: t?.at ?? null,
      rtt: null, jit: null, kbps: row.lastKbps,
      compliance: complianceSummary(facts),
      complianceFails: complianceFailures(facts),
      enrolled: row.tokenHash != null,
      participant: null,
      attention: alerts.get(row.id) ?? [],
      pinLockedUntil: null,
      pending: [],
      integrity: []
    };
    const st: StationLive = {
      view, room, tokenHash: row.tokenHash, facts, factsAt: row.factsAt, agentVersion: row.agentVersion,
      stream: row.stream, lastSeq: row.lastSeq,
      // A station last known connected is silent only once the restart grace is over.
      lastSeenAt: t && t.state !== 'offline' ? now + Math.max(0, opts.graceMs - opts.offlineAfterMs) : null,
      everSeen: !!t,
      connId: null,
      lastDropAt: null,
      counters: { overStreak: 0, okStreak: 0 }, stallRaisedFor: null, clockOffset: null, offsets: new Map(),
      state: view.state, raised: new Set(view.attention.map((a) => a.kind)),
      probeAt: 0, probe: null, pinAt: 0, eventChain: Promise.resolve(), budget: { tokens: opts.budgetTokens, at: now }
    };
    room.stations.push(st);
    stations.push(st);
  }

  for (const room of rooms.values()) loadRoomSession(db, room, now);
  // A stall already marked (and perhaps acknowledged) before the restart is not marked again.
  const stalls = lastRaised(db, 'stalled');
  for (const st of stations) {
    const p = st.view.participant;
    const at = stalls.get(st.view.id);
    if (p?.lastProgressAt != null && at !== undefined && at >= p.lastProgressAt) st.stallRaisedFor = p.lastProgressAt;
  }
  return { rooms: [...rooms.values()], stations };
}

/**
 * (Re)build what a room shows of its current session from the stored record: the roster with the
 * desk's attendance, then — in time order — what the agents reported, the seat moves (a moved
 * participant keeps their progress) and the proctor actions the stations acknowledged; then the
 * actions still waiting for a station and the stations locked by wrong PINs. Used at start-up and
 * whenever the room's current session changes.
 */
/** how long before its scheduled time a session's events may be dated (preparation, registration) */
export const EVENT_LEAD_MS = 12 * 3600_000;

/** A participant's events count against their own budget; events before a login against the station's. */
export const budgetKey = (participantId: number | null, stationId: number) => (participantId === null ? `s${stationId}` : String(participantId));

export function loadRoomSession(db: Db, room: RoomLive, now: number) {
  const s = currentSession(db, room.info.id);
  room.session = s
    ? { id: s.id, code: s.code, name: s.name, state: s.state as SessionState, startedAt: s.startedAt, durationMin: s.durationMin }
    : null;
  room.durationMs = (s?.durationMin ?? 180) * 60_000;
  room.roster = new Map();
  room.seats = new Map();
  room.sentBack = [];
  room.eventCounts = new Map();
  room.gen++;
  // Preparation starts hours before the scheduled time at the earliest (Pasal 12–13).
  room.eventsFrom = s ? Math.min(s.scheduledAt, s.startedAt ?? Infinity) - EVENT_LEAD_MS : null;
  const byId = new Map(room.stations.map((st) => [st.view.id, st]));
  for (const st of room.stations) {
    st.view.participant = null;
    st.view.pending = [];
    st.view.pinLockedUntil = null;
    st.view.integrity = [];
  }
  if (!s) return;

  const desk = new Map(sessionAttendance(db, s.id).map((a) => [a.participantId, a]));
  const rosterById = new Map<number, Roster>();
  const seatOf = new Map<number, number | null>();
  for (const p of sessionRoster(db, s.id)) {
    const a = desk.get(p.id);
    const r: Roster = { participantId: p.id, nip: p.nip, name: p.name, attendance: (a?.status as AttendanceStatus | undefined) ?? 'expected', late: !!a?.late };
    room.roster.set(p.nip, r);
    rosterById.set(p.id, r);
    seatOf.set(p.id, p.stationId);
    room.seats.set(p.id, p.stationId);
  }
  room.sentBack = sentBackDecisions(db, s.id);
  const moves = sessionMoves(db, s.id);
  // Where each participant sat before their first recorded move; the others sit where the roster says.
  const firstFrom = new Map<number, number | null>();
  for (const m of moves) if (!firstFrom.has(m.participantId)) firstFrom.set(m.participantId, m.fromStationId);
  for (const [pid, stationId] of seatOf) {
    const seat = firstFrom.has(pid) ? firstFrom.get(pid)! : stationId;
    const st = seat === null ? undefined : byId.get(seat);
    if (st) st.view.participant = emptyParticipant(rosterById.get(pid)!);
  }

  const lookup = (nip: string) => room.roster.get(nip) ?? null;
  const stationOf = (pid: number) => whereIs(room, pid);
  // The desk's and the proctors' steps, in time order, merged into the agents' events by when the
  // server received them — the order the live view applied them in. (An event's own `at` is the
  // station's clock moved by an estimated offset: not fit to order it against a seat move.)
  const steps: { at: number; apply: () => void }[] = [];
  for (const m of moves) {
    steps.push({ at: m.at, apply: () => {
      const to = byId.get(m.toStationId);
      if (to) placeParticipant(room, m.participantId, to, rosterById.get(m.participantId) ?? { participantId: m.participantId, nip: '', name: null });
    } });
  }
  for (const a of appliedActions(db, s.id)) {
    steps.push({ at: a.at, apply: () => {
      const st = stationOf(a.participantId);
      if (st) st.view.participant = applyAction(st.view.participant, a, room.durationMs);
    } });
  }
  steps.sort((x, y) => x.at - y.at);
  let next = 0;
  for (const { stationId, receivedAt, participantId, event } of sessionEvents(db, s.id)) {
    while (next < steps.length && steps[next].at < receivedAt) steps[next++].apply();
    const key = budgetKey(participantId, stationId);
    room.eventCounts.set(key, (room.eventCounts.get(key) ?? 0) + 1);
    const st = byId.get(stationId);
    if (st) st.view.participant = applyEvent(st.view.participant, event, lookup, room.durationMs);
  }
  while (next < steps.length) steps[next++].apply();

  for (const a of pendingActions(db, { sessionIds: [s.id] })) {
    const st = a.stationId === null ? undefined : byId.get(a.stationId);
    if (st) st.view.pending.push({ id: a.id, kind: a.kind, requestedAt: a.requestedAt });
  }
  for (const [stationId, until] of activeLocks(db, [s.id], now)) {
    const st = byId.get(stationId);
    if (st) st.view.pinLockedUntil = until;
  }
  const flags = roomIntegrity(room);
  for (const st of room.stations) st.view.integrity = flags.get(st.view.id) ?? [];
}

/**
 * The station a participant of the room's session is at: where they last logged in; else where a
 * view of them is shown (their seat, not logged in yet). A participant who logged in at another PC
 * than their seat is shown on both until the proctor resolves it.
 */
export function whereIs(room: RoomLive, participantId: number): StationLive | undefined {
  let best: StationLive | undefined;
  for (const st of room.stations) {
    const p = st.view.participant;
    if (p?.participantId !== participantId) continue;
    if (!best || (p.loginAt ?? -1) > (best.view.participant!.loginAt ?? -1)) best = st;
  }
  return best;
}

/**
 * Seat (or move) a participant at `to`: the view they are at (with their progress) goes there, and
 * no other PC keeps showing them. Returns the stations whose view changed.
 */
export function placeParticipant(room: RoomLive, participantId: number, to: StationLive, roster: Roster): StationLive[] {
  const from = whereIs(room, participantId);
  const view = from?.view.participant ?? emptyParticipant(roster);
  const changed: StationLive[] = [];
  for (const st of room.stations) {
    if (st !== to && st.view.participant?.participantId === participantId) {
      st.view.participant = null;
      changed.push(st);
    }
  }
  if (to.view.participant !== view) {
    to.view.participant = view;
    changed.push(to);
  }
  room.seats.set(participantId, to.view.id);
  return changed;
}

/** The integrity flags of the room's stations now (domain/attendance-integrity.ts). */
export function roomIntegrity(room: RoomLive) {
  return integrityFlags(room.stations.map((st) => ({ id: st.view.id, code: st.view.code, participant: st.view.participant })), room.seats, room.sentBack);
}
