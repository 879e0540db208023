/**
 * The first gate of the edge: is an inbound value a plain JSON value of a sane size?
 *
 * socket.io hands a handler whatever the client packed: besides JSON it rebuilds binary
 * attachments as Buffers, anywhere in the value. zod would walk a 60 KB Buffer index by index and
 * list every index as an unrecognised key (a 650 KB answer to a 60 KB packet), and a value such as
 * `{ v: { toString: 1 } }` throws the moment anything coerces it to a string. So before any schema
 * sees a payload, this walk refuses everything that is not null, a boolean, a finite number, a
 * string, an array or an object whose prototype is Object.prototype (or null) — within bounds of
 * depth, width and length. It is total: it reads own properties with `Object.keys` and never
 * coerces, calls or compares a value of unknown type, so nothing a client sends can make it throw.
 */
import type { Issue } from '../../protocol/messages/index.ts';
import { wireIssue, type ZodIssueLike } from '../../protocol/messages/issues.ts';

export type PlainJsonLimits = {
  /** nesting depth (the top level is depth 1) */
  maxDepth: number;
  /** values counted over the whole tree (every scalar, array and object) */
  maxNodes: number;
  /** characters of one string or one key */
  maxString: number;
};

export const PLAIN_JSON_LIMITS: PlainJsonLimits = { maxDepth: 12, maxNodes: 20_000, maxString: 8_192 };

export type PlainJsonVerdict = { ok: true } | { ok: false; reason: string; path: string };

/** Describes any value without touching it: never calls toString / valueOf / a getter. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  const t = typeof v;
  if (t !== 'object') return t;
  if (Array.isArray(v)) return 'array';
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return 'binary';
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null ? 'object' : 'non-plain object';
}

export function checkPlainJson(value: unknown, limits: PlainJsonLimits = PLAIN_JSON_LIMITS): PlainJsonVerdict {
  let nodes = 0;
  // iterative walk: a deep value cannot exhaust the stack before the depth check refuses it
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 1, path: '' }];
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (++nodes > limits.maxNodes) return { ok: false, reason: `more than ${limits.maxNodes} values`, path };
    if (v === null || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { ok: false, reason: 'a number that is not finite', path };
      continue;
    }
    if (typeof v === 'string') {
      if (v.length > limits.maxString) return { ok: false, reason: `a string longer than ${limits.maxString} characters`, path };
      continue;
    }
    const kind = kindOf(v);
    if (kind !== 'array' && kind !== 'object') return { ok: false, reason: `a ${kind} value (only JSON is accepted)`, path };
    if (depth > limits.maxDepth) return { ok: false, reason: `nested deeper than ${limits.maxDepth}`, path };
    if (kind === 'array') {
      const a = v as unknown[];
      if (a.length > limits.maxNodes) return { ok: false, reason: `more than ${limits.maxNodes} values`, path };
      for (let i = 0; i < a.length; i++) stack.push({ v: a[i], depth: depth + 1, path: joinPath(path, String(i)) });
      continue;
    }
    const keys = Object.keys(v as object);
    if (keys.length > limits.maxNodes) return { ok: false, reason: `more than ${limits.maxNodes} values`, path };
    for (const k of keys) {
      if (k.length > limits.maxString) return { ok: false, reason: 'a key that is too long', path };
      const d = Object.getOwnPropertyDescriptor(v, k);
      // JSON.parse makes data properties only; an accessor did not come off the wire
      if (!d || !('value' in d)) return { ok: false, reason: 'a property that is not plain data', path: joinPath(path, k) };
      stack.push({ v: d.value, depth: depth + 1, path: joinPath(path, k) });
    }
  }
  return { ok: true };
}

const joinPath = (path: string, key: string) => (path ? `${path}.${key.slice(0, 40)}` : key.slice(0, 40));

/** An error answer must stay small whatever the input: at most 10 issues, each path and message cut. */
export const MAX_ISSUES = 10;

export type { Issue };

/**
 * zod's issues, bounded: 10 at most, paths ≤ 100 and messages ≤ 200 characters (an error ack < 4 KB);
 * each with the message catalog's code and parameters (protocol/messages/issues.ts).
 */
export function boundedIssues(issues: readonly ZodIssueLike[]): Issue[] {
  return issues.slice(0, MAX_ISSUES).map((i) => {
    const w = wireIssue(i);
    return { ...w, path: w.path.slice(0, 100), message: w.message.slice(0, 200) };
  });
}
