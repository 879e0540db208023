/**
 * Free text the server takes up to a limit. A field is never cut (no maxlength: a paste or a
 * scanner's input is kept whole, and the user decides what to drop); over the limit it shows a
 * red counter and the form refuses to send it. Lengths are counted as the server counts them:
 * what is sent, trimmed, in UTF-16 units (zod's and the browser's `length`).
 */
import { t } from '$lib/i18n/i18n.svelte.ts';

export const sentLength = (text: string): number => text.trim().length;

/** How many characters over `max` the text is (0 when it fits). */
export const overBy = (text: string, max: number): number => Math.max(0, sentLength(text) - max);

/** The words for a text over its limit, or '' when it fits. */
export function tooLongText(text: string, max: number): string {
  const over = overBy(text, max);
  return over > 0 ? t('form.tooLong', { max, over }) : '';
}
