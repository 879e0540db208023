/**
 * Field issues with a code: zod's own issues mapped to the catalog, and the custom issues our
 * schemas add (which carry their code in `params`). Structural types only: no zod import, so the
 * web can use this too.
 */
import { isMessageCode, say, type Issue, type Msg, type WireParams } from './index.ts';

/** The parts of a zod 4 issue read here. */
export type ZodIssueLike = {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  params?: Record<string, unknown>;
};

/**
 * What a schema passes to `ctx.addIssue` for a problem the catalog words: the English words as
 * zod's `message`, the code and parameters in `params` (read back by `issueMsg`).
 */
export function customIssue(m: Msg, path?: PropertyKey[]) {
  return { code: 'custom' as const, message: say(m, 'en'), params: { code: m.code, params: m.params ?? {} }, ...(path ? { path } : {}) };
}

const num = (v: number | bigint | undefined) => (typeof v === 'bigint' ? Number(v) : (v ?? 0));

/** The catalog's code for a zod issue (every issue gets one; `issue.invalid` when nothing closer fits). */
export function issueMsg(i: ZodIssueLike): Msg {
  if (i.code === 'custom' && i.params && isMessageCode(i.params.code)) {
    return { code: i.params.code, params: (i.params.params ?? {}) as WireParams } as Msg;
  }
  const text = i.origin === 'string';
  const list = i.origin === 'array' || i.origin === 'set';
  if (i.code === 'too_small') {
    const min = num(i.minimum);
    if (text) return min <= 1 ? { code: 'issue.required' } : { code: 'issue.tooShort', params: { min } };
    if (list) return { code: 'issue.tooFew', params: { min } };
    return i.inclusive === false ? { code: 'issue.above', params: { min } } : { code: 'issue.min', params: { min } };
  }
  if (i.code === 'too_big') {
    const max = num(i.maximum);
    if (text) return { code: 'issue.tooLong', params: { max } };
    if (list) return { code: 'issue.tooMany', params: { max } };
    return i.inclusive === false ? { code: 'issue.below', params: { max } } : { code: 'issue.max', params: { max } };
  }
  if (i.code === 'unrecognized_keys') return { code: 'issue.unknownField' };
  return { code: 'issue.invalid' };
}

/** A zod issue on the wire: path, English message (zod's own unless the catalog words it), code and params. */
export function wireIssue(i: ZodIssueLike): Issue {
  const m = issueMsg(i);
  const path = i.path.map((p) => (typeof p === 'symbol' ? '?' : String(p))).join('.');
  const custom = i.code === 'custom' && m.code !== 'issue.invalid';
  return { path, message: custom ? say(m, 'en') : String(i.message), code: m.code, params: (m.params ?? {}) as WireParams };
}
