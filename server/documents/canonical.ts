/**
 * A document's identity apart from its bytes: the SHA-256 of its content model as canonical JSON
 * (printed in full in the footer), and the short verification code derived from it (printed as
 * "ABCDE-FGHJK" and looked up at /verifikasi). The same record gives the same model, the same hash
 * and the same code on any machine, whatever the order its keys were written in.
 */
import { createHash } from 'node:crypto';
import { VERIFY_CODE_ALPHABET, VERIFY_CODE_LENGTH } from '../../protocol/documents.ts';
import type { DocumentModel } from './model.ts';

/**
 * JSON with every object's keys sorted (by UTF-16 code unit, as Array.prototype.sort does) and
 * no whitespace. Arrays keep their order (it is the document's order). Like JSON.stringify, an
 * `undefined` property is left out, so `{ align: undefined }` and `{}` hash alike; a number that
 * JSON cannot carry (NaN, Infinity) is refused rather than silently written as null.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`canonicalJson: ${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(obj).sort()) {
      if (obj[key] === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${canonicalJson(obj[key])}`);
    }
    return `{${parts.join(',')}}`;
  }
  throw new Error(`canonicalJson: a ${typeof value} has no JSON form`);
}

/** SHA-256 (lowercase hex) of the model's canonical JSON: what the footer prints as "SHA-256 isi". */
export function contentHash(model: DocumentModel): string {
  return createHash('sha256').update(canonicalJson(model), 'utf8').digest('hex');
}

const BASE = BigInt(VERIFY_CODE_ALPHABET.length);

/**
 * The short code for a content hash: VERIFY_CODE_LENGTH characters of VERIFY_CODE_ALPHABET (29
 * letters and digits without look-alikes), read from the 256 bits of sha256(hash + ':' + salt) in
 * base 29. 29^10 ≈ 4.2·10^14 codes, and the bias of taking a 256-bit number modulo that is below
 * 10^-62. `salt` is 0 for the first try; the storage asks for 1, 2, … only if a code is already
 * held by another document, which at these numbers does not happen in practice.
 */
export function verifyCodeOf(contentHash: string, salt = 0): string {
  if (!Number.isSafeInteger(salt) || salt < 0) throw new Error(`verifyCodeOf: salt must be a whole number ≥ 0, not ${salt}`);
  let n = BigInt('0x' + createHash('sha256').update(`${contentHash}:${salt}`, 'utf8').digest('hex'));
  let code = '';
  for (let i = 0; i < VERIFY_CODE_LENGTH; i++) {
    code += VERIFY_CODE_ALPHABET[Number(n % BASE)];
    n /= BASE;
  }
  return code;
}

/** The code as printed: two groups of five, "ABCDE-FGHJK", easier to read out and to type. */
export function formatCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)}-${code.slice(half)}`;
}

/**
 * A code as someone typed it back ("abcde fghjk", "ABCDE-FGHJK") → the stored form "ABCDEFGHJK",
 * or null when it cannot be one (wrong length, a character outside the alphabet — including the
 * look-alikes 0/O, 1/I/L, U/V that a code never contains).
 */
export function normalizeCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]+/g, '');
  if (code.length !== VERIFY_CODE_LENGTH) return null;
  for (const ch of code) if (!VERIFY_CODE_ALPHABET.includes(ch)) return null;
  return code;
}
