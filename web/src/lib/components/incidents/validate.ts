/** What is wrong with an incident draft, next to each field: the form's own checks, then the server's issues. */
import { fieldError } from '$lib/errors.ts';
import { t } from '$lib/i18n/i18n.svelte.ts';
import { occurredAtOf, type FieldErrors, type IncidentDraft } from './draft.ts';

/** The same minimum as incidentSchema.description (the server says so too; saying it first saves a round trip). */
const DESCRIPTION_MIN = 3;

/** Errors the form can tell without the server; empty when the draft may be sent. */
export function localErrors(d: IncidentDraft, now: number): FieldErrors {
  const e: FieldErrors = {};
  if (!d.category) e.category = t('incidents.err.category');
  if (d.description.trim().length < DESCRIPTION_MIN) e.description = t('incidents.err.description');
  if (occurredAtOf(d, now) === null) e.occurredAt = t('incidents.err.time');
  return e;
}

/** The errors to show: the form's own (once the proctor has tried to save) or the server's issues. */
export function shownErrors(d: IncidentDraft, now: number, tried: boolean, failure: unknown): FieldErrors {
  const local = tried ? localErrors(d, now) : {};
  const keys = ['category', 'occurredAt', 'stationId', 'participantId', 'description', 'actionTaken'] as const;
  const out: FieldErrors = {};
  for (const k of keys) {
    const msg = local[k] || fieldError(failure, k);
    if (msg) out[k] = msg;
  }
  return out;
}
