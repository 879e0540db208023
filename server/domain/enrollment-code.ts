/**
 * Enrollment codes: typed by hand on a station PC, so 8 characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L), shown as XXXX-XXXX. 31^8 ≈ 8.5·10^11 combinations, one-time,
 * expiring, and POST /api/enroll is rate limited per address: guessing one is not practical.
 */
import { randomInt } from 'node:crypto';
import { CODE_ALPHABET } from '../../protocol/index.ts';

export const newEnrollmentCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
export const formatEnrollmentCode = (c: string) => `${c.slice(0, 4)}-${c.slice(4)}`;
