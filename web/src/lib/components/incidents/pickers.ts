/**
 * What the incident form offers as PC and participant: the room's stations, each with the
 * participant seated there. A page with a live RoomView provides them through context
 * (provideIncidentStations); without one, the dialog asks the session's attendance list.
 */
import { getContext, setContext } from 'svelte';
import type { IncidentRow } from '$protocol';
import type { RoomView } from '$lib/room/room-view.svelte.ts';
import { api } from '$lib/api.ts';
import { ROUTES } from '$protocol/routes.ts';

export type PickParticipant = { id: number; name: string; nip: string };
export type PickStation = { id: number; code: string; participant: PickParticipant | null };

const KEY = Symbol('incident-stations');

/** Call during component init of a page that has a RoomView (the room page, the incidents page). */
export function provideIncidentStations(source: () => PickStation[]) {
  setContext(KEY, source);
}
export function contextStations(): (() => PickStation[]) | undefined {
  return getContext<(() => PickStation[]) | undefined>(KEY);
}

/** The room's stations in seat order, with whoever is seated there (roster participants only). */
export function stationsOf(view: RoomView | null): PickStation[] {
  if (!view) return [];
  const out: PickStation[] = [];
  for (const id of view.seatOrder) {
    const s = view.stations[id];
    if (!s) continue;
    const p = s.participant;
    out.push({
      id: s.id,
      code: s.code,
      participant: p?.participantId != null ? { id: p.participantId, name: p.name ?? p.nip, nip: p.nip } : null
    });
  }
  return out;
}

/** Without a RoomView: the seated participants of the session's attendance list. */
export async function fetchStations(sessionId: number): Promise<PickStation[]> {
  const r = await api(ROUTES.attendance, { params: { id: sessionId } });
  return r.rows
    .filter((row) => row.stationId != null)
    .map((row) => ({
      id: row.stationId as number,
      code: row.stationCode ?? `#${row.stationId}`,
      participant: { id: row.participantId, name: row.name, nip: row.nip }
    }))
    .sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true }));
}

/** Everyone seated, by name; plus those named by incidents already recorded (they may have moved). */
export function participantsOf(stations: PickStation[], rows: IncidentRow[] = []): PickParticipant[] {
  const m = new Map<number, PickParticipant>();
  for (const s of stations) if (s.participant) m.set(s.participant.id, s.participant);
  for (const r of rows) {
    if (r.participantId != null && !m.has(r.participantId)) {
      m.set(r.participantId, { id: r.participantId, name: r.participantName ?? `#${r.participantId}`, nip: r.participantNip ?? '' });
    }
  }
  return [...m.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The stations, plus those named by incidents already recorded that are no longer in the room. */
export function withRowStations(stations: PickStation[], rows: IncidentRow[]): PickStation[] {
  const known = new Set(stations.map((s) => s.id));
  const extra: PickStation[] = [];
  for (const r of rows) {
    if (r.stationId != null && !known.has(r.stationId)) {
      known.add(r.stationId);
      extra.push({ id: r.stationId, code: r.stationCode ?? `#${r.stationId}`, participant: null });
    }
  }
  return extra.length ? [...stations, ...extra] : stations;
}

/** The participant seated at a station, if any. */
export const seatedAt = (stations: PickStation[], stationId: string): PickParticipant | null =>
  stations.find((s) => String(s.id) === stationId)?.participant ?? null;

/** The station a participant sits at, if any. */
export const seatOf = (stations: PickStation[], participantId: string): PickStation | null =>
  stations.find((s) => s.participant && String(s.participant.id) === participantId) ?? null;
