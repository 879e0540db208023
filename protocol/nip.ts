/**
 * NIP (Nomor Induk Pegawai) structure, PP 11/2017 and BKN practice: 18 digits —
 * birth date YYYYMMDD, CPNS appointment YYYYMM, sex (1 male, 2 female), a 3-digit sequence.
 * A NIP whose parts are not a real date or whose sex digit is not 1/2 is a typo.
 */

export type NipProblem = 'format' | 'birth_date' | 'appointment' | 'sex';

function realDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** null when the NIP is plausible, otherwise the first problem found. */
export function nipProblem(nip: string): NipProblem | null {
  if (!/^\d{18}$/.test(nip)) return 'format';
  const by = +nip.slice(0, 4), bm = +nip.slice(4, 6), bd = +nip.slice(6, 8);
  if (by < 1900 || !realDate(by, bm, bd)) return 'birth_date';
  const ay = +nip.slice(8, 12), am = +nip.slice(12, 14);
  // appointed as CPNS at 15 at the earliest (PP 11/2017 Pasal 23: minimum age 18; kept loose)
  if (am < 1 || am > 12 || ay < by + 15 || ay > by + 70) return 'appointment';
  if (nip[14] !== '1' && nip[14] !== '2') return 'sex';
  return null;
}

/**
 * A NIP as it is printed on official papers: birth date, appointment month, sex, serial —
 * "19861115 201007 1 012". Anything that is not 18 digits is printed as given.
 */
export function formatNip(nip: string): string {
  return /^\d{18}$/.test(nip) ? `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}` : nip;
}
