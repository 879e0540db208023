/** Names and shown values of an incident's fields, for the history and the list. */
import { formatDateTime } from '$lib/format/time.ts';
import { t } from '$lib/i18n/i18n.svelte.ts';
import { RULE_REF, categoryLabel } from './categories.ts';
import type { HistoryField, IncidentData } from './history.ts';

export const fieldLabel = (f: HistoryField): string => t(`incidents.field.${f}`);

export function participantText(d: Pick<IncidentData, 'participantId' | 'participantName' | 'participantNip'>): string {
  if (d.participantId == null) return '—';
  const name = d.participantName ?? t('incidents.unknownParticipant', { id: d.participantId });
  return d.participantNip ? `${name} (${d.participantNip})` : name;
}

export function categoryText(c: IncidentData['category']): string {
  const ref = RULE_REF[c];
  return ref ? `${categoryLabel(c)} (I.A ${ref})` : categoryLabel(c);
}

export function fieldValue(d: IncidentData, f: HistoryField): string {
  switch (f) {
    case 'category':
      return categoryText(d.category);
    case 'occurredAt':
      return formatDateTime(d.occurredAt, true);
    case 'stationId':
      return d.stationId == null ? '—' : (d.stationCode ?? t('incidents.unknownStation', { id: d.stationId }));
    case 'participantId':
      return participantText(d);
    case 'description':
      return d.description || '—';
    case 'actionTaken':
      return d.actionTaken || '—';
  }
}
