/**
 * Postponing a session with its Berita Acara Penundaan, and resuming it (Perban BKN 4/2024 Pasal
 * 12(2)e–f, 12(3), Lampiran III). The rules are in server/domain/postponement.ts; this gathers
 * the facts, issues the document, stores the postponement and the state changes with their audit
 * rows, pauses whoever is still working, and tells the rooms.
 *
 * Order (Pasal 12(2)f: the berita acara is made first): the document is rendered (asynchronous,
 * off the event loop) before anything is written; then one transaction stores it and records the
 * postponement — checked again there against the record as it is — so neither exists without the
 * other, whatever crashes when. A session is postponed by one request at a time in this process.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { getActivity } from '../../db/queries/activities.ts';
import { getChecklist, reopenChecklist } from '../../db/queries/checklists.ts';
import { endOpenPins } from '../../db/queries/pins.ts';
import {
  activitySessionsAtVenue, followUpOf, getPostponement, insertPostponement, latestPostponementOf, listPostponements, markFollowUpDone, markResumed, openFollowUps, roomsOf, stillPostponed
} from '../../db/queries/postponements.ts';
import { recordTransition, sessionWithRoom } from '../../db/queries/sessions.ts';
import { rooms, sessions, sessionTransitions } from '../../db/schema.ts';
import type { VenueTimeZone } from '../../protocol/activity.ts';
import { msg } from '../../protocol/messages/index.ts';
import type { PostponementInput, PostponementRow, ResumeInput, ResumeReadiness } from '../../protocol/postponement.ts';
import type { SessionStateName, SessionSummary, SessionTopic } from '../../protocol/index.ts';
import { venueCalendar } from '../activity/activity.service.ts';
import type { Principal } from '../auth/principal.ts';
import { baPenundaan } from '../documents/content/ba-penundaan.ts';
import { agencyOf, placeOfVenue, rosterRows, sessionRecord } from '../documents/session-facts.ts';
import { issueDocuments } from '../documents/document.service.ts';
import { checkSessionLead, planSession, zonedDate, zonedInstant } from '../domain/activity-rules.ts';
import { coveredSessions, resumeProblem, resumeReadiness, validatePostponement, type ResumeFacts } from '../domain/postponement.ts';
import { checkTransition } from '../domain/session-lifecycle.ts';
import { buildSummary, workingParticipants } from '../live/session-summary.ts';
import { sendActions, storeActions } from './action.service.ts';
import { audit, loadSessionRef, refuse, type Act, type Result, type SessionDeps, type SessionRef } from './context.ts';
import { lifecycleFacts } from './lifecycle.service.ts';

/** Sessions being postponed by a request in flight (the document is issued before the state changes). */
const inFlight = new Set<number>();


/** The sessions this postponement would cover: the acted one first, then the activity's not yet started. */
function coverage(db: Db, ref: SessionRef, scope: PostponementInput['scope']) {
  const s = ref.session;
  const acted = { id: s.id, activityId: s.activityId, venueId: ref.venueId, state: s.state, startedAt: s.startedAt, scheduledAt: s.scheduledAt };
  const others = s.activityId !== null ? activitySessionsAtVenue(db, s.activityId) : [];
  return coveredSessions(acted, others, scope);
}

/**
 * POST /api/sessions/:id/postpone. The acted session may be scheduled, in preparation, open or
 * running; with scope 'activity' the activity's other sessions at the venue that have not started
 * go with it.
 */
