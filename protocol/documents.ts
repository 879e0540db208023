/**
 * The official documents the product issues (Perban BKN 4/2024 Lampiran I–III): generated from
 * what was recorded, numbered per venue and year, hashed, verifiable by a short code, and never
 * changed once issued — a correction is a new version that names the one it replaces, which stays
 * readable and verifiable. No zod here: the web app imports these lists at run time.
 */

export const DOCUMENT_KINDS = [
  /** Berita Acara Penundaan Pelaksanaan Penilaian Kompetensi (Lampiran III; Pasal 12(2)e–f) */
  'ba_penundaan',
  /** Daftar Periksa Kesiapan Pelaksanaan (Lampiran I.B) */
  'daftar_periksa',
  /** Daftar Hadir Asesi (Pasal 1 angka 8) */
  'daftar_hadir',
  /** Daftar asesi yang mengikuti seluruh rangkaian (Pasal 14(1)l, 14(4); SE BKN 6/2026 §5.g.2) */
  'daftar_selesai',
  /** Berita Acara Penyelenggaraan (Lampiran I.C.1) */
  'ba_penyelenggaraan',
  /** Berita Acara Serah Terima Laporan (Lampiran I.C.2) */
  'ba_serah_terima',
  /** Laporan hasil pemantauan dan evaluasi (Pasal 16(4)–(5)): over a period and scope, not one venue */
  'laporan_monev'
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The title each form carries, as printed (Bahasa Indonesia). */
export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  ba_penundaan: 'BERITA ACARA PENUNDAAN PELAKSANAAN PENILAIAN KOMPETENSI',
  daftar_periksa: 'DAFTAR PERIKSA KESIAPAN PELAKSANAAN PENILAIAN KOMPETENSI DENGAN CACT BKN',
  daftar_hadir: 'DAFTAR HADIR ASESI',
  daftar_selesai: 'DAFTAR ASESI YANG MENGIKUTI SELURUH RANGKAIAN PENILAIAN',
  ba_penyelenggaraan: 'BERITA ACARA PENYELENGGARAAN PENILAIAN KOMPETENSI DENGAN CACT BKN',
  ba_serah_terima: 'BERITA ACARA SERAH TERIMA LAPORAN PELAKSANAAN PENILAIAN KOMPETENSI',
  laporan_monev: 'LAPORAN HASIL PEMANTAUAN DAN EVALUASI PELAKSANAAN PENILAIAN KOMPETENSI DENGAN CACT BKN'
};

/** The short code printed on a document: 10 characters of an alphabet without look-alikes (no 0/O, 1/I/L, U/V). */
export const VERIFY_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const VERIFY_CODE_LENGTH = 10;

/** Who signed: as printed under the signature line. */
export type DocumentSigner = { role: string; name: string; nip: string | null; jabatan?: string | null };

/** A stored document as the routes list it (its bytes are fetched apart). */
export type DocumentRow = {
  id: number;
  kind: DocumentKind;
  /** e.g. "BA-PNY/KANREG1-YK/2026/0007" */
  number: string;
  /** 1 for the first issue; a correction is the next version */
  version: number;
  /** the document this one corrects, and why */
  supersedesId: number | null;
  correctionReason: string | null;
  /** a later version exists: this one stays readable and verifiable, marked as replaced */
  supersededBy: number | null;
  /** null: a document over many venues (the monitoring and evaluation report) */
  venueId: number | null;
  sessionId: number | null;
  activityId: number | null;
  /** the moment the document speaks of and was issued at (also the PDF's creation date) */
  issuedAt: number;
  issuedBy: string;
  signers: DocumentSigner[];
  /** SHA-256 (hex) of the PDF's bytes: what an uploaded copy is checked against */
  sha256: string;
  /** SHA-256 (hex) of the document's content (its canonical model), printed in its footer */
  contentHash: string;
  code: string;
  bytes: number;
};

/** GET /api/verify/:code — open without signing in; no participant's data. */
export type DocumentVerification =
  | { ok: true; found: false; code: string }
  | {
      ok: true;
      found: true;
      code: string;
      kind: DocumentKind;
      title: string;
      number: string;
      version: number;
      superseded: boolean;
      venueName: string;
      sessionCode: string | null;
      issuedAt: number;
      timeZone: string;
      sha256: string;
      contentHash: string;
    };

/** POST /api/verify/:code with a PDF: does it match the stored one byte for byte? */
export type DocumentUploadCheck = { ok: true; found: boolean; matches: boolean; sha256: string };
