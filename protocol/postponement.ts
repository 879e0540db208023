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