export async function postponeSession(
  deps: SessionDeps, act: Act, ref: SessionRef, input: PostponementInput, opts: { baseUrl: string }, now = Date.now()
): Promise<Result<{ postponement: PostponementRow; session: SessionSummary }>> {
  const { db, hub } = deps;
  const v = validatePostponement(input);
  if (!v.ok) return refuse(v.error, v.msg, v.issues);
  const data = v.value;
  const verdict = checkTransition(lifecycleFacts(deps, ref, now), { action: 'postpone', reason: data.reason });
  if (!verdict.ok) return refuse(verdict.code, verdict.msg);
  const ids = coverage(db, ref, data.scope);
  if (ids.some((id) => inFlight.has(id))) return refuse('CONFLICT', msg('postponement.inProgress'));
  for (const id of ids) inFlight.add(id);
  try {
    const covered = db.select({ id: sessions.id, code: sessions.code, name: sessions.name, scheduledAt: sessions.scheduledAt, roomName: rooms.name })
      .from(sessions).innerJoin(rooms, eq(rooms.id, sessions.roomId)).where(inArray(sessions.id, ids)).all();
    const ordered = ids.map((id) => covered.find((c) => c.id === id)!);
    const model = baPenundaan({
      number: '', issuedAt: now,
      place: placeOfVenue(db, ref.venueId),
      agency: agencyOf(db, sessionRecord(db, ref.session.id), rosterRows(db, ref.session.id)),
      sessions: ordered.map((s) => ({ code: s.code, name: s.name, roomName: s.roomName, scheduledAt: s.scheduledAt })),
      category: data.category, reason: data.reason, coordination: data.coordination, followUps: data.followUps,
      signers: { bkn: data.signers.bkn, instansi: data.signers.instansi }
    });
    const reasonText = `${data.category}: ${data.reason}`;
    const changedRooms = new Map<number, SessionTopic[]>();
    const paused: { ref: SessionRef; sent: ReturnType<typeof storeActions> }[] = [];
    // Pasal 12(2)f: the berita acara first — stored in the same transaction as the postponement
    // it records, so a crash or a refusal never leaves one without the other
    const issued = await issueDocuments(db, [{
      model, venueId: ref.venueId, sessionId: ref.session.id, activityId: ref.session.activityId, issuedBy: act.userId!,
      signers: [
        { role: 'Tim Penyelenggara CACT BKN', name: data.signers.bkn.name, nip: data.signers.bkn.nip },
        { role: 'Instansi Pengguna', name: data.signers.instansi.name, nip: data.signers.instansi.nip }
      ]
    }], { baseUrl: opts.baseUrl, actor: act.actor, now }, ([doc]) => {
      // the state may have moved while the document was rendered: check again, inside the write
      const fresh = ids.map((id) => loadSessionRef(db, id)!);
      const actedNow = fresh[0];
      const again = checkTransition({ ...lifecycleFacts(deps, actedNow, now), state: actedNow.session.state as SessionStateName }, { action: 'postpone', reason: data.reason });
      if (!again.ok) return refuse(again.code, again.msg);
      const moving = fresh.filter((r, i) => i === 0 || (r.session.startedAt === null && ['scheduled', 'preparation', 'open'].includes(r.session.state)));
      const pid = insertPostponement(db, {
        sessionId: ref.session.id, activityId: ref.session.activityId, scope: data.scope, category: data.category, reason: data.reason,
        coordinationJson: JSON.stringify(data.coordination), signersJson: JSON.stringify(data.signers), documentId: doc.id,
        createdAt: now, createdBy: act.userId
      }, moving.map((r) => r.session.id), data.followUps);
      for (const r of moving) {
        const from = r.session.state as SessionStateName;
        const changed: SessionTopic[] = ['state'];
        // whoever is still working in a running session is paused with the reason; their progress is kept
        const room = hub.rooms.get(r.roomId);
        const working = from === 'running' && room?.session?.id === r.session.id
          ? workingParticipants(room).filter((w) => room.stations.find((st) => st.view.id === w.stationId)?.view.participant?.pausedAt == null)
          : [];
        if (working.length) {
          paused.push({ ref: r, sent: storeActions(deps, act, r, working, { kind: 'pause', reason: `Sesi ditunda — ${reasonText}` }, now) });
          changed.push('actions');
        }
        recordTransition(db, { sessionId: r.session.id, at: now, action: 'postpone', from, to: 'postponed', reason: reasonText, actorId: act.userId });
        // Pasal 12(2)e, 12(3): the room is checked again before the test continues
        const recheck = reopenChecklist(db, r.session.id, now);
        if (recheck) changed.push('checklist');
        // nobody logs in to a postponed session
        endOpenPins(db, r.session.id, now, 'session_ended');
        changed.push('pin');
        audit(db, act, {
          action: 'session.postpone', venueId: r.venueId, targetType: 'session', targetId: r.session.id, at: now,
          before: { state: from },
          after: {
            state: 'postponed', reason: reasonText, postponeCategory: data.category, postponeScope: data.scope, postponementId: pid,
            documentId: doc.id, number: doc.number, checklistReopened: recheck || undefined, paused: working.length || undefined
          }
        });
        changedRooms.set(r.roomId, [...new Set([...(changedRooms.get(r.roomId) ?? []), ...changed])]);
      }
      return { ok: true as const, pid };
    });
    if (!issued.ok) return issued;
    const recorded = issued.then!;
    for (const [roomId, changed] of changedRooms) hub.publishSession(roomId, changed, { reload: true }, now);
    for (const p of paused) sendActions(deps, p.sent, now, false); // the reload above already shows them as waiting
    return {
      ok: true,
      postponement: listPostponements(db, { ids: [recorded.pid] })[0],
      session: buildSummary(db, ref.session.id, hub.rooms.get(ref.roomId) ?? null, now)!
    };
  } finally {
    for (const id of ids) inFlight.delete(id);
  }
}

