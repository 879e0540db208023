/** The before/after of an audit row as a short list of changed fields. */
import { formatDateTime } from '$lib/auth/labels.ts';

export type DiffLine = { key: string; before?: string; after?: string };

const MAX = 80;

export function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v.length > MAX ? `${v.slice(0, MAX - 1)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return show(v.join(', ') || '—');
  return show(JSON.stringify(v));
}

/** Fields named …At / …Until hold epoch milliseconds (expiresAt, lockedUntil): show them as times. */
const isTime = (key: string, v: unknown): v is number => typeof v === 'number' && v > 1e12 && /(At|Until)$/.test(key);
const field = (key: string, v: unknown) => (isTime(key, v) ? formatDateTime(v) : show(v));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Changed keys when both sides are objects; otherwise every key of the side that exists. */
export function diff(before: unknown, after: unknown): DiffLine[] {
  if (before == null && after == null) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => ({ key: k, before: field(k, before[k]), after: field(k, after[k]) }));
  }
  if (isObject(after) && before == null) return Object.entries(after).map(([k, v]) => ({ key: k, after: field(k, v) }));
  if (isObject(before) && after == null) return Object.entries(before).map(([k, v]) => ({ key: k, before: field(k, v) }));
  return [{ key: '', before: before == null ? undefined : show(before), after: after == null ? undefined : show(after) }];
}
