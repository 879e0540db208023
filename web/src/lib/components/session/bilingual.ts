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

type Params = Record<string, string | number>;

/**
 * [the proctor's language, the other one]. Parameters that are written differently per language
 * (a duration: "29 m 28 d" / "29 m 28 s") are given as a function of the language.
 */
export function bilingual(key: MessageKey, params?: Params | ((lang: 'id' | 'en') => Params)): [string, string] {
  const of = (lang: 'id' | 'en') => (typeof params === 'function' ? params(lang) : params);
  const ids = fill(id[key], of('id'));
  const ens = fill(en[key], of('en'));
  return i18n.locale === 'en' ? [ens, ids] : [ids, ens];
}
