/**
 * Who completed the whole series, and why the others did not (SE BKN 6/2026 §5.g.2; Perban BKN
 * 4/2024 Pasal 14(1)l–m, 14(3)–(4)): the list the finalise dialog shows, the reason a proctor
 * confirms for each one who did not complete, and the facts the finalise guard reads. The rules
 * are in server/domain/completion.ts; the progress is folded from the stored events, so it is the
 * same for the room's current session, a session the room has moved past, and after a restart.
 */
import { completionRoster, sessionActionsForCompletion, setNonCompletion } from '../../db/queries/completion.ts';
import { sessionEvents } from '../../db/queries/events.ts';
import type { CompletionInput, CompletionList, CompletionRow } from '../../protocol/index.ts';
import { msg } from '../../protocol/messages/index.ts';
import {
  checkReason, completedSeries, endAskedAt, foldViews, progressOf, suggestReason, type CompletionFacts
} from '../domain/completion.ts';
import { audit, refuse, type Act, type Result, type SessionDeps, type SessionRef } from './context.ts';

/** Every roster participant: completed or not, how far, the suggestion and the recorded reason. */
export function completionList(deps: Pick<SessionDeps, 'db'>, ref: SessionRef, now = Date.now()): CompletionList {
  const { db } = deps;
  const s = ref.session;
  const durationMs = s.durationMin * 60_000;
  const roster = completionRoster(db, s.id);
  const actions = sessionActionsForCompletion(db, s.id);
  const views = foldViews(roster, sessionEvents(db, s.id), actions, durationMs);
  const closedAt = s.finishedAt ?? now;
  const participants: CompletionRow[] = roster.map((r) => {
    const view = views.get(r.participantId) ?? null;
    const progress = progressOf(view, endAskedAt(actions, r.participantId), durationMs);
    const completed = completedSeries(view);
    return {
      participantId: r.participantId, nip: r.nip, name: r.name, nomorPeserta: r.nomorPeserta, attendance: r.attendance,
      completed, progress,
      suggestion: completed ? null : suggestReason(r.attendance, progress, closedAt),
      recorded: r.reason && !completed ? { reason: r.reason, note: r.note, by: r.by, at: r.at ?? 0 } : null
    };
  });
  return {
    participants,
    missing: participants.filter((p) => !p.completed && !p.recorded).length,
    started: participants.some((p) => p.progress.started)
  };
}

/** The finalise guard's facts (server/domain/session-lifecycle.ts): who lacks a reason, by name, and whether anyone started. */
export function completionFacts(deps: Pick<SessionDeps, 'db'>, ref: SessionRef, now = Date.now()): CompletionFacts {
  const list = completionList(deps, ref, now);
  return { unexplained: list.participants.filter((p) => !p.completed && !p.recorded).map((p) => p.name), started: list.started };
}

/**
 * A proctor confirms why a participant did not complete: once the test is closed for everyone
 * (finished) and before the session is finalised; a second answer replaces the first (the audit
 * trail keeps both). Someone who completed needs none.
 */
export function recordCompletion(
  deps: SessionDeps, act: Act, ref: SessionRef, participantId: number, input: CompletionInput, now = Date.now()
): Result<{ row: CompletionRow; missing: number }> {
  const { db, hub } = deps;
  if (ref.session.state !== 'finished') return refuse('INVALID_STATE', msg('completion.onlyFinished'));
  const before = completionList(deps, ref, now);
  const row = before.participants.find((p) => p.participantId === participantId);
  if (!row) return refuse('NOT_FOUND', msg('participant.notInSession', { id: participantId }));
  if (row.completed) return refuse('INVALID_STATE', msg('completion.completed'));
  const bad = checkReason(input.reason, input.note);
  if (bad) return refuse('INVALID_PAYLOAD', bad);
  const note = input.note?.trim() || null;
  db.transaction(() => {
    setNonCompletion(db, ref.session.id, participantId, { reason: input.reason, note, by: act.userId, at: now });
    audit(db, act, {
      action: 'participant.completion_recorded', venueId: ref.venueId, targetType: 'participant', targetId: participantId, at: now,
      before: row.recorded ? { completionReason: row.recorded.reason, note: row.recorded.note } : null,
      after: { completionReason: input.reason, note, session: ref.session.code }
    });
  });
  hub.publishSession(ref.roomId, ['participants'], {}, now);
  const after = completionList(deps, ref, now);
  return { ok: true, row: after.participants.find((p) => p.participantId === participantId)!, missing: after.missing };
}
