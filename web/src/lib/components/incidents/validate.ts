/** What is wrong with an incident draft, next to each field: the form's own checks, then the server's issues. */
import { fieldError } from '$lib/errors.ts';
import { t } from '$lib/i18n/i18n.svelte.ts';
import { tooLongText } from '../form/text-limit.ts';
import { occurredAtOf, type FieldErrors, type IncidentDraft } from './draft.ts';

/** The same minimum as incidentSchema.description (the server says so too; saying it first saves a round trip). */
const DESCRIPTION_MIN = 3;
/**
 * The most incidentSchema takes in the description and the action taken (after trimming, counted
 * in UTF-16 units as zod and the browser count). Longer text is refused with a counter, never cut:
 * the fields have no maxlength, so a paste is kept whole and the proctor decides what to drop.
 */
export const TEXT_MAX = 2000;

/** "too long" errors: shown as soon as the text is over, not only after a save was tried. */
function lengthErrors(d: IncidentDraft): FieldErrors {
  const e: FieldErrors = {};
  for (const k of ['description', 'actionTaken'] as const) {
    const too = tooLongText(d[k], TEXT_MAX);
    if (too) e[k] = too;
  }
  return e;
}

/** Errors the form can tell without the server; empty when the draft may be sent. */
export function localErrors(d: IncidentDraft, now: number): FieldErrors {
  const e: FieldErrors = {};
  if (!d.category) e.category = t('incidents.err.category');
  if (d.description.trim().length < DESCRIPTION_MIN) e.description = t('incidents.err.description');
  if (occurredAtOf(d, now) === null) e.occurredAt = t('incidents.err.time');
  return { ...e, ...lengthErrors(d) };
}

/** The errors to show: the form's own (once the proctor has tried to save) or the server's issues. */
export function shownErrors(d: IncidentDraft, now: number, tried: boolean, failure: unknown): FieldErrors {
  const local = tried ? localErrors(d, now) : lengthErrors(d);
  const keys = ['category', 'occurredAt', 'stationId', 'participantId', 'description', 'actionTaken'] as const;
  const out: FieldErrors = {};
  for (const k of keys) {
    const msg = local[k] || fieldError(failure, k);
    if (msg) out[k] = msg;
  }
  return out;
}
