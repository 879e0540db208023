/**
 * The incident form's values and their conversion to the request bodies of
 * POST /api/sessions/:id/incidents and PATCH /api/incidents/:id (incidentSchema, incidentEditSchema).
 */
import type { IncidentInput, IncidentRow } from '$protocol';
import type { IncidentCategory } from '$protocol/session.ts';
import { fromTimeInput, timeInputValue } from '$lib/format/time.ts';

export type IncidentDraft = {
  category: IncidentCategory | '';
  /** the moment the time field started from; only its day is kept when the time is edited */
  baseAt: number;
  /** "HH:MM" on the venue's clock (the value of the time field) */
  time: string;
  /** '' = none (select values are strings) */
  stationId: string;
  participantId: string;
  description: string;
  actionTaken: string;
};

/** Errors shown next to the fields, keyed by the request field (ApiError.issueFor paths). */
export type FieldErrors = Partial<Record<'category' | 'occurredAt' | 'stationId' | 'participantId' | 'description' | 'actionTaken', string>>;

/**
 * The moment the draft's time stands for. Unchanged time: the exact starting moment (seconds
 * kept). Edited: that day at HH:MM — or the day before when that lies in the future, so that
 * an incident at 23:55 recorded at 00:05 is not dated tomorrow. null when the time is not HH:MM.
 */
export function occurredAtOf(d: IncidentDraft, now: number): number | null {
  if (d.time === timeInputValue(d.baseAt)) return d.baseAt;
  const ms = fromTimeInput(d.time, d.baseAt);
  if (ms == null) return null;
  return ms > now + 60_000 ? ms - 24 * 60 * 60_000 : ms;
}

export function newDraft(now: number, stationId?: number | null, participantId?: number | null): IncidentDraft {
  return {
    category: '',
    baseAt: now,
    time: timeInputValue(now),
    stationId: stationId != null ? String(stationId) : '',
    participantId: participantId != null ? String(participantId) : '',
    description: '',
    actionTaken: ''
  };
}

export function draftOf(row: IncidentRow): IncidentDraft {
  return {
    category: row.category,
    baseAt: row.occurredAt,
    time: timeInputValue(row.occurredAt),
    stationId: row.stationId != null ? String(row.stationId) : '',
    participantId: row.participantId != null ? String(row.participantId) : '',
    description: row.description,
    actionTaken: row.actionTaken
  };
}

const idOrNull = (s: string): number | null => (s ? Number(s) : null);

/** The POST body; call only after the draft is valid (category chosen, time readable). */
export function createBody(d: IncidentDraft, now: number): IncidentInput {
  return {
    category: d.category as IncidentCategory,
    stationId: idOrNull(d.stationId),
    participantId: idOrNull(d.participantId),
    occurredAt: occurredAtOf(d, now) ?? undefined,
    description: d.description.trim(),
    actionTaken: d.actionTaken.trim()
  };
}

/** Only the fields that differ from `row`: an edit that changes nothing is not sent. */
export function changedFields(d: IncidentDraft, row: IncidentRow, now: number): Partial<IncidentInput> {
  const next = createBody(d, now);
  const out: Partial<IncidentInput> = {};
  if (next.category !== row.category) out.category = next.category;
  if (next.stationId !== row.stationId) out.stationId = next.stationId;
  if (next.participantId !== row.participantId) out.participantId = next.participantId;
  if (next.occurredAt !== undefined && next.occurredAt !== row.occurredAt) out.occurredAt = next.occurredAt;
  if (next.description !== row.description) out.description = next.description;
  if (next.actionTaken !== row.actionTaken) out.actionTaken = next.actionTaken;
  return out;
}
