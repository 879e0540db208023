/**
 * A postponement and what its berita acara records (Perban BKN 4/2024 Pasal 12(2)e–f, 12(3),
 * Lampiran III). No zod here (the web imports these lists); the schema is in schemas/.
 */

/** The coded reasons of a postponement: the room was not ready (Pasal 12(2)e), or what else stopped it. */
export const POSTPONE_CATEGORIES = ['sarana', 'jaringan', 'listrik', 'aplikasi', 'bencana', 'lainnya'] as const;
export type PostponeCategory = (typeof POSTPONE_CATEGORIES)[number];

/** As the berita acara words each category, after the proctor's own text. */
export const POSTPONE_CATEGORY_WORDS: Record<PostponeCategory, string> = {
  sarana: 'sarana dan prasarana tidak sesuai atau belum siap',
  jaringan: 'jaringan dan koneksi internet tidak sesuai atau terganggu',
  listrik: 'gangguan aliran listrik',
  aplikasi: 'gangguan aplikasi CACT BKN',
  bencana: 'bencana atau keadaan darurat',
  lainnya: 'alasan lain'
};

/** The BKN office whose head the postponement was coordinated with (Pasal 12(2)e). */
export const BKN_OFFICES = {
  puspenkom: 'Kepala Puspenkom ASN',
  kanreg: 'Kepala Kantor Regional BKN',
  upt: 'Kepala Unit Penyelenggara Seleksi dan Penilaian Kompetensi ASN BKN'
} as const;
export type BknOffice = keyof typeof BKN_OFFICES;

export type Official = { name: string; jabatan: string };
export type DocSigner = { name: string; nip: string | null };

/** What the proctor fills in: the Lampiran III fields. */
export type PostponementInput = {
  /** one session, or every remaining session of its activity at this venue */
  scope: 'session' | 'activity';
  category: PostponeCategory;
  reason: string;
  coordination: { agencyOfficial: Official; bknOfficial: Official & { office: BknOffice } };
  /** the activities that must be done before it continues (at least one) */
  followUps: string[];
  signers: { bkn: DocSigner; instansi: DocSigner };
};

/** The most each field takes (refused beyond, never cut): the berita acara prints them whole. */
export const POSTPONE_TEXT_MAX = { reason: 1000, name: 120, jabatan: 200, followUp: 500, followUps: 20, nip: 40 } as const;

/** Resuming a postponed session (Pasal 12(3)): its new date and time on the venue's clock. */
export type ResumeInput = {
  /** YYYY-MM-DD in the venue's zone */
  date: string;
  /** HH:MM in the venue's zone */
  time: string;
  /** a koordinator's reason to resume inside the lead time (Pasal 9(5)b; SE BKN 6/2026 §5.i.2) */
  overrideReason?: string;
};

export type PostponementFollowUp = { id: number; position: number; text: string; doneAt: number | null; doneBy: string | null };

/** A postponement as the session's panel shows it. */
export type PostponementRow = {
  id: number;
  /** the session it was acted from */
  sessionId: number;
  activityId: number | null;
  scope: PostponementInput['scope'];
  category: PostponeCategory;
  reason: string;
  coordination: PostponementInput['coordination'];
  signers: PostponementInput['signers'];
  /** every session it covers, as they are now */
  sessions: { id: number; code: string; name: string; state: string; scheduledAt: number }[];
  followUps: PostponementFollowUp[];
  /** the Berita Acara Penundaan (its PDF: /api/documents/:id/pdf) */
  document: { id: number; number: string; code: string };
  createdAt: number;
  createdBy: string | null;
  resumedAt: number | null;
  resumedBy: string | null;
};

/** What resuming this session waits for (Pasal 12(3)): the follow-ups done, a new daftar periksa that says layak. */
export type ResumeReadiness = { followUpsOpen: number; checklistLayak: boolean };
