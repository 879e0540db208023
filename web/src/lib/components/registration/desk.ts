/**
 * Pure helpers of the registration desk (Perban BKN 4/2024 Pasal 14(2)): finding a participant
 * as they step up to the desk, what is still unchecked, and which PCs can take them.
 */
import type { AttendanceRow, ComplianceKey, StationView } from '$protocol';
import type { AttendanceStatus } from '$protocol/session.ts';
import { t } from '$lib/i18n/i18n.svelte.ts';

export type DeskFilter = 'all' | AttendanceStatus | 'late';

/** NIP, name or nomor peserta, case- and space-insensitive ("198501 ..." typed with spaces still finds the NIP). */
export function matches(row: AttendanceRow, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const digits = q.replace(/\s+/g, '');
  return (
    (digits.length > 0 && /^\d+$/.test(digits) && row.nip.includes(digits)) ||
    row.name.toLowerCase().includes(q) ||
    (row.nomorPeserta ?? '').toLowerCase().includes(q) ||
    row.nip.includes(q)
  );
}

/**
 * A key pressed while a "Daftarkan hadir" is being saved (the dialog is still up, the search box
 * behind it cannot take focus): a fast clerk or a barcode scanner is already on the next person.
 * Characters and Backspace edit the search that will be there once the save is done; Enter is
 * remembered (a scanner ends each code with it). null: the key is not the desk's (Tab, Esc, …).
 */
export function typeAhead(query: string, e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): { query: string; enter: boolean } | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'Enter') return { query, enter: true };
  if (e.key === 'Backspace') return { query: query.slice(0, -1), enter: false };
  if ([...e.key].length === 1) return { query: query + e.key, enter: false };
  return null;
}

export function inFilter(row: AttendanceRow, f: DeskFilter): boolean {
  if (f === 'all') return true;
  if (f === 'late') return row.late;
  return row.status === f;
}

/** Pasal 14(2)b: identity card, participant card and face, all three before entry. */
export const CHECKS = ['idCard', 'participantCard', 'faceMatch'] as const;
export type Check = (typeof CHECKS)[number];
export type Checks = Record<Check, boolean>;

export function missingChecks(c: Checks): Check[] {
  return CHECKS.filter((k) => !c[k]);
}

export type StationOption = {
  id: number;
  code: string;
  spare: boolean;
  offline: boolean;
  /** who sits there now (another participant), or null when free */
  takenBy: string | null;
  /** the Lampiran II items the PC fails (no webcam …): the desk warns before seating someone there */
  lamp2: ComplianceKey[];
};

/**
 * The room's PCs for a seat picker: free ones first (regular before spare), then taken ones; in
 * seat order within each group. A PC is taken when another participant is assigned or logged in
 * there, or the desk seated someone else there who has not been marked absent.
 */
export function stationOptions(stations: StationView[], rows: AttendanceRow[], self: number | null): StationOption[] {
  const seated = new Map<number, string>();
  for (const r of rows) {
    if (r.stationId != null && r.participantId !== self && r.status !== 'absent') seated.set(r.stationId, r.name);
  }
  const options = stations.map((s) => {
    const other = s.participant && s.participant.participantId !== self ? (s.participant.name ?? s.participant.nip) : null;
    const lamp2 = s.compliance === 'fail' ? (s.complianceFails ?? []) : [];
    return { id: s.id, code: s.code, spare: s.spare, offline: s.state === 'offline', takenBy: seated.get(s.id) ?? other, lamp2 };
  });
  const rank = (o: StationOption) => (o.takenBy ? 2 : o.spare ? 1 : 0);
  return options
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
    .map(({ o }) => o);
}

/** A seat picker's option: "B07 · cadangan · offline · ✕ Lampiran II · dipakai: Budi". */
export function stationOptionLabel(o: StationOption): string {
  return (
    o.code +
    (o.spare ? ` · ${t('registration.stationSpare')}` : '') +
    (o.offline ? ` · ${t('registration.stationOffline')}` : '') +
    (o.lamp2.length ? ` · ✕ ${t('desk.lamp2Option')}` : '') +
    (o.takenBy ? ` · ${t('registration.stationTaken', { name: o.takenBy })}` : '')
  );
}
