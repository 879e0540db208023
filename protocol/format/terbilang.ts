/**
 * Numbers and dates in Indonesian words, as a berita acara writes them: "Pada hari ini Senin
 * tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam" (Perban BKN 4/2024
 * Lampiran I.C.1, I.C.2, III). The words follow the standard rules (KBBI / Pedoman Umum Ejaan):
 * se- for one of a unit below a million ("sebelas", "seratus", "seribu"), "satu juta" above it.
 * Pure; no Intl (its Indonesian month names are right, but words for numbers it has none).
 */

const ONES = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
const BIG: [number, string][] = [[1e12, 'triliun'], [1e9, 'miliar'], [1e6, 'juta']];

export const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;
export const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] as const;

/** 1–999 in words ("seratus dua puluh tiga"); 0 gives ''. */
function belowThousand(n: number): string {
  const parts: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h === 1) parts.push('seratus');
  else if (h > 1) parts.push(`${ONES[h]} ratus`);
  if (rest >= 20) {
    parts.push(`${ONES[Math.floor(rest / 10)]} puluh`);
    if (rest % 10) parts.push(ONES[rest % 10]);
  } else if (rest >= 12) parts.push(`${ONES[rest - 10]} belas`);
  else if (rest === 11) parts.push('sebelas');
  else if (rest === 10) parts.push('sepuluh');
  else if (rest > 0) parts.push(ONES[rest]);
  return parts.join(' ');
}

/**
 * A whole number from 0 to 999 999 999 999 999 in words: 0 "nol", 11 "sebelas", 100 "seratus",
 * 1000 "seribu", 2026 "dua ribu dua puluh enam", 1 000 000 "satu juta".
 */
export function terbilang(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e15) throw new RangeError(`terbilang: ${n} is not a whole number from 0 to 10^15 - 1`);
  if (n === 0) return ONES[0];
  const parts: string[] = [];
  let left = n;
  for (const [unit, name] of BIG) {
    const k = Math.floor(left / unit);
    if (k) parts.push(`${belowThousand(k)} ${name}`);
    left %= unit;
  }
  const thousands = Math.floor(left / 1000);
  if (thousands === 1) parts.push('seribu');
  else if (thousands > 1) parts.push(`${belowThousand(thousands)} ribu`);
  const rest = belowThousand(left % 1000);
  if (rest) parts.push(rest);
  return parts.join(' ');
}

/** A calendar date YYYY-MM-DD in words: its weekday, day, month and year. */
export type DateWords = { hari: string; tanggal: string; bulan: string; tahun: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dateWords(date: string): DateWords {
  const m = ISO.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`dateWords: not a calendar date: ${date}`);
  return { hari: HARI[new Date(ms).getUTCDay()], tanggal: terbilang(Number(m[3])), bulan: BULAN[Number(m[2]) - 1], tahun: terbilang(Number(m[1])) };
}

/** "Pada hari ini Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam" */
export function onThisDay(date: string): string {
  const w = dateWords(date);
  return `Pada hari ini ${w.hari} tanggal ${w.tanggal} bulan ${w.bulan} tahun ${w.tahun}`;
}

/** The date as a letter writes it under a signature: "Yogyakarta, 23 November 2026". */
export function placeAndDate(place: string, date: string): string {
  const m = ISO.exec(date);
  if (!m) throw new RangeError(`placeAndDate: not a date: ${date}`);
  return `${place}, ${Number(m[3])} ${BULAN[Number(m[2]) - 1]} ${m[1]}`;
}
