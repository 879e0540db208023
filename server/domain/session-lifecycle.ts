/**
 * The guards of the session lifecycle (Perban BKN 4/2024 Pasal 11–14). SESSION_TRANSITIONS says
 * which state each action leads from and to; this module says whether the facts of the moment allow
 * it, and when not, tells the proctor why and what to do: a code of the message catalog
 * (protocol/messages/) with its parameters, worded there in Bahasa Indonesia and English.
 */
import {
  SESSION_TRANSITIONS,
  type ChecklistConclusion, type SessionAction, type SessionStateName
} from '../../protocol/index.ts';
import { msg, words, type MessageCode, type Msg, type WireParams } from '../../protocol/messages/index.ts';
import { completionRefusal, type CompletionFacts } from './completion.ts';

export type LifecycleFacts = {
  state: SessionStateName;
  checklist: { complete: boolean; conclusion: ChecklistConclusion | null };
  pinActive: boolean;
  /**
   * expected = on the roster, not yet registered present/absent; expectedLoggedIn = of those, the
   * ones logged in at a PC (here, never recorded absent: the desk registers them)
   */
  attendance: { expected: number; present: number; absent: number; expectedLoggedIn?: number };
  /** others still recorded inside the test room (Pasal 13(2), 14(1)k) */
  visitorsInside?: readonly { name: string }[];
  /** participants logged in, neither finished nor ended */
  working: number;
  /** another session of the same room that is in preparation, open, running or finished (not yet finalised) */
  otherActive?: { code: string; state: SessionStateName } | null;
  /**
   * Once finished: who on the roster did not complete the whole series and has no reason yet (names),
   * and whether anyone started at all (server/domain/completion.ts). Absent: not gathered (not finished).
   */
  completion?: CompletionFacts;
};
export type TransitionRequest = { action: SessionAction; reason?: string; markAbsent?: boolean };
export type TransitionVerdict =
  | { ok: true; from: SessionStateName; to: SessionStateName; markAbsent: boolean }
  | { ok: false; code: 'INVALID_STATE'; msg: Msg };

const refuse = (m: Msg): TransitionVerdict => ({ ok: false, code: 'INVALID_STATE', msg: m });
const hasReason = (r: string | undefined) => !!r && r.trim().length > 0;