/** The moment the session was last postponed (for a session postponed before postponements were recorded). */
function postponedAt(db: Db, sessionId: number): number {
  const t = db.select({ at: sessionTransitions.at }).from(sessionTransitions)
    .where(and(eq(sessionTransitions.sessionId, sessionId), eq(sessionTransitions.toState, 'postponed'))).all();
  return t.reduce((m, r) => Math.max(m, r.at), 0);
}

function resumeFacts(db: Db, ref: SessionRef): ResumeFacts & { postponementId: number | null } {
  const p = latestPostponementOf(db, ref.session.id);
  const c = getChecklist(db, ref.session.id);
  return {
    postponementId: p?.id ?? null,
    followUpsOpen: p ? openFollowUps(db, p.id) : 0,
    postponedAt: p?.createdAt ?? postponedAt(db, ref.session.id),
    checklist: c ? { completedAt: c.completedAt, conclusion: c.conclusion as 'layak' | 'tidak_layak' | null } : null
  };
}

/** GET /api/sessions/:id/postponements: newest first, and what resuming waits for while postponed. */
export function sessionPostponements(deps: SessionDeps, ref: SessionRef): { postponements: PostponementRow[]; readiness: ResumeReadiness | null } {
  const readiness = ref.session.state === 'postponed' ? resumeReadiness(resumeFacts(deps.db, ref)) : null;
  return { postponements: listPostponements(deps.db, { sessionId: ref.session.id }), readiness };
}

/** The postponement and the session it was acted from, for the follow-up route's scope check. */
export function postponementRef(db: Db, id: number) {
  const p = getPostponement(db, id);
  if (!p) return undefined;
  const r = sessionWithRoom(db, p.sessionId);
  return r ? { postponement: p, ref: { session: r.session, roomId: r.roomId, venueId: r.venueId } as SessionRef } : undefined;
}

/** POST /api/postponements/:id/followups/:fid/done: who and when, once; audited. */
export function followUpDone(deps: SessionDeps, act: Act, postponementId: number, followUpId: number, now = Date.now()): Result<{ postponement: PostponementRow }> {
  const { db, hub } = deps;
  const found = postponementRef(db, postponementId);
  if (!found) return refuse('NOT_FOUND', msg('postponement.notFound'));
  const f = followUpOf(db, postponementId, followUpId);
  if (!f) return refuse('NOT_FOUND', msg('postponement.followUpNotFound'));
  if (f.doneAt === null) {
    if (found.postponement.resumedAt !== null) return refuse('INVALID_STATE', msg('postponement.alreadyResumed'));
    db.transaction(() => {
      if (!markFollowUpDone(db, f.id, now, act.userId)) return;
      audit(db, act, {
        action: 'postponement.followup_done', venueId: found.ref.venueId, targetType: 'session', targetId: found.ref.session.id, at: now,
        after: { postponementId, followUp: `${f.position}. ${f.text}`, documentId: found.postponement.documentId }
      });
    });
    // every covered session's panel shows the follow-ups
    for (const roomId of roomsOf(db, postponementId)) hub.publishSession(roomId, ['state'], {}, now);
  }
  return { ok: true, postponement: listPostponements(db, { ids: [postponementId] })[0] };
}

