/**
 * The daftar periksa (Perban BKN 4/2024 Lampiran I.B) as edited on screen: a copy of the server's
 * ChecklistView that the form changes, the body of the PUT, and the mapping from the server's
 * issue paths (items.B.2.keterangan, counts.pcTes, signers.bkn.nip …) to the form's fields.
 */
import type { ChecklistSaveInput, ChecklistView } from '$protocol';
import { nipProblem, type NipProblem } from '$protocol/nip.ts';
import { overBy } from '../form/text-limit.ts';
import {
  CHECKLIST_COUNTS, CHECKLIST_ITEMS, CHECKLIST_KEYS, CHECKLIST_TEXT_MAX,
  type ChecklistConclusion, type ChecklistCountKey, type ChecklistItemKey, type Kesesuaian
} from '$protocol/session.ts';

export type Signer = { name: string; nip: string };
export type Draft = {
  items: Record<ChecklistItemKey, { value: Kesesuaian | null; keterangan: string }>;
  /** as typed: '' is "not given" */
  counts: Record<ChecklistCountKey, string>;
  conclusion: ChecklistConclusion | null;
  recommendation: string;
  signers: { bkn: Signer; instansi: Signer };
};

export const COUNT_KEYS = CHECKLIST_COUNTS.map((c) => c.key) as ChecklistCountKey[];

export function draftOf(v: ChecklistView): Draft {
  const items = {} as Draft['items'];
  for (const k of CHECKLIST_KEYS) items[k] = { value: v.items[k]?.value ?? null, keterangan: v.items[k]?.keterangan ?? '' };
  const counts = {} as Draft['counts'];
  for (const k of COUNT_KEYS) counts[k] = v.counts[k] == null ? '' : String(v.counts[k]);
  return {
    items,
    counts,
    conclusion: v.conclusion,
    recommendation: v.recommendation ?? '',
    signers: { bkn: { ...v.signers.bkn }, instansi: { ...v.signers.instansi } }
  };
}

/** The largest count the server takes (checklistSaveSchema). */
export const COUNT_MAX = 100_000;

/** A typed count as the server wants it: a whole number 0–COUNT_MAX, or null when empty or not one. */
export function countValue(typed: string): number | null {
  const s = typed.trim();
  return /^\d{1,6}$/.test(s) && Number(s) <= COUNT_MAX ? Number(s) : null;
}

/** Something typed in a count that is not a count ("satu", "12a", -1): flagged, never sent as "not given". */
export function countTypedWrong(typed: string): boolean {
  return typed.trim() !== '' && countValue(typed) == null;
}

/** What is wrong with a signer's NIP as typed (the one NIP rule of $protocol/nip.ts); null when empty or plausible. */
export function signerNipProblem(typed: string): NipProblem | null {
  const nip = typed.trim();
  return nip ? nipProblem(nip) : null;
}

export function saveBody(d: Draft, version: number, complete: boolean): ChecklistSaveInput {
  const items = {} as ChecklistSaveInput['items'];
  for (const k of CHECKLIST_KEYS) items[k] = { value: d.items[k].value, keterangan: d.items[k].keterangan.trim() };
  const counts = {} as ChecklistSaveInput['counts'];
  for (const k of COUNT_KEYS) counts[k] = countValue(d.counts[k]);
  const signer = (s: Signer) => ({ name: s.name.trim(), nip: s.nip.trim() });
  return {
    items,
    counts,
    conclusion: d.conclusion,
    recommendation: d.recommendation.trim(),
    signers: { bkn: signer(d.signers.bkn), instansi: signer(d.signers.instansi) },
    version,
    complete
  };
}

/** Whether the form holds something the server does not have yet (a count typed as "satu" counts too). */
export function sameDraft(a: Draft, b: Draft): boolean {
  const typed = (d: Draft) => COUNT_KEYS.map((k) => d.counts[k].trim());
  return JSON.stringify([saveBody(a, 0, false), typed(a)]) === JSON.stringify([saveBody(b, 0, false), typed(b)]);
}

/**
 * A proctor may answer differently from what the system measured, but must say why: the value
 * differs from the suggestion and the keterangan is empty.
 */
export function needsReason(d: Draft, v: ChecklistView, key: ChecklistItemKey): boolean {
  const s = v.suggestions[key];
  const item = d.items[key];
  return !!s && s.value != null && item.value != null && item.value !== s.value && !item.keterangan.trim();
}

/** Texts over what the server takes are refused, never cut (form/text-limit.ts). */
export const keteranganTooLong = (d: Draft, key: ChecklistItemKey): boolean => overBy(d.items[key].keterangan, CHECKLIST_TEXT_MAX.keterangan) > 0;
export const recommendationTooLong = (d: Draft): boolean => overBy(d.recommendation, CHECKLIST_TEXT_MAX.recommendation) > 0;

/** Lampiran I.B: a row marked tidak sesuai says in its keterangan what is wrong. */
export function needsNote(d: Draft, key: ChecklistItemKey): boolean {
  return d.items[key].value === 'tidak_sesuai' && !d.items[key].keterangan.trim();
}

