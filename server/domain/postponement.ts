/**
 * The rules of a postponement (Perban BKN 4/2024 Pasal 12(2)e–f, 12(3), Lampiran III). Pure: the
 * sessions, the checklist and the follow-ups come in as data; a refusal is an error code and a
 * catalog message, with the fields at fault.
 *   - what the Berita Acara Penundaan must say before it is issued (validatePostponement);
 *   - which sessions a postponement covers (coveredSessions);
 *   - when a postponed session may resume (resumeProblem); its new date keeps the activity's
 *     schedule rules (server/domain/activity-rules.ts planSession, checkSessionLead).
 */
import { nipProblem } from '../../protocol/nip.ts';
import { issueAt, msg, type Issue, type Msg } from '../../protocol/messages/index.ts';
import type { ChecklistConclusion, SessionStateName } from '../../protocol/session.ts';
import type { PostponementInput } from '../../protocol/postponement.ts';

export type PostponementRefusal = { ok: false; error: 'INVALID_PAYLOAD'; msg: Msg; issues: Issue[] };

const blank = (s: string | null | undefined) => !s || s.trim() === '';
const required = (path: string) => issueAt(path, msg('issue.required'));

/**
 * The berita acara needs, filled in: the category and the proctor's own reason; the agency's
 * official and the BKN official (Pasal 12(2)e: the postponement is coordinated with the agency's
 * PPK or appointed official and the head of Puspenkom / the Kantor Regional / the UPT), each with
 * a name and a position; at least one activity after which the test continues; both signers by
 * name. The BKN signer's NIP is required (the Tim Penyelenggara are civil servants); the agency's
 * official may have none, but one given must be plausible (protocol/nip.ts). Blank follow-up rows
 * (a form's empty line) are dropped; everything is trimmed.
 */
export function validatePostponement(input: PostponementInput): { ok: true; value: PostponementInput } | PostponementRefusal {
  const issues: Issue[] = [];
  if (blank(input.reason)) issues.push(required('reason'));
  const { agencyOfficial: ag, bknOfficial: bk } = input.coordination;
  if (blank(ag.name)) issues.push(required('coordination.agencyOfficial.name'));
  if (blank(ag.jabatan)) issues.push(required('coordination.agencyOfficial.jabatan'));
  if (blank(bk.name)) issues.push(required('coordination.bknOfficial.name'));
  if (blank(bk.jabatan)) issues.push(required('coordination.bknOfficial.jabatan'));
  const followUps = input.followUps.map((x) => x.trim()).filter((x) => x !== '');
  if (followUps.length === 0) issues.push(issueAt('followUps', msg('postponement.followUpRequired')));
  const { bkn, instansi } = input.signers;
  if (blank(bkn.name)) issues.push(required('signers.bkn.name'));
  if (blank(bkn.nip)) issues.push(required('signers.bkn.nip'));
  else {
    const p = nipProblem(bkn.nip!.trim());
    if (p) issues.push(issueAt('signers.bkn.nip', msg(`nip.${p}`)));
  }
  if (blank(instansi.name)) issues.push(required('signers.instansi.name'));
  if (!blank(instansi.nip)) {
    const p = nipProblem(instansi.nip!.trim());
    if (p) issues.push(issueAt('signers.instansi.nip', msg(`nip.${p}`)));
  }
  if (issues.length) return { ok: false, error: 'INVALID_PAYLOAD', msg: msg('postponement.incomplete', { n: issues.length }), issues };
  const official = (o: { name: string; jabatan: string }) => ({ name: o.name.trim(), jabatan: o.jabatan.trim() });
  return {
    ok: true,
    value: {
      scope: input.scope,
      category: input.category,
      reason: input.reason.trim(),
      coordination: { agencyOfficial: official(ag), bknOfficial: { ...official(bk), office: bk.office } },
      followUps,
      signers: {
        bkn: { name: bkn.name.trim(), nip: bkn.nip!.trim() },
        instansi: { name: instansi.name.trim(), nip: blank(instansi.nip) ? null : instansi.nip!.trim() }
      }
    }
  };
}

export type SessionFacts = { id: number; activityId: number | null; venueId: number; state: SessionStateName | string; startedAt: number | null; scheduledAt: number };

/** A session that has not started and can still be postponed alongside: not begun, not cancelled, finalised or already postponed. */
const NOT_STARTED: readonly string[] = ['scheduled', 'preparation', 'open'];
export const notStarted = (s: Pick<SessionFacts, 'state' | 'startedAt'>) => s.startedAt === null && NOT_STARTED.includes(s.state);

/**
 * The sessions a postponement covers, the one acted from first, the rest by their start: scope
 * 'session' that one; scope 'activity' also every other session of the same activity at the same
 * venue that has not started (a room not ready, a power cut at the venue, a disaster stop the
 * activity's remaining sessions there alike). A session without an activity covers only itself.
 */
export function coveredSessions(acted: SessionFacts, others: readonly SessionFacts[], scope: PostponementInput['scope']): number[] {
  if (scope === 'session' || acted.activityId === null) return [acted.id];
  const rest = others
    .filter((s) => s.id !== acted.id && s.activityId === acted.activityId && s.venueId === acted.venueId && notStarted(s))
    .sort((a, b) => a.scheduledAt - b.scheduledAt || a.id - b.id);
  return [acted.id, ...rest.map((s) => s.id)];
}

export type ResumeFacts = {
  /** follow-ups of the postponement not yet marked done */
  followUpsOpen: number;
  /** the moment the session was postponed */
  postponedAt: number;
  checklist: { completedAt: number | null; conclusion: ChecklistConclusion | null } | null;
};

/**
 * Pasal 12(3): the test continues after the activities the berita acara lists are done and the
 * room is checked again — a daftar periksa completed after the postponement that concludes layak
 * (Pasal 12(2)c). null when both hold; otherwise the first that does not, in words.
 */
export function resumeProblem(f: ResumeFacts): Msg | null {
  if (f.followUpsOpen > 0) return msg('postponement.followUpsOpen', { n: f.followUpsOpen });
  const c = f.checklist;
  if (!c || c.completedAt === null || c.completedAt < f.postponedAt || c.conclusion !== 'layak') return msg('postponement.checklistNeeded');
  return null;
}

/** What resuming still waits for, as the panel shows it. */
export const resumeReadiness = (f: ResumeFacts) => ({
  followUpsOpen: f.followUpsOpen,
  checklistLayak: resumeProblem({ ...f, followUpsOpen: 0 }) === null
});
