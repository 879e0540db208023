/**
 * The types of the catalog's parameters that are more than a number or a string, and the small
 * grammar both languages need (lists). No zod and nothing server-only: the web imports this.
 */

/** Kinds of work a session allows only in some states (WORK_STATES in protocol/session.ts, and a few more). */
export type WorkName = 'checklist' | 'actions' | 'pin' | 'record' | 'import' | 'desk' | 'absent' | 'seat' | 'sendBack';

/** What a dashboard request named that does not exist or is outside the user's scope. */
export type TargetKind = 'room' | 'station';

/** "a, b atau c" / "a, b or c" */
export function listOr(items: readonly string[], or: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${or} ${items[items.length - 1]}`;
}

/**
 * The English side of a table: the same keys as the Indonesian one, each a sentence where that is
 * a sentence and a function of exactly the same parameters where that is a function.
 */
export type Mirror<T> = { readonly [K in keyof T]: T[K] extends (p: infer P) => string ? (p: P) => string : string };