/** Element ids: item keys carry dots, which ids may hold but selectors would need escaped. */
const slug = (key: string) => key.replace(/\./g, '-');
export const itemId = (key: ChecklistItemKey, part: 'sesuai' | 'tidak_sesuai' | 'ket') => `cl-${slug(key)}-${part}`;
export const countId = (key: ChecklistCountKey) => `cl-count-${key}`;
export const signerId = (who: 'bkn' | 'instansi', part: 'name' | 'nip') => `cl-signer-${who}-${part}`;
export const CONCLUSION_ID = 'cl-conclusion-layak';
export const RECOMMENDATION_ID = 'cl-recommendation';

export type IssueTarget =
  | { kind: 'item'; key: ChecklistItemKey; part: 'value' | 'keterangan' }
  | { kind: 'count'; key: ChecklistCountKey }
  | { kind: 'conclusion' }
  | { kind: 'recommendation' }
  | { kind: 'signer'; who: 'bkn' | 'instansi'; part: 'name' | 'nip' };

/** Which field an issue path names; null for a path this form does not know. */
export function issueTarget(path: string): IssueTarget | null {
  const [head, ...rest] = path.split('.');
  if (head === 'items') {
    const tail = rest.join('.');
    // the longest key that prefixes the tail ("B.2" in "B.2.keterangan")
    const key = [...CHECKLIST_KEYS].sort((a, b) => b.length - a.length).find((k) => tail === k || tail.startsWith(`${k}.`));
    if (!key) return null;
    return { kind: 'item', key, part: tail.slice(key.length + 1) === 'keterangan' ? 'keterangan' : 'value' };
  }
  if (head === 'counts') {
    const key = COUNT_KEYS.find((k) => k === rest[0]);
    return key ? { kind: 'count', key } : null;
  }
  if (head === 'conclusion') return { kind: 'conclusion' };
  if (head === 'recommendation') return { kind: 'recommendation' };
  if (head === 'signers' && (rest[0] === 'bkn' || rest[0] === 'instansi')) {
    return { kind: 'signer', who: rest[0], part: rest[1] === 'nip' ? 'nip' : 'name' };
  }
  return null;
}

/** The element to focus for an issue. */
export function targetId(t: IssueTarget): string {
  switch (t.kind) {
    case 'item':
      return t.part === 'keterangan' ? itemId(t.key, 'ket') : itemId(t.key, 'sesuai');
    case 'count':
      return countId(t.key);
    case 'conclusion':
      return CONCLUSION_ID;
    case 'recommendation':
      return RECOMMENDATION_ID;
    case 'signer':
      return signerId(t.who, t.part);
  }
}

/** Items in the order of the form, for listing issues in that order. */
export function formOrder(t: IssueTarget): number {
  switch (t.kind) {
    case 'item':
      return CHECKLIST_ITEMS.findIndex((i) => i.key === t.key) * 2 + (t.part === 'keterangan' ? 1 : 0);
    case 'count':
      return 100 + COUNT_KEYS.indexOf(t.key);
    case 'conclusion':
      return 200;
    case 'recommendation':
      return 201;
    case 'signer':
      return 300 + (t.who === 'instansi' ? 2 : 0) + (t.part === 'nip' ? 1 : 0);
  }
}

/**
 * Whether the form now holds something for a field the server said was missing — so that a flag
 * disappears as soon as the proctor fills the field in, without another round trip.
 */
export function satisfied(t: IssueTarget, d: Draft, v: ChecklistView): boolean {
  switch (t.kind) {
    case 'item':
      return t.part === 'value' ? d.items[t.key].value != null : !!d.items[t.key].keterangan.trim() && !needsReason(d, v, t.key) && !keteranganTooLong(d, t.key);
    case 'count':
      return countValue(d.counts[t.key]) != null;
    case 'conclusion':
      return d.conclusion != null;
    case 'recommendation':
      return !!d.recommendation.trim() && !recommendationTooLong(d);
    case 'signer':
      return t.part === 'nip' ? !!d.signers[t.who].nip.trim() && signerNipProblem(d.signers[t.who].nip) == null : !!d.signers[t.who].name.trim();
  }
}

/**
 * The fields the form itself can see are wrong, as issue paths like the server's: a count that is
 * not a number, a signer NIP that is not a NIP, a text over its limit, a row that needs a
 * keterangan. A save with any of the first three is not sent (the server would store the count as
 * empty, or refuse the text); all of them are listed in the error summary with the server's
 * issues, so that summary and inline flags agree.
 */
export function clientIssues(d: Draft, v: ChecklistView): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const { key } of CHECKLIST_ITEMS) {
    if (needsReason(d, v, key) || needsNote(d, key) || keteranganTooLong(d, key)) out.push({ path: `items.${key}.keterangan`, message: '' });
  }
  if (recommendationTooLong(d)) out.push({ path: 'recommendation', message: '' });
  for (const k of COUNT_KEYS) if (countTypedWrong(d.counts[k])) out.push({ path: `counts.${k}`, message: '' });
  for (const who of ['bkn', 'instansi'] as const) {
    if (signerNipProblem(d.signers[who].nip)) out.push({ path: `signers.${who}.nip`, message: '' });
  }
  return out;
}

/** Whether the form holds a value that cannot be sent as typed (a save would lose or refuse it). */
export function hasUnsendable(d: Draft): boolean {
  return (
    COUNT_KEYS.some((k) => countTypedWrong(d.counts[k])) ||
    (['bkn', 'instansi'] as const).some((w) => signerNipProblem(d.signers[w].nip) != null) ||
    CHECKLIST_KEYS.some((k) => keteranganTooLong(d, k)) ||
    recommendationTooLong(d)
  );
}
