/**
 * What of a room needs a proctor's look, decided in one place for the room page (its counters,
 * the "Perlu perhatian" filter) and the room list (`GET /api/rooms`): pure functions over
 * StationView, no zod, so the dashboard imports this file directly ($protocol/room-status.ts).
 */
import type { StationTally, StationView } from './events.ts';

type Seat = Pick<StationView, 'spare' | 'enrolled' | 'participant'>;

/**
 * A spare PC nobody set up (no station token) and nobody sits at: idle. It never connects, so it
 * is "offline" to the hub, but it is not a fault to attend to.
 */
export function isIdleSpare(s: Seat): boolean {
  return s.spare && !s.enrolled && !s.participant;
}

/** A participant is assigned or logged in here. */
export function inUse(s: Pick<StationView, 'participant'>): boolean {
  return s.participant != null;
}

/**
 * Needs a look: a raised marker (offline, degraded, stalled, flood — until acknowledged), or a
 * participant at a PC that fails Lampiran II (until they are moved; it cannot be acknowledged away),
 * or a login the desk's record contradicts (not registered, another PC than the seat —
 * until the desk or the proctor resolves it).
 */
export function needsAttention(s: Pick<StationView, 'attention' | 'compliance' | 'participant'> & { integrity?: StationView['integrity'] }): boolean {
  return s.attention.length > 0 || (s.compliance === 'fail' && inUse(s)) || (s.integrity?.length ?? 0) > 0;
}

export function emptyTally(): StationTally {
  return { total: 0, online: 0, degraded: 0, offline: 0, idle: 0, loggedIn: 0, finished: 0, attention: 0, complianceFail: 0 };
}

/** Add one station to a tally (the room page folds its stations in seat order; the server its room). */
export function addToTally(c: StationTally, s: StationView): void {
  c.total++;
  if (isIdleSpare(s)) c.idle++;
  else c[s.state]++;
  if (s.participant?.loggedIn) c.loggedIn++;
  if (s.participant?.finished) c.finished++;
  if (needsAttention(s)) c.attention++;
  if (s.compliance === 'fail' && inUse(s)) c.complianceFail++;
}

export function tallyStations(stations: Iterable<StationView>): StationTally {
  const c = emptyTally();
  for (const s of stations) addToTally(c, s);
  return c;
}
