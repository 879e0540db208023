/**
 * Moving a session through its lifecycle (Perban BKN 4/2024 Pasal 11–14). The rules are in
 * server/domain/session-lifecycle.ts; this gathers the facts they need, stores the step with its
 * audit row, and tells the room.
 */
import { attendanceCounts, markAbsentAtStart, unrecordedParticipants } from '../../db/queries/attendance.ts';
import { loggedInParticipants } from '../../db/queries/login-decisions.ts';
import { listVisitors } from '../../db/queries/visitors.ts';
import { absentAtStart } from '../domain/attendance-integrity.ts';
import { getChecklist, reopenChecklist } from '../../db/queries/checklists.ts';
import { endOpenPins, sessionPinList } from '../../db/queries/pins.ts';
import { listTransitions, otherActiveSession, recordTransition } from '../../db/queries/sessions.ts';
import { activePin } from '../domain/pin-rules.ts';
import { checkTransition, previewTransition, type LifecycleFacts } from '../domain/session-lifecycle.ts';
import type { SessionAction, SessionStateName, SessionSummary, SessionTopic, SessionTransitionInput, TransitionPreview } from '../../protocol/index.ts';
import { msg } from '../../protocol/messages/index.ts';
import { SESSION_TRANSITIONS } from '../../protocol/session.ts';
import { audit, refuse, type Act, type Result, type SessionDeps, type SessionRef } from './context.ts';
import { buildSummary, liveCounts, workingParticipants } from '../live/session-summary.ts';
import { sendActions, storeActions } from './action.service.ts';
import { completionFacts } from './completion.service.ts';
import { NAMES_LISTED } from '../domain/completion.ts';

export function lifecycleFacts(deps: SessionDeps, ref: SessionRef, now: number): LifecycleFacts {
  const { db, hub } = deps;
  const checklist = getChecklist(db, ref.session.id);
  const a = attendanceCounts(db, ref.session.id);
  const room = hub.rooms.get(ref.roomId);
  // only the room's current session has participants on the room's stations
  const live = room?.session?.id === ref.session.id ? liveCounts(room) : { working: 0 };
  const unrecorded = unrecordedParticipants(db, ref.session.id);
  const split = absentAtStart(unrecorded, unrecorded.length ? loggedInParticipants(db, ref.session.id, unrecorded) : new Set());
  return {
    state: ref.session.state as SessionStateName,
    checklist: { complete: !!checklist?.completedAt, conclusion: (checklist?.conclusion as LifecycleFacts['checklist']['conclusion']) ?? null },
    pinActive: !!activePin(sessionPinList(db, ref.session.id), now),
    attendance: { expected: a.expected, present: a.present, absent: a.absent, expectedLoggedIn: split.loggedIn.length },
    visitorsInside: visitorsIn(deps, ref),
    working: live.working,
    otherActive: otherActiveSession(db, ref.roomId, ref.session.id) ?? null,
    // only a finished session can be finalised: the roster's completion is read for that step alone
    ...(ref.session.state === 'finished' ? { completion: completionFacts(deps, ref, now) } : {})
  };
}

const visitorsIn = (deps: SessionDeps, ref: SessionRef) =>
  listVisitors(deps.db, ref.session.id).filter((v) => v.outAt === null).map((v) => ({ id: v.id, name: v.name, affiliation: v.affiliation, inAt: v.inAt }));

/** What a step would require and do now: the transition dialog renders this. */
export function transitionPreview(deps: SessionDeps, ref: SessionRef, action: SessionAction, now = Date.now()): TransitionPreview {
  const facts = lifecycleFacts(deps, ref, now);
  const p = previewTransition(facts, action);
  const a = facts.attendance;
  return {
    ...p,
    from: facts.state,
    counts: { participants: a.expected + a.present + a.absent, present: a.present, absent: a.absent, expected: a.expected },
    pinActive: facts.pinActive,
    working: facts.working,
    visitorsInside: visitorsIn(deps, ref),
    completion: action === 'finalise' && facts.completion
      ? { missing: facts.completion.unexplained.length, names: facts.completion.unexplained.slice(0, NAMES_LISTED), started: facts.completion.started }
      : null
  };
}

/**
 * One step of the lifecycle. Postponing, resuming and finalising each leave documents and have
 * their own forms (postponement.service.ts, finalise.service.ts), which call this with `form` —
 * for finalising, the numbers of the documents already issued — never the plain route.
 */
