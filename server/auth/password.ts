/**
 * Password hashing with argon2id (@node-rs/argon2: maintained, prebuilt, no node-gyp), at the
 * OWASP minimum of 19 MiB memory and 2 passes by default.
 */
import { hash, verify } from '@node-rs/argon2';
import type { Msg } from '../../protocol/messages/index.ts';

/** Algorithm.Argon2id (a const enum, which verbatimModuleSyntax cannot import) */
const ARGON2ID = 2;

export type Argon2Cost = { memoryCost: number; timeCost: number };

export const hashPassword = (password: string, cost: Argon2Cost) =>
  hash(password, { algorithm: ARGON2ID, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 });

/** A wrong or malformed hash is simply "no". */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/**
 * A real hash of nothing anyone knows: checked when the NIP does not exist, so an unknown NIP
 * costs as much time as a wrong password and the response time does not reveal which NIPs exist.
 */
let dummy: Promise<string> | null = null;
export const dummyHash = (cost: Argon2Cost) => (dummy ??= hashPassword(`no-such-user-${Math.random()}`, cost));

/**
 * Beyond length (zod): a password must not be, or contain, the user's own NIP, nor be one
 * character repeated. The problem as a code of the message catalog (protocol/messages/).
 */
export function passwordProblem(password: string, nip: string): Extract<Msg, { code: 'password.containsNip' | 'password.repeated' }> | null {
  if (nip && password.includes(nip)) return { code: 'password.containsNip' };
  if (/^(.)\1+$/.test(password)) return { code: 'password.repeated' };
  return null;
}
