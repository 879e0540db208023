/**
 * Where the participants of a room's current session are logged in, and what of it the desk's
 * record contradicts (the desk, the participant list and the agency's view show the PC
 * used, not only the desk's seat). From the hub's memory, no query.
 */
import type { IntegrityKind } from '../../protocol/index.ts';
import { whereIs, type RoomLive } from './live-state.ts';

export type LoginInfo = { stationId: number | null; code: string | null; integrity: IntegrityKind[] };

export function loginsOf(room: RoomLive, participantIds: readonly number[]): Map<number, LoginInfo> {
  const flagged = new Map<number, Set<IntegrityKind>>();
  for (const st of room.stations) {
    for (const f of st.view.integrity) {
      if (f.participantId === null || f.kind === 'seated_here') continue;
      const set = flagged.get(f.participantId) ?? new Set<IntegrityKind>();
      set.add(f.kind);
      flagged.set(f.participantId, set);
    }
  }
  const out = new Map<number, LoginInfo>();
  for (const pid of participantIds) {
    const st = whereIs(room, pid);
    const logged = !!st?.view.participant?.loggedIn;
    out.set(pid, { stationId: logged ? st!.view.id : null, code: logged ? st!.view.code : null, integrity: [...(flagged.get(pid) ?? [])] });
  }
  return out;
}
