/**
 * Incident categories as the proctor sees them: grouped into the participant rules of
 * Perban BKN 4/2024 Lampiran I.A (each with the rule number it refers to), the technical
 * problems of the room, and "other". The words are in incidents.id.ts / incidents.en.ts.
 */
import { INCIDENT_CATEGORIES, TECHNICAL_INCIDENTS, type IncidentCategory } from '$protocol/session.ts';
import { LAMPIRAN_II } from '$protocol/limits.ts';
import { t } from '$lib/i18n/i18n.svelte.ts';

export type IncidentKind = 'rule' | 'technical' | 'other';

/** The Lampiran I.A "Tata Tertib Asesi" point each rule category refers to (angka 1 huruf …). */
export const RULE_REF: Partial<Record<IncidentCategory, string>> = {
  late_arrival: '1.a',
  identity_mismatch: '1.c',
  disorder: '1.d',
  confidentiality: '1.e',
  prohibited_item: '1.j.1',
  computer_misuse: '1.j.2',
  talking: '1.j.3',
  passing_items: '1.j.4',
  recording: '1.j.5',
  leaving_room: '1.j.6'
};

export function kindOf(c: IncidentCategory): IncidentKind {
  if (TECHNICAL_INCIDENTS.includes(c)) return 'technical';
  return c in RULE_REF ? 'rule' : 'other';
}

export const KINDS: readonly IncidentKind[] = ['rule', 'technical', 'other'];

/** The categories of one kind, in contract order. */
export const categoriesOf = (kind: IncidentKind): IncidentCategory[] => INCIDENT_CATEGORIES.filter((c) => kindOf(c) === kind);

// Template-literal keys: a category without its words in the dictionary fails the type check.
export const categoryLabel = (c: IncidentCategory): string => t(`incidents.cat.${c}`);
/** The rule text (rule categories) or a short explanation of what to record (the others). */
export const categoryHint = (c: IncidentCategory): string =>
  t(`incidents.hint.${c}`, { ms: LAMPIRAN_II.maxLatencyMs, kbps: LAMPIRAN_II.minBandwidthKbps });
export const kindLabel = (k: IncidentKind): string => t(`incidents.group.${k}`);
