/**
 * Forms and input, the pure parts: the desk's type-ahead during a save, what the
 * checklist form itself sees is wrong (so its summary lists every field in error), and the
 * incident text limit (refused with a count, never cut).
 */
import { describe, expect, it } from 'vitest';
import type { ChecklistView } from '../../protocol/index.ts';
import { typeAhead } from '../../web/src/lib/components/registration/desk.ts';
import { clientIssues, countTypedWrong, countValue, hasUnsendable, sameDraft, satisfied, type Draft } from '../../web/src/lib/components/checklist/checklist-draft.ts';
import { describeIssues } from '../../web/src/lib/components/checklist/checklist-issues.ts';
import { localErrors, shownErrors, TEXT_MAX } from '../../web/src/lib/components/incidents/validate.ts';
import { newDraft } from '../../web/src/lib/components/incidents/draft.ts';
import { CHECKLIST_COUNTS, CHECKLIST_KEYS, CHECKLIST_TEXT_MAX } from '../../protocol/session.ts';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('desk type-ahead while a registration saves', () => {
  it('characters and Backspace edit the next search; Enter is remembered', () => {
    let q = '';
    for (const ch of '19850312') q = typeAhead(q, key(ch))!.query;
    expect(q).toBe('19850312');
    expect(typeAhead(q, key('Backspace'))).toEqual({ query: '1985031', enter: false });
    expect(typeAhead(q, key('Enter'))).toEqual({ query: q, enter: true });
    expect(typeAhead('', key('é'))).toEqual({ query: 'é', enter: false });
  });

  it('leaves other keys and shortcuts to the page', () => {
    expect(typeAhead('1', key('Tab'))).toBeNull();
    expect(typeAhead('1', key('Escape'))).toBeNull();
    expect(typeAhead('1', key('ArrowLeft'))).toBeNull();
    expect(typeAhead('1', key('v', { ctrlKey: true }))).toBeNull();
  });
});

function view(): ChecklistView {
  const items = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, { value: null, keterangan: '' }])) as ChecklistView['items'];
  const counts = Object.fromEntries(CHECKLIST_COUNTS.map((c) => [c.key, null])) as ChecklistView['counts'];
  return {
    sessionId: 1, items, counts, conclusion: null, recommendation: '',
    signers: { bkn: { name: '', nip: '' }, instansi: { name: '', nip: '' } },
    version: 1, updatedAt: null, updatedBy: null, completedAt: null, completedBy: null,
    suggestions: { 'B.2': { value: 'sesuai', basis: '', basisEn: '' } }, suggestedCounts: {}, missing: []
  };
}
function draft(v: ChecklistView): Draft {
  const items = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, { value: null, keterangan: '' }])) as Draft['items'];
  const counts = Object.fromEntries(CHECKLIST_COUNTS.map((c) => [c.key, ''])) as Draft['counts'];
  return { items, counts, conclusion: v.conclusion, recommendation: '', signers: { bkn: { name: '', nip: '' }, instansi: { name: '', nip: '' } } };
}