export function checkTransition(facts: LifecycleFacts, req: TransitionRequest): TransitionVerdict {
  const { state } = facts;
  const t = SESSION_TRANSITIONS[req.action];
  if (!t.from.includes(state)) return refuse(msg('session.wrongState', { state, action: req.action }));
  const ok = (markAbsent = false): TransitionVerdict => ({ ok: true, from: state, to: t.to, markAbsent });
  // One room, one session at a time: its stations, desk and projector serve one session. The next
  // one is prepared after the previous one is finalised (or postponed).
  const other = facts.otherActive;
  if (other && ['prepare', 'open', 'start', 'resume'].includes(req.action)) {
    return refuse(msg('session.otherActive', { code: other.code, state: other.state, action: req.action }));
  }

  switch (req.action) {
    case 'open': {
      // Pasal 12(2)c and Lampiran I.B: registration opens only after the daftar periksa says the room is fit.
      const { complete, conclusion } = facts.checklist;
      if (complete && conclusion === 'tidak_layak') {
        return refuse(msg('session.checklistUnfit'));
      }
      if (!complete || conclusion !== 'layak') {
        return refuse(msg('session.checklistIncomplete'));
      }
      return ok();
    }
    case 'start': {
      // Pasal 14(1)i: the proctor gives the PIN when the test starts; without one nobody can log in.
      if (!facts.pinActive) {
        return refuse(msg('session.noPin'));
      }
      const { present, expected, absent } = facts.attendance;
      if (present + expected + absent === 0) {
        return refuse(msg('session.noParticipants'));
      }
      if (present < 1) {
        return refuse(msg('session.nobodyPresent'));
      }
      // Pasal 14(2): everyone on the roster is accounted for — present or absent — before the start.
      // Someone logged in at a PC is here, not missing: never marked absent, only
      // flagged until the desk registers them; they do not hold the start up.
      const unaccounted = unaccountedAtStart(facts);
      if (unaccounted > 0 && !req.markAbsent) {
        return refuse(msg('session.unaccounted', { n: unaccounted }));
      }
      return ok(unaccounted > 0);
    }
    case 'finish':
      if (facts.working > 0 && !hasReason(req.reason)) {
        return refuse(msg('session.finishWorking', { n: facts.working }));
      }
      return ok();
    case 'finalise': {
      // Pasal 14(1)l–m: the lists and the berita acara describe a test that is over for everyone.
      if (facts.working > 0) {
        return refuse(msg('session.finaliseWorking', { n: facts.working }));
      }
      // Pasal 13(2), 14(1)k: who else was let in is part of the record, with when they left. A
      // signed record cannot say someone is still inside: the proctor records when they left (the
      // time they really left, which the system cannot know) before closing the session.
      const inside = facts.visitorsInside ?? [];
      if (inside.length > 0) {
        return refuse(msg('session.visitorsInside', { names: inside.map((v) => v.name) }));
      }
      // SE BKN 6/2026 §5.g.2, Pasal 14(3)–(4): the lists say why each one who did not complete the
      // whole series did not; a session nobody started is postponed or cancelled, not finalised.
      const gap = facts.completion ? completionRefusal(facts.completion) : null;
      if (gap) return refuse(gap);
      return ok();
    }
    case 'postpone':
      // Pasal 12(2)e–f: a postponement is recorded with its reason (berita acara penundaan).
      if (!hasReason(req.reason)) {
        return refuse(msg('session.postponeReason'));
      }
      // a finished session nobody sat (nobody ever logged in) did not take place: it is held again;
      // one people sat is finalised with its reasons, never postponed
      if (state === 'finished' && (facts.completion?.started ?? true)) {
        return refuse(msg('session.postponeAfterTest'));
      }
      return ok();
    case 'prepare':
    case 'resume':
      return ok();
  }
}

/** Start: on the roster, not recorded by the desk, and not logged in — those "mark the rest absent" records absent. */
export function unaccountedAtStart(facts: LifecycleFacts): number {
  return Math.max(0, facts.attendance.expected - (facts.attendance.expectedLoggedIn ?? 0));
}

/** A verdict as the preview sends it: the catalog's code and parameters, and its words in both languages. */
export type VerdictView = { ok: true } | { ok: false; messageCode: MessageCode; params: WireParams; message: string; pesan: string };
const view = (v: TransitionVerdict): VerdictView =>
  v.ok ? { ok: true } : { ok: false, messageCode: v.msg.code, params: v.msg.params ?? {}, ...words(v.msg) };

/**
 * What a step would require and do, from checkTransition itself (a dialog
 * promises exactly what the server allows): the verdict asked plainly, with a reason, and — for
 * the start — with "mark the rest absent"; whether a reason is required; whom the start records absent.
 */
export function previewTransition(facts: LifecycleFacts, action: SessionAction) {
  const plain = checkTransition(facts, { action });
  const withReason = checkTransition(facts, { action, reason: 'alasan' });
  const withMarkAbsent = action === 'start' ? checkTransition(facts, { action, markAbsent: true }) : null;
  const reason: 'required' | 'optional' | 'none' =
    !plain.ok && withReason.ok ? 'required' : action === 'postpone' ? 'required' : action === 'finalise' || action === 'finish' ? 'optional' : 'none';
  return {
    action,
    to: SESSION_TRANSITIONS[action].to,
    verdicts: { plain: view(plain), withReason: view(withReason), withMarkAbsent: withMarkAbsent && view(withMarkAbsent) },
    reason,
    markAbsent: action === 'start' ? { count: unaccountedAtStart(facts), loggedIn: facts.attendance.expectedLoggedIn ?? 0 } : null
  };
}
