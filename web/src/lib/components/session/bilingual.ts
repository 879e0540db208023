/**
 * Both languages at once, for what participants read off the projector: the room's language
 * choice is the proctor's, the participants may read either (Bahasa Indonesia first by default).
 */
import { en } from '$lib/i18n/en.ts';
import { id, type MessageKey } from '$lib/i18n/id.ts';
import { i18n } from '$lib/i18n/i18n.svelte.ts';

function fill(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** [the proctor's language, the other one] */
export function bilingual(key: MessageKey, params?: Record<string, string | number>): [string, string] {
  const ids = fill(id[key], params);
  const ens = fill(en[key], params);
  return i18n.locale === 'en' ? [ens, ids] : [ids, ens];
}