describe('checklist: what the form sees itself', () => {
  it('a count typed as words is wrong, not "not given", and cannot be sent', () => {
    expect(countValue('satu')).toBeNull();
    expect(countTypedWrong('satu')).toBe(true);
    expect(countTypedWrong('')).toBe(false);
    expect(countTypedWrong(' 12 ')).toBe(false);
    expect(countTypedWrong('100001')).toBe(true); // over what the server takes
    const v = view();
    const d = draft(v);
    d.counts.ruangTes = 'satu';
    expect(clientIssues(d, v)).toEqual([{ path: 'counts.ruangTes', message: '' }]);
    expect(hasUnsendable(d)).toBe(true);
    // typing it is a change, though it would be sent as null like the empty field it replaced
    expect(sameDraft(d, draft(v))).toBe(false);
  });

  it('a signer NIP that is not a NIP (month 13, day 45) is listed, with the NIP rule’s reason', () => {
    const v = view();
    const d = draft(v);
    d.signers.bkn.nip = '198013452005012001';
    expect(clientIssues(d, v)).toEqual([{ path: 'signers.bkn.nip', message: '' }]);
    expect(satisfied({ kind: 'signer', who: 'bkn', part: 'nip' }, d, v)).toBe(false);
    const [entry] = describeIssues(clientIssues(d, v), d, v);
    expect(entry.reason).toBe('8 digit pertama NIP bukan tanggal lahir yang benar');
    d.signers.bkn.nip = '198503102010121001';
    expect(clientIssues(d, v)).toEqual([]);
  });

  it('rows needing a keterangan are listed too, merged with the server’s issues in form order', () => {
    const v = view();
    const d = draft(v);
    d.items['B.2'].value = 'tidak_sesuai'; // differs from the suggestion and says nothing
    d.counts.pcTes = 'dua';
    const entries = describeIssues([...clientIssues(d, v), { path: 'conclusion', message: 'x' }, { path: 'counts.pcTes', message: 'y' }], d, v);
    expect(entries.map((e) => e.path)).toEqual(['items.B.2.keterangan', 'counts.pcTes', 'conclusion']);
    expect(entries[1].reason).toBe('bukan bilangan bulat 0–100.000');
  });
});

describe('checklist text: counted and refused, never cut', () => {
  it('a keterangan or a recommendation over what the server takes is listed with its words and not sent', () => {
    const v = view();
    const d = draft(v);
    d.items['B.1'].keterangan = 'k'.repeat(CHECKLIST_TEXT_MAX.keterangan + 7);
    d.recommendation = 'r'.repeat(CHECKLIST_TEXT_MAX.recommendation + 1);
    expect(clientIssues(d, v)).toEqual([{ path: 'items.B.1.keterangan', message: '' }, { path: 'recommendation', message: '' }]);
    expect(hasUnsendable(d)).toBe(true);
    // the text is the proctor's: nothing here shortens it
    expect(d.items['B.1'].keterangan).toHaveLength(CHECKLIST_TEXT_MAX.keterangan + 7);
    const entries = describeIssues(clientIssues(d, v), d, v);
    expect(entries.map((e) => e.reason)).toEqual([
      'Terlalu panjang: paling banyak 500 karakter. Persingkat 7 karakter lagi; tidak ada yang dipotong.',
      'Terlalu panjang: paling banyak 2000 karakter. Persingkat 1 karakter lagi; tidak ada yang dipotong.'
    ]);
    expect(satisfied({ kind: 'item', key: 'B.1', part: 'keterangan' }, d, v)).toBe(false);
    expect(satisfied({ kind: 'recommendation' }, d, v)).toBe(false);
    // at the limit (spaces around it are not sent) it may be sent
    d.items['B.1'].keterangan = ` ${'k'.repeat(CHECKLIST_TEXT_MAX.keterangan)} `;
    d.recommendation = 'r'.repeat(CHECKLIST_TEXT_MAX.recommendation);
    expect(clientIssues(d, v)).toEqual([]);
    expect(hasUnsendable(d)).toBe(false);
  });
});

describe('incident text: counted and refused, never cut', () => {
  const now = new Date(2026, 11, 6, 10, 0).getTime();
  it('over the limit is an error at once, before any save; at the limit is fine', () => {
    const d = { ...newDraft(now), category: 'late_arrival' as const, description: 'x'.repeat(TEXT_MAX + 10) };
    expect(shownErrors(d, now, false, null).description).toBe(
      'Terlalu panjang: paling banyak 2000 karakter. Persingkat 10 karakter lagi; tidak ada yang dipotong.'
    );
    expect(localErrors({ ...d, description: 'x'.repeat(TEXT_MAX) }, now)).toEqual({});
    // what is judged is what is sent: surrounding spaces are not counted
    expect(localErrors({ ...d, description: `  ${'x'.repeat(TEXT_MAX)}  ` }, now)).toEqual({});
    expect(localErrors({ ...d, actionTaken: 'y'.repeat(TEXT_MAX + 1) }, now).actionTaken).toMatch(/Persingkat 1 karakter/);
  });
});
