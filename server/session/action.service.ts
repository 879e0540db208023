/**
 * Proctor actions for participants: pause, resume, add time, end. Stored first, then sent to the
 * station, which acknowledges; until then the dashboard shows them as waiting. The server sends
 * every unacknowledged action again after a station's hello (the agent is idempotent by id).
 */
import { participantOf } from '../../db/queries/attendance.ts';
import { ackAction, actionById, insertAction, leftStationSince, listActions, pendingActions } from '../../db/queries/participant-actions.ts';
import { actionProblem, forParticipant } from '../domain/test-window.ts';
import { WORK_STATES, type SessionStateName, type ActionRow, type CommandAckPayload, type ParticipantActionInput, type StationCommand } from '../../protocol/index.ts';
import { audit, refuse, requireState, type Act, type Result, type SessionDeps, type SessionRef } from './context.ts';
import { issueAt, msg, type Issue, type Msg } from '../../protocol/messages/index.ts';

export function requestActions(deps: SessionDeps, act: Act, ref: SessionRef, input: ParticipantActionInput, now = Date.now()): Result<{ actions: ActionRow[] }> {
  // While the test runs, and in any other stage for whoever is working (someone
  // logged in before the start, or again after the close, can be paused or ended) — checked per
  // participant below (domain/test-window.ts)
  const bad = requireState(ref, WORK_STATES.actions, 'actions');
  if (bad) return bad;
  const state = ref.session.state as SessionStateName;
  const { db, hub, emitter } = deps;
  const targets: ActionTarget[] = [];
  const problems: Issue[] = [];
  /** refused because of the session's stage (nobody working to act on), not because of the request */
  let stageProblem: Msg | null = null;
  for (const [i, pid] of [...new Set(input.participantIds)].entries()) {
    const p = participantOf(db, ref.session.id, pid);
    const st = p ? hub.stationOfParticipant(ref.roomId, pid) : undefined;
    if (!p) problems.push(issueAt(`participantIds.${i}`, msg('participant.notInSession', { id: pid })));
    else if (!st) {
      problems.push(issueAt(`participantIds.${i}`, msg('action.noPc', { name: p.name })));
      if (state !== 'running') stageProblem ??= actionProblem(state, input.kind, null);
    }
    else {
      const why = actionProblem(state, input.kind, st.view.participant);
      if (why) {
        problems.push(issueAt(`participantIds.${i}`, forParticipant(why, p.name)));
        if (st.view.participant?.endedAt == null) stageProblem ??= why;
      } else targets.push({ pid, nip: p.nip, stationId: st.view.id });
    }
  }
  if (stageProblem) return refuse('INVALID_STATE', stageProblem, problems);
  if (problems.length) return refuse('INVALID_PAYLOAD', msg('action.someRefused', { n: problems.length }), problems);
  const sent = storeActions(deps, act, ref, targets, input, now);
  sendActions(deps, sent, now);
  hub.publishSession(ref.roomId, ['actions'], {}, now);
  return { ok: true, actions: listActions(db, ref.session.id, sent.map((x) => x.cmd.id)) };
}

export type ActionTarget = { pid: number; nip: string; stationId: number };
type Sent = { stationId: number; cmd: StationCommand };

/** Store one action per target and its audit row; call inside or outside a transaction. */
export function storeActions(
  deps: SessionDeps, act: Act, ref: SessionRef, targets: ActionTarget[],
  input: { kind: StationCommand['kind']; minutes?: number | null; reason?: string | null }, now: number
): Sent[] {
  const { db } = deps;
  return db.transaction(() => {
    const sent = targets.map((t) => {
      const id = insertAction(db, {
        sessionId: ref.session.id, participantId: t.pid, stationId: t.stationId, kind: input.kind, minutes: input.minutes ?? null,
        reason: input.reason ?? null, requestedAt: now, requestedBy: act.userId
      });
      return { stationId: t.stationId, cmd: { id, kind: input.kind, nip: t.nip, minutes: input.minutes ?? null, reason: input.reason ?? null, requestedAt: now } };
    });
    audit(db, act, {
      action: 'participant.action_requested', venueId: ref.venueId, targetType: 'session', targetId: ref.session.id,
      after: { kind: input.kind, minutes: input.minutes ?? null, reason: input.reason ?? null, participants: targets.map((t) => t.pid), actions: sent.map((x) => x.cmd.id) }
    });
    return sent;
  });
}

/** Stored: now show them as waiting on their stations (unless a reload already did), and send them. */
export function sendActions(deps: SessionDeps, sent: Sent[], now: number, show = true) {
  for (const { stationId, cmd } of sent) {
    if (show) deps.hub.addPending(stationId, { id: cmd.id, kind: cmd.kind, requestedAt: now });
    deps.emitter.stationCommand(stationId, cmd);
  }
}

/** A station answered a command. Only its own, only once; a repeat is fine (the agent resends after a reconnect). */
export function acknowledgeCommand(deps: SessionDeps, stationId: number, p: CommandAckPayload, now = Date.now()): Result<object> {
  const { db, hub } = deps;
  const a = actionById(db, p.id);
  // its own command, or one sent to it before its participant was moved away (it may have applied it)
  const mine = a && (a.stationId === stationId || leftStationSince(db, a.participantId, stationId, a.requestedAt));
  if (!a || !mine) return refuse('NOT_FOUND', msg('command.unknown', { id: p.id }));
  if (a.ackedAt !== null) return { ok: true };
  const st = hub.stations.get(stationId);
  db.transaction(() => {
    ackAction(db, p.id, now, p.result, p.message ?? null);
    audit(db, { actor: { kind: 'station', stationId }, userId: null }, {
      action: 'participant.action_acknowledged', venueId: st?.room.info.venueId ?? null, targetType: 'participant', targetId: a.participantId,
      after: { action: a.id, kind: a.kind, result: p.result, message: p.message ?? null }
    });
  });
  // the waiting badge is on the station the action waits at now
  hub.resolvePending(a.stationId ?? stationId, a.id, p.result === 'applied' ? { kind: a.kind as ActionRow['kind'], minutes: a.minutes, participantId: a.participantId } : null, now);
  // a room's acks arrive together (one per station): one summary push per flush, not one per ack
  if (st) hub.publishSessionSoon(st.room.info.id, ['actions']);
  return { ok: true };
}

/** After a station's hello: everything it has not acknowledged, again, oldest first. */
export function resendPending(deps: SessionDeps, stationId: number) {
  for (const a of pendingActions(deps.db, { stationId })) {
    deps.emitter.stationCommand(stationId, { id: a.id, kind: a.kind, nip: a.nip, minutes: a.minutes, reason: a.reason, requestedAt: a.requestedAt });
  }
}

export const actionsOf = (deps: SessionDeps, ref: SessionRef) => listActions(deps.db, ref.session.id);