export function transition(
  deps: SessionDeps, act: Act, ref: SessionRef, input: SessionTransitionInput, now = Date.now(), form?: { documents: string[] }
): Result<{ session: SessionSummary }> {
  const { db, hub } = deps;
  // Pasal 12(2)f, 12(3): a postponement is recorded with its berita acara, issued first, and a
  // postponed session resumes on a new date once its follow-ups are done and the room is checked
  // again — both only through postponement.service.ts, never as a plain step
  const verdict = checkTransition(lifecycleFacts(deps, ref, now), input);
  // (a step the state does not allow is refused as such first, as for every other action)
  const stateAllows = SESSION_TRANSITIONS[input.action].from.includes(ref.session.state as SessionStateName);
  if (input.action === 'postpone' && stateAllows) return refuse('INVALID_PAYLOAD', msg('postponement.useForm'));
  if (input.action === 'resume' && stateAllows) return refuse('INVALID_PAYLOAD', msg('postponement.useResume'));
  // Pasal 14(1)l–m: the lists and the berita acara are made with the step, from the form
  if (input.action === 'finalise' && stateAllows && !form) return refuse('INVALID_PAYLOAD', msg('finalise.useForm'));
  if (!verdict.ok) return refuse(verdict.code, verdict.msg);
  const changed: SessionTopic[] = ['state'];
  const room = hub.rooms.get(ref.roomId);
  // Closing the test while some still work (a reason was given): their tests are ended, recorded
  // as proctor actions with that reason, so the session can be finalised even if a PC is offline.
  const toEnd = verdict.to === 'finished' && room?.session?.id === ref.session.id ? workingParticipants(room) : [];
  let ended: ReturnType<typeof storeActions> = [];
  db.transaction(() => {
    if (toEnd.length) {
      ended = storeActions(deps, act, ref, toEnd, { kind: 'end', reason: input.reason ?? 'sesi diakhiri' }, now);
      changed.push('actions');
    }
    recordTransition(db, { sessionId: ref.session.id, at: now, action: input.action, from: verdict.from, to: verdict.to, reason: input.reason ?? null, actorId: act.userId });
    let absent: number[] = [];
    if (verdict.markAbsent) {
      // Pasal 14(2): only those checked at the desk enter; the rest are recorded absent at the start
      // — except whoever has logged in at a PC: they are here, never absent; they stay
      // for the desk to register, flagged on their tile meanwhile
      const unrecorded = unrecordedParticipants(db, ref.session.id);
      const { absent: ids } = absentAtStart(unrecorded, loggedInParticipants(db, ref.session.id, unrecorded));
      absent = markAbsentAtStart(db, ref.session.id, ids, now, act.userId);
      changed.push('attendance');
    }
    // Pasal 12(2)e, 12(3): postponed because the room was not ready; the agency fixes it, and the
    // room is checked again — the old form cannot reopen registration
    const recheck = verdict.to === 'postponed' && reopenChecklist(db, ref.session.id, now);
    if (recheck) changed.push('checklist');
    if (['finished', 'finalised', 'postponed'].includes(verdict.to)) {
      // no one logs in to a session that is over or postponed
      endOpenPins(db, ref.session.id, now, 'session_ended');
      changed.push('pin');
    }
    audit(db, act, {
      action: `session.${input.action}`, venueId: ref.venueId, targetType: 'session', targetId: ref.session.id,
      before: { state: verdict.from }, after: { state: verdict.to, reason: input.reason ?? null, markedAbsent: absent.length || undefined, checklistReopened: recheck || undefined, documents: form?.documents }
    });
  });
  hub.publishSession(ref.roomId, changed, { reload: true }, now);
  sendActions(deps, ended, now, false); // the reload above already shows them as waiting
  return { ok: true, session: buildSummary(db, ref.session.id, hub.rooms.get(ref.roomId) ?? null, now)! };
}

export function sessionDetail(deps: SessionDeps, ref: SessionRef, now = Date.now()) {
  const room = deps.hub.rooms.get(ref.roomId);
  return {
    session: buildSummary(deps.db, ref.session.id, room?.session?.id === ref.session.id ? room : null, now)!,
    transitions: listTransitions(deps.db, ref.session.id)
  };
}
