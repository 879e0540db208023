/**
 * What still stops the daftar periksa from being complete, in words: the server names fields by
 * path (items.B.2.keterangan, counts.pcTes, signers.bkn.nip); the proctor needs "B.2: keterangan —
 * berbeda dari saran sistem" and a way to jump to the field.
 */
import type { ChecklistView } from '$protocol';
import { CHECKLIST_COUNTS, CHECKLIST_TEXT_MAX } from '$protocol/session.ts';
import { tooLongText } from '../form/text-limit.ts';
import { i18n, t } from '$lib/i18n/i18n.svelte.ts';
import { NIP_PROBLEM_TEXT } from '$protocol/messages/nip.ts';
import {
  countTypedWrong, formOrder, issueTarget, needsNote, needsReason, satisfied, signerNipProblem, targetId, type Draft, type IssueTarget
} from './checklist-draft.ts';

export type IssueEntry = { path: string; fieldId: string | null; label: string; reason: string };

function label(target: IssueTarget): string {
  switch (target.kind) {
    case 'item':
      return t(target.part === 'keterangan' ? 'checklist.issue.keterangan' : 'checklist.issue.value', { item: target.key });
    case 'count': {
      const text = i18n.locale === 'en' ? t(`checklist.count.${target.key}`) : CHECKLIST_COUNTS.find((c) => c.key === target.key)!.text;
      return t('checklist.issue.count', { item: text });
    }
    case 'conclusion':
      return t('checklist.issue.conclusion');
    case 'recommendation':
      return t('checklist.issue.recommendation');
    case 'signer':
      return t('checklist.issue.signer', {
        who: t(target.who === 'bkn' ? 'checklist.signer.bkn' : 'checklist.signer.instansi'),
        field: t(target.part === 'nip' ? 'checklist.signer.nip' : 'checklist.signer.name')
      });
  }
}

/** Why the field is wanted, judged from what the form holds now (the server's words are English only). */
function reason(target: IssueTarget, draft: Draft, view: ChecklistView): string {
  if (target.kind === 'item' && target.part === 'keterangan') {
    const too = tooLongText(draft.items[target.key].keterangan, CHECKLIST_TEXT_MAX.keterangan);
    if (too) return too;
  }
  if (target.kind === 'recommendation') {
    const too = tooLongText(draft.recommendation, CHECKLIST_TEXT_MAX.recommendation);
    if (too) return too;
  }
  if (target.kind === 'item' && target.part === 'keterangan' && needsReason(draft, view, target.key)) return t('checklist.issue.reason');
  if (target.kind === 'item' && target.part === 'keterangan' && needsNote(draft, target.key)) return t('checklist.issue.note');
  if (target.kind === 'count' && countTypedWrong(draft.counts[target.key])) return t('checklist.issue.countInvalid');
  if (target.kind === 'signer' && target.part === 'nip' && draft.signers[target.who].nip.trim()) {
    const problem = signerNipProblem(draft.signers[target.who].nip);
    return problem ? NIP_PROBLEM_TEXT[problem][i18n.locale] : t('checklist.issue.nip');
  }
  return t('checklist.issue.empty');
}

/**
 * The entries for a list of issue paths, in the order of the form; duplicates and fields the form
 * now fills in are dropped.
 */
export function describeIssues(issues: { path: string; message?: string }[], draft: Draft, view: ChecklistView): IssueEntry[] {
  const seen = new Set<string>();
  const known: { order: number; entry: IssueEntry }[] = [];
  const unknown: IssueEntry[] = [];
  for (const issue of issues) {
    if (seen.has(issue.path)) continue;
    seen.add(issue.path);
    const target = issueTarget(issue.path);
    if (!target) {
      unknown.push({ path: issue.path, fieldId: null, label: issue.path, reason: issue.message ?? '' });
      continue;
    }
    if (satisfied(target, draft, view)) continue;
    known.push({ order: formOrder(target), entry: { path: issue.path, fieldId: targetId(target), label: label(target), reason: reason(target, draft, view) } });
  }
  known.sort((a, b) => a.order - b.order);
  return [...known.map((k) => k.entry), ...unknown];
}

/** Move to a field of the form, scrolled into the middle of the screen. */
export function focusField(id: string | null) {
  if (!id) return;
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
}
