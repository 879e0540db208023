/**
 * Who sat the test must match who the desk let in. The records the berita acara is made
 * from — attendance, seats, logins — must not contradict each other. Perban BKN 4/2024:
 *   Pasal 14(1)e  the team checks each participant against identity card, participant card and name
 *                 before they enter the test room;
 *   Pasal 14(2)a–b the agency registers participants and matches face, participant card and
 *                 identity card (the registration desk);
 *   Pasal 14(1)g  the team directs each participant to their seat;
 *   Pasal 14(1)j  the team makes sure every participant can log in.
 *   Lampiran I.A 1.a registration at the latest 60 minutes before the test (the cut-off).
 * Pure rules: whether a login is admitted, the flags of a room, when an absence may be recorded,
 * and who a start with "mark the rest absent" records absent.
 */
import type {
  AttendanceStatus, IntegrityFlag, ParticipantView, SessionStateName, UnregisteredLoginPolicy
} from '../../protocol/index.ts';
import type { Msg } from '../../protocol/messages/index.ts';
import { lateAfter } from './late-arrival.ts';

// ---------------------------------------------------------------- a login

/**
 * A participant typed the right PIN. `attendance`: the desk's record for their NIP in this
 * session — null when the NIP is not on the session's roster, undefined when the exam application
 * did not say who is logging in (then the login event is checked when it comes). Someone not
 * registered present (expected, absent, or not on the roster) has not passed the identity check
 * (Pasal 14(1)e, 14(2)b): refused, or — where the venue chose flag-only — admitted and flagged.
 */
export type LoginAdmission = 'admit' | 'refuse' | 'flag';

export function admitLogin(attendance: AttendanceStatus | null | undefined, policy: UnregisteredLoginPolicy): LoginAdmission {
  if (attendance === undefined || attendance === 'present') return 'admit';
  return policy === 'flag' ? 'flag' : 'refuse';
}

// ---------------------------------------------------------------- the flags of a room

export type SeatedStation = { id: number; code: string; participant: ParticipantView | null };
/** the desk's seat of each participant of the roster (participant id → station id, null when unseated) */
export type Seats = Map<number, number | null>;
/** a proctor sent a participant who logged in at `stationId` back to their seat; clears that login's flag */
export type SentBack = { participantId: number; stationId: number; loginAt: number };

const keyOf = (p: ParticipantView) => (p.participantId !== null ? `p${p.participantId}` : `n${p.nip}`);
const flag = (kind: IntegrityFlag['kind'], p: ParticipantView, other: SeatedStation | null): IntegrityFlag => ({
  kind, participantId: p.participantId, nip: p.nip, name: p.name,
  otherStationId: other?.id ?? null, otherCode: other?.code ?? null, since: p.loginAt
});

/**
 * The flags of every station of a room, from what the stations show, the desk's seats and the
 * proctors' decisions. A participant is "at" the PC where they last logged in (the newest
 * `loginAt` among the views that carry them):
 *   unregistered  their attendance is not present (or they are not on the roster) — on the PC
 *                 they are at, until the desk registers them;
 *   wrong_pc      the PC they are at is not their seat: the desk seated them elsewhere, or
 *                 (unseated) this PC is another participant's seat — until the seat is moved here
 *                 or they are sent back (a decision naming this login);
 *   seated_here   the mirror of wrong_pc on their seat.
 * Stations without flags are left out of the map.
 */
export function integrityFlags(stations: readonly SeatedStation[], seats: Seats, sentBack: readonly SentBack[]): Map<number, IntegrityFlag[]> {
  const out = new Map<number, IntegrityFlag[]>();
  const add = (id: number, f: IntegrityFlag) => {
    const list = out.get(id);
    if (list) list.push(f);
    else out.set(id, [f]);
  };
  const byId = new Map(stations.map((s) => [s.id, s]));
  // where each participant logged in last
  const at = new Map<string, SeatedStation>();
  for (const s of stations) {
    const p = s.participant;
    if (!p || p.loginAt === null) continue;
    const k = keyOf(p);
    const prev = at.get(k);
    if (!prev || p.loginAt > prev.participant!.loginAt!) at.set(k, s);
  }
  const seatOwners = new Set<number>();
  for (const st of seats.values()) if (st !== null) seatOwners.add(st);

  for (const s of at.values()) {
    const p = s.participant!;
    if (p.attendance !== 'present') add(s.id, flag('unregistered', p, null));
    if (p.participantId === null) continue;
    const seat = seats.get(p.participantId) ?? null;
    if (seat === s.id) continue;
    // unseated: a login at a free PC contradicts nothing; at another participant's seat it does
    if (seat === null && !seatOwners.has(s.id)) continue;
    if (sentBack.some((d) => d.participantId === p.participantId && d.stationId === s.id && d.loginAt >= p.loginAt!)) continue;
    const home = seat === null ? null : byId.get(seat) ?? null;
    add(s.id, flag('wrong_pc', p, home));
    if (home) add(home.id, flag('seated_here', p, s));
  }
  return out;
}

/** The flags as the tile shows them, in a stable order (to compare with the previous ones). */
export const sameFlags = (a: readonly IntegrityFlag[], b: readonly IntegrityFlag[]) => JSON.stringify(a) === JSON.stringify(b);

// ---------------------------------------------------------------- absences

/**
 * Whether the desk may record someone absent now ("Tandai tidak hadir"). Nobody who has logged in
 * is ever absent: they are in the room (Pasal 14(1)j). And before the registration cut-off
 * (scheduled time − 60 minutes, Lampiran I.A 1.a) nobody is absent yet — they may still register
 * on time; once the test has started, the start itself has closed on-time registration.
 */
export function absenceProblem(f: {
  now: number; scheduledAt: number; state: SessionStateName; loggedIn: boolean;
}): { code: 'logged_in' | 'before_cutoff'; msg: Msg; cutoff: number } | null {
  const cutoff = lateAfter(f.scheduledAt);
  if (f.loggedIn) {
    return { code: 'logged_in', cutoff, msg: { code: 'absent.loggedIn' } };
  }
  if (f.state !== 'running' && f.now <= cutoff) {
    return { code: 'before_cutoff', cutoff, msg: { code: 'absent.beforeCutoff' } };
  }
  return null;
}

/**
 * The start with "mark the rest absent" (Pasal 14(2)): everyone on the roster the desk has not
 * recorded — except whoever has logged in at a PC (they are here; the desk registers them).
 */
export function absentAtStart(unrecorded: readonly number[], loggedIn: ReadonlySet<number>): { absent: number[]; loggedIn: number[] } {
  return { absent: unrecorded.filter((id) => !loggedIn.has(id)), loggedIn: unrecorded.filter((id) => loggedIn.has(id)) };
}
