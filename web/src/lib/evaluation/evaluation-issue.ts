/**
 * Issuing the monitoring and evaluation report (Perban BKN 4/2024 Pasal 16(2), (4)–(5)): the form
 * of the Tim Pemantauan dan Evaluasi — its recommendations, its ketua and 1–9 anggota — checked as
 * the server checks it (protocol/schemas/evaluation.ts) before it is sent, and the body it becomes.
 * What is typed is only ever trimmed, never cut. No Svelte here: the unit tests import it.
 */
import {
  EVALUATION_MEMBERS_MAX,
  RECOMMENDATIONS_MAX,
  RECOMMENDATIONS_MIN,
  type EvaluationIssueInput,
  type EvaluationMember,
  type EvaluationQuery
} from '$protocol/evaluation.ts';
import { nipProblem, type NipProblem } from '$protocol/nip.ts';

/** The name and jabatan the server takes at most (evaluationIssueSchema's member). */
export const MEMBER_TEXT_MAX = 120;

/** A member as typed: every field a string, the NIP optional. */
export type MemberDraft = { name: string; nip: string; jabatan: string };
export type IssueDraft = { recommendations: string; ketua: MemberDraft; anggota: MemberDraft[] };

export const emptyMember = (): MemberDraft => ({ name: '', nip: '', jabatan: '' });
/** A new form: one anggota row, since the team has at least one. */
export const emptyDraft = (): IssueDraft => ({ recommendations: '', ketua: emptyMember(), anggota: [emptyMember()] });

export const canAddAnggota = (d: IssueDraft): boolean => d.anggota.length < EVALUATION_MEMBERS_MAX;
export const canRemoveAnggota = (d: IssueDraft): boolean => d.anggota.length > 1;

/** The form with one more (empty) anggota row, up to EVALUATION_MEMBERS_MAX. */
export function addAnggota(d: IssueDraft): IssueDraft {
  return canAddAnggota(d) ? { ...d, anggota: [...d.anggota, emptyMember()] } : d;
}
/** The form without anggota row `i`; the last row stays (the team has at least one anggota). */
export function removeAnggota(d: IssueDraft, i: number): IssueDraft {
  return canRemoveAnggota(d) ? { ...d, anggota: d.anggota.filter((_, j) => j !== i) } : d;
}

/** A member's NIP as typed: null when empty or plausible, else what is wrong ($protocol/nip.ts). */
export function memberNipProblem(typed: string): NipProblem | null {
  const nip = typed.trim();
  return nip ? nipProblem(nip) : null;
}

/** What is wrong with a field, as the page words it. */
export type DraftIssue =
  | { kind: 'required' }
  | { kind: 'tooShort'; min: number; n: number }
  | { kind: 'tooLong'; max: number; over: number }
  | { kind: 'nip'; problem: NipProblem };

/**
 * The form's problems by field path — the server's paths (`recommendations`, `ketua.name`,
 * `anggota.2.nip`), so the server's issues and these land on the same fields. Empty: it may be sent.
 */
export function draftIssues(d: IssueDraft): Map<string, DraftIssue> {
  const out = new Map<string, DraftIssue>();
  const rec = d.recommendations.trim().length;
  if (rec === 0) out.set('recommendations', { kind: 'required' });
  else if (rec < RECOMMENDATIONS_MIN) out.set('recommendations', { kind: 'tooShort', min: RECOMMENDATIONS_MIN, n: rec });
  else if (rec > RECOMMENDATIONS_MAX) out.set('recommendations', { kind: 'tooLong', max: RECOMMENDATIONS_MAX, over: rec - RECOMMENDATIONS_MAX });
  const member = (m: MemberDraft, path: string) => {
    const name = m.name.trim().length;
    if (name === 0) out.set(`${path}.name`, { kind: 'required' });
    else if (name > MEMBER_TEXT_MAX) out.set(`${path}.name`, { kind: 'tooLong', max: MEMBER_TEXT_MAX, over: name - MEMBER_TEXT_MAX });
    const nip = memberNipProblem(m.nip);
    if (nip) out.set(`${path}.nip`, { kind: 'nip', problem: nip });
    const jabatan = m.jabatan.trim().length;
    if (jabatan > MEMBER_TEXT_MAX) out.set(`${path}.jabatan`, { kind: 'tooLong', max: MEMBER_TEXT_MAX, over: jabatan - MEMBER_TEXT_MAX });
  };
  member(d.ketua, 'ketua');
  d.anggota.forEach((m, i) => member(m, `anggota.${i}`));
  return out;
}

const memberBody = (m: MemberDraft): EvaluationMember => ({ name: m.name.trim(), nip: m.nip.trim() || null, jabatan: m.jabatan.trim() || null });

/** POST /api/evaluation/documents's body: the report's query as it is on screen, and the team's text. */
export function issueBody(query: EvaluationQuery, d: IssueDraft): EvaluationIssueInput {
  return {
    query: { ...query },
    recommendations: d.recommendations.trim(),
    ketua: memberBody(d.ketua),
    anggota: d.anggota.map(memberBody)
  };
}
