/**
 * The guards of the session lifecycle (Perban BKN 4/2024 Pasal 11–14). SESSION_TRANSITIONS says
 * which state each action leads from and to; this module says whether the facts of the moment allow
 * it, and when not, tells the proctor why and what to do — in English and Bahasa Indonesia.
 */
import {
  SESSION_TRANSITIONS, actionsFrom,
  type ChecklistConclusion, type SessionAction, type SessionStateName
} from '../../protocol/index.ts';

export type LifecycleFacts = {
  state: SessionStateName;
  checklist: { complete: boolean; conclusion: ChecklistConclusion | null };
  pinActive: boolean;
  /**
   * expected = on the roster, not yet registered present/absent; expectedLoggedIn = of those, the
   * ones logged in at a PC (here, never recorded absent: the desk registers them — issue 10)
   */
  attendance: { expected: number; present: number; absent: number; expectedLoggedIn?: number };
  /** others still recorded inside the test room (Pasal 13(2), 14(1)k) */
  visitorsInside?: readonly { name: string }[];
  /** participants logged in, neither finished nor ended */
  working: number;
  /** another session of the same room that is in preparation, open, running or finished (not yet finalised) */
  otherActive?: { code: string; state: SessionStateName } | null;
};
export type TransitionRequest = { action: SessionAction; reason?: string; markAbsent?: boolean };
export type TransitionVerdict =
  | { ok: true; from: SessionStateName; to: SessionStateName; markAbsent: boolean }
  | { ok: false; code: 'INVALID_STATE'; message: string; pesan: string };

/** "A session that is …" / "Sesi yang …" */
const STATE_TEXT: Record<SessionStateName, { en: string; id: string }> = {
  scheduled: { en: 'scheduled', id: 'masih terjadwal' },
  preparation: { en: 'in preparation', id: 'sedang dalam persiapan' },
  open: { en: 'open for registration', id: 'sedang membuka registrasi' },
  running: { en: 'running', id: 'sedang berlangsung' },
  finished: { en: 'finished', id: 'sudah selesai' },
  finalised: { en: 'finalised', id: 'sudah difinalisasi' },
  postponed: { en: 'postponed', id: 'ditunda' }
};

/** "… cannot be …" / "… tidak dapat …", and the imperative for "what you can do". */
const ACTION_TEXT: Record<SessionAction, { en: string; id: string; doEn: string; doId: string }> = {
  prepare: { en: 'moved to preparation', id: 'dipersiapkan', doEn: 'prepare', doId: 'persiapkan' },
  open: { en: 'opened', id: 'dibuka', doEn: 'open registration', doId: 'buka registrasi' },
  start: { en: 'started', id: 'dimulai', doEn: 'start', doId: 'mulai' },
  finish: { en: 'finished', id: 'diselesaikan', doEn: 'finish', doId: 'selesaikan' },
  finalise: { en: 'finalised', id: 'difinalisasi', doEn: 'finalise', doId: 'finalisasi' },
  postpone: { en: 'postponed', id: 'ditunda', doEn: 'postpone', doId: 'tunda' },
  resume: { en: 'resumed', id: 'dilanjutkan', doEn: 'resume', doId: 'lanjutkan' }
};

const refuse = (message: string, pesan: string): TransitionVerdict => ({ ok: false, code: 'INVALID_STATE', message, pesan });
const people = (n: number) => (n === 1 ? '1 participant is' : `${n} participants are`);
const hasReason = (r: string | undefined) => !!r && r.trim().length > 0;

function wrongState(state: SessionStateName, action: SessionAction): TransitionVerdict {
  const s = STATE_TEXT[state], a = ACTION_TEXT[action];
  const allowed = actionsFrom(state);
  const nextEn = allowed.length ? ` From here you can: ${allowed.map((x) => ACTION_TEXT[x].doEn).join(', ')}.` : ' Nothing more can be done with it.';
  const nextId = allowed.length ? ` Dari tahap ini dapat: ${allowed.map((x) => ACTION_TEXT[x].doId).join(', ')}.` : ' Tidak ada lagi yang dapat dilakukan.';
  return refuse(`A session that is ${s.en} cannot be ${a.en}.${nextEn}`, `Sesi yang ${s.id} tidak dapat ${a.id}.${nextId}`);
}