/**
 * POST /api/sessions/:id/resume (Pasal 12(3)): the follow-ups done, a new daftar periksa that says
 * layak, and a new date and time (in the venue's zone, stored UTC) on the activity's days and
 * outside the lead time — inside it only with a koordinator's reason, as when rescheduling.
 * postponed → preparation; the postponement is marked resumed once none of its sessions is
 * still postponed.
 */
export function resumeSession(
  deps: SessionDeps, p: Principal, act: Act, ref: SessionRef, input: ResumeInput, now = Date.now()
): Result<{ session: SessionSummary; overridden: boolean }> {
  const { db, hub } = deps;
  const verdict = checkTransition(lifecycleFacts(deps, ref, now), { action: 'resume' });
  if (!verdict.ok) return refuse(verdict.code, verdict.msg);
  const facts = resumeFacts(db, ref);
  const problem = resumeProblem(facts);
  if (problem) return refuse('INVALID_STATE', problem);
  const s = ref.session;
  const activity = s.activityId !== null ? getActivity(db, s.activityId) : undefined;
  const zone: VenueTimeZone = activity?.timeZone ?? placeOfVenue(db, ref.venueId).zone;
  const purpose = activity?.purpose ?? 'pengisian_jabatan';
  const plan = activity
    ? planSession(activity, { date: input.date, time: input.time, durationMin: s.durationMin, capacity: s.capacity ?? 0 }, { pcs: Infinity, spares: 0 })
    : planSession({ purpose, dateFrom: input.date, dateTo: input.date }, { date: input.date, time: input.time, durationMin: s.durationMin, capacity: 0 }, { pcs: 0, spares: 0 });
  if (!plan.ok) return refuse(plan.error, plan.msg);
  const lead = checkSessionLead(venueCalendar(db, ref.venueId), purpose, zonedDate(now, zone), input.date,
    input.overrideReason !== undefined ? { roles: p.roles, reason: input.overrideReason } : null);
  if (!lead.ok) return refuse(lead.error, lead.msg);
  const scheduledAt = zonedInstant(input.date, input.time, zone);
  const pp = facts.postponementId !== null ? getPostponement(db, facts.postponementId) : undefined;
  const number = pp ? (listPostponements(db, { ids: [pp.id] })[0]?.document.number ?? null) : null;
  db.transaction(() => {
    db.update(sessions).set({ scheduledAt }).where(eq(sessions.id, s.id)).run();
    recordTransition(db, { sessionId: s.id, at: now, action: 'resume', from: 'postponed', to: 'preparation', reason: lead.overridden ? lead.reason : null, actorId: act.userId });
    if (pp && stillPostponed(db, pp.id) === 0) markResumed(db, pp.id, now, act.userId);
    audit(db, act, {
      action: 'session.resume', venueId: ref.venueId, targetType: 'session', targetId: s.id, at: now,
      before: { state: 'postponed', scheduledAt: s.scheduledAt },
      after: {
        state: 'preparation', scheduledAt, postponementId: pp?.id ?? null, documentId: pp?.documentId ?? null, number,
        workingDays: lead.workingDays,
        ...(lead.overridden ? { overrideReason: lead.reason, minWorkingDays: (lead.refused.params as { min: number }).min } : {})
      }
    });
  });
  hub.publishSession(ref.roomId, ['state'], { reload: true }, now);
  return { ok: true, session: buildSummary(db, s.id, hub.rooms.get(ref.roomId) ?? null, now)!, overridden: lead.overridden };
}

