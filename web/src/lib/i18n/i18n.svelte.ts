/**
 * A tiny runes-based i18n store. Bahasa Indonesia is the default; the choice is kept in
 * localStorage so a proctor's laptop remembers it. (Paraglide is not used: its inlang plugins
 * load from a CDN at build time and the build machine is offline.)
 */
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

/** Translate `key` in the current locale; `{name}` placeholders are filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = tables[i18n.locale][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