export function checkTransition(facts: LifecycleFacts, req: TransitionRequest): TransitionVerdict {
  const { state } = facts;
  const t = SESSION_TRANSITIONS[req.action];
  if (!t.from.includes(state)) return wrongState(state, req.action);
  const ok = (markAbsent = false): TransitionVerdict => ({ ok: true, from: state, to: t.to, markAbsent });
  // One room, one session at a time: its stations, desk and projector serve one session. The next
  // one is prepared after the previous one is finalised (or postponed).
  const other = facts.otherActive;
  if (other && ['prepare', 'open', 'start', 'resume'].includes(req.action)) {
    return refuse(
      `Session ${other.code} of this room is ${STATE_TEXT[other.state].en}: finalise or postpone it before this one is ${ACTION_TEXT[req.action].en}.`,
      `Sesi ${other.code} di ruang ini ${STATE_TEXT[other.state].id}: finalisasi atau tunda sesi itu sebelum sesi ini ${ACTION_TEXT[req.action].id}.`
    );
  }

  switch (req.action) {
    case 'open': {
      // Pasal 12(2)c and Lampiran I.B: registration opens only after the daftar periksa says the room is fit.
      const { complete, conclusion } = facts.checklist;
      if (complete && conclusion === 'tidak_layak') {
        return refuse(
          'The daftar periksa (Lampiran I.B) concludes the room is tidak layak, so registration cannot open. Postpone the session instead (Pasal 12(2)e).',
          'Daftar periksa (Lampiran I.B) menyimpulkan ruang tidak layak, sehingga registrasi tidak dapat dibuka. Tunda sesi (Pasal 12(2)e).'
        );
      }
      if (!complete || conclusion !== 'layak') {
        return refuse(
          'The daftar periksa (Lampiran I.B) has not been completed. Complete it with the conclusion layak before opening registration (Pasal 12(2)c).',
          'Daftar periksa (Lampiran I.B) belum selesai diisi. Lengkapi dengan kesimpulan layak sebelum membuka registrasi (Pasal 12(2)c).'
        );
      }
      return ok();
    }
    case 'start': {
      // Pasal 14(1)i: the proctor gives the PIN when the test starts; without one nobody can log in.
      if (!facts.pinActive) {
        return refuse(
          'There is no active session PIN. Issue a PIN before starting the test (Pasal 14(1)i).',
          'Belum ada PIN sesi yang aktif. Terbitkan PIN sebelum memulai tes (Pasal 14(1)i).'
        );
      }
      const { present, expected, absent } = facts.attendance;
      if (present + expected + absent === 0) {
        return refuse(
          'The session has no participants. Import the roster and register arrivals at the desk before starting (Pasal 14(2)).',
          'Sesi ini belum memiliki peserta. Impor daftar peserta dan registrasi kehadiran di meja registrasi sebelum memulai tes (Pasal 14(2)).'
        );
      }
      if (present < 1) {
        return refuse(
          'No participant has been registered present. Check in at least one participant before starting (Pasal 14(2)).',
          'Belum ada peserta yang diregistrasi hadir. Registrasi minimal satu peserta sebelum memulai tes (Pasal 14(2)).'
        );
      }
      // Pasal 14(2): everyone on the roster is accounted for — present or absent — before the start.
      // Someone logged in at a PC is here, not missing: never marked absent (issue 10), only
      // flagged until the desk registers them; they do not hold the start up.
      const unaccounted = unaccountedAtStart(facts);
      if (unaccounted > 0 && !req.markAbsent) {
        return refuse(
          `${people(unaccounted)} on the roster but not registered present or absent. Register them, or start with "mark absent" to record them as absent.`,
          `${unaccounted} peserta dalam daftar belum diregistrasi hadir atau tidak hadir. Registrasi mereka, atau mulai dengan "tandai tidak hadir" agar dicatat tidak hadir.`
        );
      }
      return ok(unaccounted > 0);
    }
    case 'finish':
      if (facts.working > 0 && !hasReason(req.reason)) {
        return refuse(
          `${people(facts.working)} still working. Give a reason to close the test before everyone is done.`,
          `${facts.working} peserta masih mengerjakan tes. Isi alasan untuk menutup tes sebelum semua selesai.`
        );
      }
      return ok();
    case 'finalise': {
      // Pasal 14(1)l–m: the lists and the berita acara describe a test that is over for everyone.
      if (facts.working > 0) {
        return refuse(
          `${people(facts.working)} still working. End their tests before finalising the session (Pasal 14(1)l–m).`,
          `${facts.working} peserta masih mengerjakan tes. Akhiri tes mereka sebelum finalisasi sesi (Pasal 14(1)l–m).`
        );
      }
      // Pasal 13(2), 14(1)k: who else was let in is part of the record, with when they left. A
      // signed record cannot say someone is still inside: the proctor records when they left (the
      // time they really left, which the system cannot know) before closing the session.
      const inside = facts.visitorsInside ?? [];
      if (inside.length > 0) {
        const names = inside.map((v) => v.name).join(', ');
        return refuse(
          `${inside.length === 1 ? '1 other person is' : `${inside.length} others are`} still recorded inside the room (${names}). Record when they left before finalising the session (Pasal 13(2), 14(1)k).`,
          `${inside.length} orang lain masih tercatat di dalam ruang (${names}). Catat waktu keluar mereka sebelum sesi ditutup (Pasal 13(2), 14(1)k).`
        );
      }
      return ok();
    }
    case 'postpone':
      // Pasal 12(2)e–f: a postponement is recorded with its reason (berita acara penundaan).
      if (!hasReason(req.reason)) {
        return refuse(
          'A postponement needs a reason; it goes into the berita acara penundaan (Pasal 12(2)e–f).',
          'Penundaan harus disertai alasan; alasan dicatat dalam berita acara penundaan (Pasal 12(2)e–f).'
        );
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

export type VerdictView = { ok: true } | { ok: false; message: string; pesan: string };
const view = (v: TransitionVerdict): VerdictView => (v.ok ? { ok: true } : { ok: false, message: v.message, pesan: v.pesan });

/**
 * What a step would require and do, from checkTransition itself (issue 10 item 6: a dialog
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
