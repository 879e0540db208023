/**
 * An audit row in words, in the current language: the action as a name and a sentence, the target
 * and station actors by name, and every before/after field labelled with its value spelled out
 * (times as times, yes/no, states, roles, categories, ids as names, nested records as
 * "label: value" lists) — never raw JSON. The vocabulary is web/src/lib/i18n/audit.*.ts; the names
 * come with the page (AuditPage.refs, resolved by the server when the trail is read).
 */
import {
  AUDIT_REF_FIELDS, type AuditName, type AuditRefs, type AuditRow, type AuditTargetType, type ScopeView
} from '$protocol';
import { scopeLabel } from '$lib/auth/labels.ts';
import { formatDateTime } from '$lib/format/time.ts';
import { isMessageKey, t } from '$lib/i18n/i18n.svelte.ts';

/** The translation of `key` when there is one. */
function tr(key: string, params?: Record<string, string | number>): string | null {
  return isMessageKey(key) ? t(key, params) : null;
}

const CLIP = 120;
const MAX_NAMES = 6;
const clip = (s: string) => (s.length > CLIP ? `${s.slice(0, CLIP - 1)}…` : s);
/** a stored code as a key part: 'demo seed' → demo_seed, 'too many wrong attempts' → too_many_wrong_attempts */
const codeKey = (v: string) => v.trim().replace(/\W+/g, '_');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** …At / …Until hold epoch milliseconds (expiresAt, lockedUntil), and so does a PIN lock's `until` */
const isTime = (field: string, v: unknown): v is number => typeof v === 'number' && v > 1e12 && /(At|Until|^until)$/.test(field);

export const actionTitle = (action: string): string => tr(`action.${action}`) ?? t('audit.unknownAction');
export const actionSentence = (action: string): string | null => tr(`audit.says.${action}`);
export const targetTypeLabel = (type: string): string => tr(`audit.target.${type}`) ?? type;

