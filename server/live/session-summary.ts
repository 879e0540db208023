/**
 * The SessionSummary every watcher of a room gets (snapshot and room:session): the state and its
 * allowed steps, the checklist's status, whether a PIN is active (never the PIN), attendance
 * counts and what is open. Built from the stored record plus the hub's live station views; it
 * lives with the hub, which rebuilds it, and the session services read it from here (session
 * control calls down into live state, never the other way round).
 */
import type { Db } from '../../db/client.ts';
import { attendanceCounts } from '../../db/queries/attendance.ts';
import { getChecklist } from '../../db/queries/checklists.ts';
import { countIncidents } from '../../db/queries/incidents.ts';
import { sessionPinList, wrongAttemptsSince } from '../../db/queries/pins.ts';
import { getSession, sessionWithRoom } from '../../db/queries/sessions.ts';
import { venueLoginPolicy } from '../../db/queries/login-decisions.ts';
import { visitorsInside } from '../../db/queries/visitors.ts';
import { anyoneLoggedIn } from '../../db/queries/events.ts';
import { activePin, rotatesAt } from '../domain/pin-rules.ts';
import type { RoomLive } from './live-state.ts';
import { actionsFrom, type PinStatus, type SessionStateName, type SessionSummary } from '../../protocol/index.ts';

export function pinStatus(db: Db, sessionId: number, room: RoomLive | null, now: number): PinStatus {
  const pin = activePin(sessionPinList(db, sessionId), now);
  const lockedStations = room ? room.stations.filter((s) => s.view.pinLockedUntil !== null && s.view.pinLockedUntil > now).length : 0;
  if (!pin) return { active: false, issuedAt: null, expiresAt: null, rotatesAt: null, rotateMin: null, generation: 0, failures: 0, lockedStations };
  return {
    active: true, issuedAt: pin.issuedAt, expiresAt: pin.expiresAt, rotatesAt: rotatesAt(pin), rotateMin: pin.rotateMin,
    generation: pin.generation, failures: wrongAttemptsSince(db, sessionId, pin.issuedAt), lockedStations
  };
}

/** Finished participants, those still working (logged in, not finished, not ended), and actions waiting. */
export function liveCounts(room: RoomLive | null) {
  let finished = 0, working = 0, pending = 0;
  for (const st of room?.stations ?? []) {
    const p = st.view.participant;
    pending += st.view.pending.length;
    if (!p) continue;
    if (p.finished) finished++;
    // a test the proctor has ended counts as over, even while its station has yet to confirm (offline)
    else if (p.loggedIn && p.endedAt === null && !st.view.pending.some((a) => a.kind === 'end')) working++;
  }
  return { finished, working, pending };
}

export function buildSummary(db: Db, sessionId: number, room: RoomLive | null, now = Date.now()): SessionSummary | null {
  const s = getSession(db, sessionId);
  if (!s) return null;
  const state = s.state as SessionStateName;
  const checklist = getChecklist(db, sessionId);
  const a = attendanceCounts(db, sessionId);
  const live = liveCounts(room);
  return {
    id: s.id, code: s.code, name: s.name, state, scheduledAt: s.scheduledAt, startedAt: s.startedAt, durationMin: s.durationMin,
    stateChangedAt: s.stateChangedAt,
    // a finished session is postponed only when nobody sat it (server/domain/session-lifecycle.ts)
    actions: actionsFrom(state).filter((a) => !(state === 'finished' && a === 'postpone' && anyoneLoggedIn(db, sessionId))),
    checklist: {
      status: !checklist ? 'none' : checklist.completedAt ? 'complete' : 'draft',
      conclusion: (checklist?.conclusion as SessionSummary['checklist']['conclusion']) ?? null
    },
    pin: pinStatus(db, sessionId, room, now),
    counts: { participants: a.total, present: a.present, absent: a.absent, expected: a.expected, late: a.late, finished: live.finished },
    incidents: countIncidents(db, sessionId),
    visitorsInside: visitorsInside(db, sessionId),
    pendingActions: live.pending,
    integrity: { policy: venueLoginPolicy(db, sessionWithRoom(db, sessionId)?.venueId ?? 0), ...integrityCounts(room) }
  };
}

/** PCs flagged now: a login by someone not registered present, a login at another PC than the seat. */
export function integrityCounts(room: RoomLive | null) {
  let unregistered = 0, wrongPc = 0;
  for (const st of room?.stations ?? []) {
    for (const f of st.view.integrity) {
      if (f.kind === 'unregistered') unregistered++;
      else if (f.kind === 'wrong_pc') wrongPc++;
    }
  }
  return { unregistered, wrongPc };
}

/** Who is still working at the room's stations: the participants a closing proctor must end. */
export function workingParticipants(room: RoomLive | null) {
  const out: { pid: number; nip: string; stationId: number }[] = [];
  for (const st of room?.stations ?? []) {
    const p = st.view.participant;
    if (p?.participantId != null && p.loggedIn && !p.finished && p.endedAt === null && !st.view.pending.some((a) => a.kind === 'end')) {
      out.push({ pid: p.participantId, nip: p.nip, stationId: st.view.id });
    }
  }
  return out;
}

