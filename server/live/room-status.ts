/**
 * A room at a glance for the room list (`GET /api/rooms`): the session's stage and its stations
 * online / degraded / offline / needing a look, read from the hub's memory (no database read, a
 * few microseconds per room), with the same rule as the room page (protocol/room-status.ts).
 */
import type { RoomStatus } from '../../protocol/index.ts';
import { emptyTally, addToTally } from '../../protocol/room-status.ts';
import type { RoomLive } from './live-state.ts';

export function roomStatus(room: RoomLive): RoomStatus {
  const stations = emptyTally();
  for (const st of room.stations) addToTally(stations, st.view);
  const s = room.summary;
  return {
    session: s ? { id: s.id, code: s.code, name: s.name, state: s.state, participants: s.counts.participants, present: s.counts.present } : null,
    stations,
    pendingActions: s?.pendingActions ?? 0
  };
}