/** The label of a before/after field; an action may mean something of its own by a field. */
export function fieldLabel(action: string, field: string): string {
  return tr(`audit.field.${action}:${field}`) ?? tr(`audit.field.${field}`) ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A thing by its name: a participant or user with the NIP when `withNip`, an incident by its category. */
export function nameText(type: string, n: AuditName, withNip = false): string {
  if (type === 'incident') return tr(`incidents.cat.${n.name}`) ?? n.name;
  return withNip && n.nip ? `${n.name} (NIP ${n.nip})` : n.name;
}

function refText(type: AuditTargetType, idValue: unknown, refs: AuditRefs): string {
  const n = refs[type]?.[String(idValue)];
  if (n) return nameText(type, n);
  return `${targetTypeLabel(type)} ${String(idValue)} (${t('audit.notFound')})`;
}

function list(items: string[]): string {
  if (items.length === 0) return '—';
  if (items.length <= MAX_NAMES) return items.join(', ');
  return `${items.slice(0, MAX_NAMES).join(', ')} ${t('audit.andMore', { n: items.length - MAX_NAMES })}`;
}

function scopeText(s: unknown, refs: AuditRefs): string {
  if (!isRecord(s)) return value('', s, '', refs);
  if (s.kind === 'venue') {
    const venueName = typeof s.venueName === 'string' ? s.venueName : refs.venue?.[String(s.venueId)]?.name ?? `${targetTypeLabel('venue')} ${String(s.venueId)}`;
    return scopeLabel({ kind: 'venue', venueId: Number(s.venueId), venueName });
  }
  if (s.kind === 'region' || s.kind === 'all') return scopeLabel(s as ScopeView);
  return value('', s, '', refs);
}

/** The daftar periksa's items by answer: "10 butir sesuai; tidak sesuai: C.5". */
function itemsText(items: Record<string, unknown>): string {
  const keys = (want: unknown) => Object.entries(items).filter(([, v]) => (isRecord(v) ? v.value : v) === want).map(([k]) => k);
  const fit = keys('sesuai'), notFit = keys('tidak_sesuai'), empty = keys(null);
  return [
    fit.length ? t('audit.items.fit', { n: fit.length }) : null,
    notFit.length ? t('audit.items.notFit', { keys: notFit.join(', ') }) : null,
    empty.length ? t('audit.items.empty', { keys: empty.join(', ') }) : null
  ].filter(Boolean).join('; ') || '—';
}

/**
 * A coded value in words (protocol/audit.ts AUDIT_VALUE_CODES), or null when it has none:
 * the audit vocabulary first, then the tables the app already has for that kind of code.
 */
export function codeText(field: string, code: string): string | null {
  const own = tr(`audit.value.${field}.${codeKey(code)}`);
  if (own) return own;
  switch (field) {
    case 'state': return tr(`sessionState.${code}`);
    case 'category': return tr(`incidents.cat.${code}`);
    case 'kind': return tr(`session.act.${code}`); // pause, resume, add_time, end
    case 'roles': return tr(`role.${code}`);
    case 'attention': return tr(`attention.${code}`);
    default: return null;
  }
}

/** One field's value in words. */
export function value(field: string, v: unknown, action: string, refs: AuditRefs): string {
  if (v === null || v === undefined || v === '') return '—';
  const ref = (AUDIT_REF_FIELDS as Record<string, { type: AuditTargetType; list: boolean } | undefined>)[field];
  if (ref?.list && Array.isArray(v)) return list(v.map((x) => refText(ref.type, x, refs)));
  if (ref && !ref.list && (typeof v === 'number' || typeof v === 'string')) return refText(ref.type, v, refs);
  if (isTime(field, v)) return formatDateTime(v, true);
  if (typeof v === 'boolean') return tr(`audit.value.${field}.${v}`) ?? t(v ? 'audit.value.yes' : 'audit.value.no');
  switch (field) {
    case 'scopes':
      if (Array.isArray(v)) return list(v.map((s) => scopeText(s, refs)));
      break;
    case 'items':
      if (isRecord(v)) return itemsText(v);
      break;
    case 'minutes':
    case 'rotateMin':
      if (typeof v === 'number') return t('audit.unit.minutes', { n: v });
      break;
    case 'actions':
    case 'actionsMoved':
      if (Array.isArray(v)) return t('audit.unit.commands', { n: v.length });
      break;
  }
  if (typeof v === 'string') return codeText(field, v) ?? clip(v);
  if (typeof v === 'number') return String(v);
  // roles, warnings, PC codes …: each in words
  if (Array.isArray(v)) return list(v.map((x) => value(field, x, action, refs)));
  if (isRecord(v)) {
    const parts = Object.entries(v).filter(([, x]) => x !== null && x !== undefined).map(([k, x]) => `${fieldLabel(action, k)}: ${value(k, x, action, refs)}`);
    return parts.join('; ') || '—';
  }
  return clip(String(v));
}

/**
 * One line of the change column. `value`: a fact of the record (only one side has it);
 * `before`/`after`: a field that changed; only `before`: what was there and is no more.
 * `title`: the whole text when the shown one is cut.
 */
export type AuditLine = { key: string; label: string; value?: string; before?: string; after?: string; title?: string };

function line(key: string, label: string, parts: { value?: unknown; before?: unknown; after?: unknown }, action: string, refs: AuditRefs): AuditLine {
  const out: AuditLine = { key, label };
  const long: string[] = [];
  for (const side of ['value', 'before', 'after'] as const) {
    if (!(side in parts)) continue;
    const raw = parts[side];
    out[side] = value(key, raw, action, refs);
    if (typeof raw === 'string' && raw.length > CLIP) long.push(raw);
  }
  if (long.length) out.title = long.join(' → ');
  return out;
}

/** The before/after of a row as labelled lines in words: changed fields, then the facts recorded. */
export function auditLines(row: Pick<AuditRow, 'action' | 'before' | 'after'>, refs: AuditRefs): AuditLine[] {
  const { action, before, after } = row;
  const present = (v: unknown) => v !== null && v !== undefined;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const out: AuditLine[] = [];
    for (const k of keys) {
      const inB = k in before, inA = k in after;
      if (inB && inA) {
        if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
        out.push(line(k, fieldLabel(action, k), { before: before[k], after: after[k] }, action, refs));
      } else if (inA && present(after[k])) out.push(line(k, fieldLabel(action, k), { value: after[k] }, action, refs));
      else if (inB && present(before[k])) out.push(line(k, fieldLabel(action, k), { before: before[k] }, action, refs));
    }
    return out;
  }
  const one = isRecord(after) ? after : isRecord(before) ? before : null;
  if (one) {
    return Object.entries(one).filter(([, v]) => present(v)).map(([k, v]) => line(k, fieldLabel(action, k), { value: v }, action, refs));
  }
  if (!present(before) && !present(after)) return [];
  // not a record (nothing writes one today): still in words
  return [line('', '', present(before) && present(after) ? { before, after } : { value: present(after) ? after : before }, action, refs)];
}

/** The target of a row by name: its kind, its name, where it is; `title` keeps the stored id. */
export function targetText(row: Pick<AuditRow, 'targetType' | 'targetId' | 'target' | 'venueName'>): { kind: string; name: string | null; detail: string | null; title: string | undefined } | null {
  if (!row.targetType) return null;
  const kind = targetTypeLabel(row.targetType);
  const title = row.targetId ? t('audit.targetId', { type: kind, id: row.targetId }) : undefined;
  const n = row.target;
  if (!n) return { kind, name: row.targetId ? null : '—', detail: row.targetId ? t('audit.notFound') : null, title };
  const session = (code: string | null | undefined) => (code ? t('audit.inSession', { code }) : null);
  const detail = (() => {
    switch (row.targetType) {
      case 'participant': return [n.nip ? `NIP ${n.nip}` : null, session(n.where)].filter(Boolean).join(' · ') || null;
      case 'user': return n.nip ? `NIP ${n.nip}` : null;
      case 'incident': return session(n.where);
      case 'room': return n.where && n.where !== row.venueName ? n.where : null;
      default: return n.where ?? null;
    }
  })();
  return { kind, name: nameText(row.targetType, n), detail, title };
}
