/**
 * A tiny runes-based i18n store. Bahasa Indonesia is the default; the choice is kept in
 * localStorage so a proctor's laptop remembers it. The UI's own words are in the dictionaries
 * here; what the server also says (refusals, field issues, session-state names) is in the shared
 * catalog, protocol/messages/, read with `tm`, `say` and `stateText` in the current language.
 * (Why not paraglide-js: docs/dependencies.md.)
 */
import type { SessionStateName } from '$protocol';
import { message, say as sayIn, stateName, type MessageCode, type Msg, type ParamsOf } from '$protocol/messages/index.ts';
import { en } from './en.ts';
import { id, type MessageKey } from './id.ts';

export type Locale = 'id' | 'en';
export type { MessageKey };

const STORAGE_KEY = 'cact.locale';
const tables: Record<Locale, Record<MessageKey, string>> = { id, en };

function initialLocale(): Locale {
  if (typeof localStorage === 'undefined') return 'id';
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
}

class I18n {
  locale = $state<Locale>(initialLocale());

  setLocale(next: Locale) {
    this.locale = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode or storage full: the switch still works for this tab
    }
    if (typeof document !== 'undefined') document.documentElement.lang = next;
  }
}

export const i18n = new I18n();

/** Whether `key` is a key of the dictionaries (a key built from stored data: an audit action, a role). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(tables.id, key);

/** Translate `key` in the current locale; `{name}` placeholders are filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = tables[i18n.locale][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The shared catalog's words for `code` with its parameters, in the current locale. */
export function tm<C extends MessageCode>(code: C, params: ParamsOf<C>): string {
  return message(code, params, i18n.locale);
}

/** The shared catalog's words for a refusal or issue as data, in the current locale. */
export const say = (m: Msg): string => sayIn(m, i18n.locale);

/** The one name of a session state in the current locale ("berjalan" / "running"). */
export const stateText = (state: SessionStateName): string => stateName(state, i18n.locale);
