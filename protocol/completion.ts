/**
 * Who completed the whole series, and why the others did not. No zod here: the web app imports
 * these values at run time (the request schema is in schemas/routes.ts).
 *
 * A ProASN participant's result exists only for the whole set: every instrument and the
 * questionnaire (SE BKN 6/2026 §5.g.1–2). When the session is finalised, the lists it issues
 * (daftar hadir, daftar asesi yang mengikuti seluruh rangkaian, Perban BKN 4/2024 Pasal 14(1)l–m,
 * 14(3)–(4)) say, for everyone on the roster who did not complete, why — a coded reason the
 * proctor confirmed, never a blank.
 */
import type { Instrument } from './limits.ts';
import type { AttendanceStatus } from './session.ts';

/**
 * absent            tidak hadir (recorded absent at the desk, Pasal 14(2))
 * too_late          terlambat, tidak diizinkan masuk (Lampiran I.A 1.a)
 * left              meninggalkan ruang / mengundurkan diri
 * time_out          waktu habis sebelum seluruh rangkaian selesai
 * technical         kendala teknis
 * ended_by_proctor  tes diakhiri pengawas
 * other             lainnya — with a note saying what
 */
export const NON_COMPLETION_REASONS = ['absent', 'too_late', 'left', 'time_out', 'technical', 'ended_by_proctor', 'other'] as const;
export type NonCompletionReason = (typeof NON_COMPLETION_REASONS)[number];

/** Reasons that need a note (what "lainnya" was). */
export const NOTE_REQUIRED: readonly NonCompletionReason[] = ['other'];
/** The longest note taken (refused beyond, never cut). */
export const NON_COMPLETION_NOTE_MAX = 500;

/** The words of each reason, as the dialog and the documents show them. */
export const NON_COMPLETION_WORDS: Record<NonCompletionReason, { id: string; en: string }> = {
  absent: { id: 'Tidak hadir', en: 'Absent' },
  too_late: { id: 'Terlambat, tidak diizinkan masuk', en: 'Too late, not admitted' },
  left: { id: 'Meninggalkan ruang / mengundurkan diri', en: 'Left the room / withdrew' },
  time_out: { id: 'Waktu habis', en: 'Ran out of time' },
  technical: { id: 'Kendala teknis', en: 'Technical problem' },
  ended_by_proctor: { id: 'Diakhiri pengawas', en: 'Ended by the proctor' },
  other: { id: 'Lainnya', en: 'Other' }
};

/** How far a participant got, from the stored events of the session. */
export type CompletionProgress = {
  /** logged in at a PC at least once */
  started: boolean;
  /** the instrument last worked on, and the whole set's percentage (0–100) */
  instrument: Instrument | null;
  overallPercent: number;
  /** the exam application said every instrument is done */
  finished: boolean;
  questionnaire: boolean;
  /** when the proctor's 'end' took effect or was asked, and when their time ran out */
  endedAt: number | null;
  deadlineAt: number | null;
};

/** A reason as recorded: by whom (name) and when. */
export type RecordedReason = { reason: NonCompletionReason; note: string | null; by: string | null; at: number };

/** One roster participant as the finalise dialog lists them (GET /api/sessions/:id/completion). */
export type CompletionRow = {
  participantId: number;
  nip: string;
  name: string;
  nomorPeserta: string | null;
  attendance: AttendanceStatus;
  completed: boolean;
  progress: CompletionProgress;
  /** what the record suggests; the proctor confirms it (null: nothing to go on) */
  suggestion: NonCompletionReason | null;
  recorded: RecordedReason | null;
};

export type CompletionList = {
  participants: CompletionRow[];
  /** did not complete and have no reason yet */
  missing: number;
  /** somebody logged in: a session nobody started is not finalised */
  started: boolean;
};

export type CompletionInput = { reason: NonCompletionReason; note?: string };
