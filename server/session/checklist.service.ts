/**
 * The daftar periksa (Perban BKN 4/2024 Pasal 12(2)c, Lampiran I.B): the stored form, with what
 * the live stations say offered as suggestions. Versioned, so two proctors editing at once do not
 * overwrite each other; completing it needs every row, the counts, a conclusion and both signers.
 */
import { getChecklist, saveChecklist } from '../../db/queries/checklists.ts';
import { emptyChecklistContent, missingForCompletion, suggestChecklist, type ChecklistContent } from '../domain/checklist.ts';
import { checkFacts } from '../domain/compliance.ts';
import { WORK_STATES, type ChecklistSaveInput, type ChecklistView } from '../../protocol/index.ts';
import { isReadOnlyState } from '../../protocol/session-history.ts';
import type { checklistSaveSchema } from '../../protocol/index.ts';
import type { z } from 'zod';
import { audit, refuse, requireState, type Act, type Result, type SessionDeps, type SessionRef } from './context.ts';
import { msg } from '../../protocol/messages/index.ts';


function suggestions(deps: SessionDeps, ref: SessionRef) {
  // a finalised session is a closed record: what the room's stations say now is not about it
  if (isReadOnlyState(ref.session.state)) return { suggestions: {}, counts: {} };
  const room = deps.hub.rooms.get(ref.roomId);
  const stations = (room?.stations ?? []).map((st) => ({
    code: st.view.code, spare: st.view.spare, state: st.view.state, kbps: st.view.kbps,
    compliance: checkFacts(st.facts, { rtt: st.view.rtt, kbps: st.view.kbps }, deps.cfg)
  }));
  return suggestChecklist(stations, deps.cfg.minBandwidthKbps);
}

export function checklistView(deps: SessionDeps, ref: SessionRef): ChecklistView {
  const row = getChecklist(deps.db, ref.session.id);
  const content: ChecklistContent = row
    ? { items: JSON.parse(row.itemsJson), counts: JSON.parse(row.countsJson), conclusion: row.conclusion as ChecklistContent['conclusion'], recommendation: row.recommendation, signers: JSON.parse(row.signersJson) }
    : emptyChecklistContent();
  const s = suggestions(deps, ref);
  return {
    sessionId: ref.session.id,
    ...content,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedByName ?? null,
    completedAt: row?.completedAt ?? null,
    completedBy: row?.completedByName ?? null,
    suggestions: s.suggestions,
    suggestedCounts: s.counts,
    missing: missingForCompletion(content, s.suggestions).map((m) => m.path)
  };
}

export function saveChecklistForm(deps: SessionDeps, act: Act, ref: SessionRef, input: z.infer<typeof checklistSaveSchema>, now = Date.now()): Result<{ checklist: ChecklistView }> {
  const bad = requireState(ref, WORK_STATES.checklist, 'checklist');
  if (bad) return bad;
  const { db, hub } = deps;
  const current = getChecklist(db, ref.session.id);
  const version = current?.version ?? 0;
  if (input.version !== version) {
    return refuse('CONFLICT', msg('checklist.conflict', { version }));
  }
  const base = emptyChecklistContent();
  const content: ChecklistContent = {
    items: { ...base.items, ...input.items } as ChecklistContent['items'],
    counts: { ...base.counts, ...input.counts } as ChecklistContent['counts'],
    conclusion: input.conclusion, recommendation: input.recommendation, signers: input.signers
  };
  if (input.complete) {
    const missing = missingForCompletion(content, suggestions(deps, ref).suggestions);
    if (missing.length) return refuse('INVALID_PAYLOAD', msg('checklist.incomplete', { n: missing.length }), missing);
  }
  db.transaction(() => {
    saveChecklist(db, {
      sessionId: ref.session.id, itemsJson: JSON.stringify(content.items), countsJson: JSON.stringify(content.counts), conclusion: content.conclusion,
      recommendation: content.recommendation, signersJson: JSON.stringify(content.signers), version: version + 1, updatedAt: now, updatedBy: act.userId,
      // any edit of a completed form makes it a draft again: it must be completed (signed) anew
      completedAt: input.complete ? now : null, completedBy: input.complete ? act.userId : null
    });
    audit(db, act, {
      action: input.complete ? 'checklist.completed' : 'checklist.saved', venueId: ref.venueId, targetType: 'session', targetId: ref.session.id,
      before: { version, completed: !!current?.completedAt }, after: { version: version + 1, conclusion: content.conclusion, items: Object.fromEntries(Object.entries(content.items).map(([k, v]) => [k, v.value])) }
    });
  });
  hub.publishSession(ref.roomId, ['checklist'], {}, now);
  return { ok: true, checklist: checklistView(deps, ref) };
}
export type { ChecklistSaveInput };
