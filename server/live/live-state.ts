/**
 * The in-memory records of the hub and how they are rebuilt from the database: the last stored
 * transition gives each station's state, open alerts its markers, and the current session's
 * participant events, replayed in order, each participant's progress.
 */
import type { Db } from '../../db/client.ts';
import { lastRaised, openAlerts } from '../../db/queries/alerts.ts';
import { sessionEvents } from '../../db/queries/events.ts';
import { currentSession, listRoomInfos, sessionRoster } from '../../db/queries/rooms.ts';
import { listStations } from '../../db/queries/stations.ts';
import { latestTransitions } from '../../db/queries/telemetry.ts';
import { complianceSummary } from '../domain/compliance.ts';
import { applyEvent, emptyParticipant, type Roster } from '../domain/progress.ts';
import type { LinkCounters } from '../domain/station-state.ts';
import type {
  AttentionKind, ConnState, RoomInfo, SessionInfo, SessionState, StationFacts, StationPatch, StationView, TelemetryEntry
} from '../protocol/index.ts';

export type RoomLive = {
  info: RoomInfo;
  session: SessionInfo | null;
  durationMs: number;
  roster: Map<string, Roster>;
  stations: StationLive[];
  /** pending coalesced deltas, emptied by every flush */
  telemetry: Map<number, TelemetryEntry>;
  patches: Map<number, StationPatch>;
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
  counters: LinkCounters;
  stallRaisedFor: number | null;
  /** server clock − station clock, ms; null until the station has said hello */
  clockOffset: number | null;
  /** when a bandwidth probe was last requested (0 = never) */
  probeAt: number;
};

export function loadLiveState(db: Db, now: number) {
  const rooms = new Map<number, RoomLive>();
  /** where the current sessions seat their participants: station id → room and person */
  const seats = new Map<number, { roomId: number; roster: Roster }>();
  for (const info of listRoomInfos(db)) {
    const s = currentSession(db, info.id);
    const session: SessionInfo | null = s
      ? { id: s.id, code: s.code, name: s.name, state: s.state as SessionState, startedAt: s.startedAt, durationMin: s.durationMin }
      : null;
    const roster = new Map<string, Roster>();
    for (const p of s ? sessionRoster(db, s.id) : []) {
      const r = { participantId: p.id, nip: p.nip, name: p.name };
      roster.set(p.nip, r);
      if (p.stationId) seats.set(p.stationId, { roomId: info.id, roster: r });
    }
    rooms.set(info.id, {
      info, session, roster, durationMs: (s?.durationMin ?? 180) * 60_000, stations: [], telemetry: new Map(), patches: new Map()
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
  const byId = new Map<number, StationLive>();
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
      participant: null,
      attention: alerts.get(row.id) ?? []
    };
    const st: StationLive = {
      view, room, tokenHash: row.tokenHash, facts, factsAt: row.factsAt, agentVersion: row.agentVersion,
      stream: row.stream, lastSeq: row.lastSeq,
      // A station last known connected gets one offline interval of grace after a server restart.
      lastSeenAt: t && t.state !== 'offline' ? now : null,
      everSeen: !!t,
      counters: { overStreak: 0, okStreak: 0 }, stallRaisedFor: null, clockOffset: null, probeAt: 0
    };
    room.stations.push(st);
    stations.push(st);
    byId.set(row.id, st);
  }

  // Seat the roster where it is assigned, then replay what the agents reported.
  for (const [stationId, seat] of seats) {
    const st = byId.get(stationId);
    if (st && st.room.info.id === seat.roomId) st.view.participant = emptyParticipant(seat.roster);
  }
  for (const room of rooms.values()) {
    if (!room.session) continue;
    for (const { stationId, event } of sessionEvents(db, room.session.id)) {
      const st = byId.get(stationId);
      if (!st) continue;
      st.view.participant = applyEvent(st.view.participant, event, (nip) => room.roster.get(nip) ?? null, room.durationMs);
    }
  }
  // A stall already marked (and perhaps acknowledged) before the restart is not marked again.
  const stalls = lastRaised(db, 'stalled');
  for (const st of stations) {
    const p = st.view.participant;
    const at = stalls.get(st.view.id);
    if (p?.lastProgressAt != null && at !== undefined && at >= p.lastProgressAt) st.stallRaisedFor = p.lastProgressAt;
  }
  return { rooms: [...rooms.values()], stations };
}
