/** Dates and times on the session pages, in the proctor's language (server times, local clock display). */
import { i18n } from '$lib/i18n/i18n.svelte.ts';

/** "12 Mei 2026 09.30" */
export function formatDateTime(ms: number | null): string {
  if (ms == null) return '—';
  return new Date(ms).toLocaleString(i18n.tag, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "09.30" / "09:30" */
export function formatTime(ms: number | null): string {
  if (ms == null) return '—';
  return new Date(ms).toLocaleTimeString(i18n.tag, { hour: '2-digit', minute: '2-digit' });
}

/** The value of an <input type="time"> for a moment: local "HH:MM". */
export function timeInputValue(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * The moment an <input type="time"> names, on the day of `base` (local time); null when the
 * input is empty or malformed. Arrivals and visits are recorded the same day, at the desk.
 */
export function fromTimeInput(value: string, base: number): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(base);
  d.setHours(Number(m[1]), Number(m[2]), 0, 0);
  return d.getTime();
}
