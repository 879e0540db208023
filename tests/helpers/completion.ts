/**
 * Session records written straight into the database for tests that need a session in a state
 * the API reaches only through a whole walk (finished, finalised): a room of its own (no stations,
 * so the live hub does not show it), the session, its roster with the desk's record, and —
 * optionally — an incident and a visitor. For the completion routes and the finalised-session door.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { attendance, incidents, participantEvents, participants, roomVisitors, rooms, sessions, stations } from '../../db/schema.ts';
import type { SessionStateName } from '../../protocol/index.ts';

export type RecordPerson = { nip: string; name: string; attendance: 'present' | 'absent' | 'expected' };

export function insertSessionRecord(
  db: Db,
  o: {
    venueId: number; code: string; state: SessionStateName; people: RecordPerson[]; incident?: boolean; visitor?: boolean; at?: number;
    /**
     * the first one present logged in at a PC of the room (a station and a login event), and the
     * reason everyone who did not complete left is recorded: a finished session that may be finalised
     */
    started?: boolean;
  }
) {
  const at = o.at ?? Date.now() - 4 * 3600_000;
  return db.transaction((tx) => {
    const room = tx.insert(rooms).values({ venueId: o.venueId, code: o.code, name: `Ruang ${o.code}`, rows: 1, cols: 1 }).returning().get();
    const started = ['running', 'finished', 'finalised'].includes(o.state);
    const session = tx.insert(sessions).values({
      roomId: room.id, code: `${o.code}-S1`, name: `Sesi ${o.code}`, state: o.state, scheduledAt: at, durationMin: 180,
      startedAt: started ? at : null, finishedAt: ['finished', 'finalised'].includes(o.state) ? at + 3 * 3600_000 : null, stateChangedAt: at + 3 * 3600_000
    }).returning().get();
    const pids = o.people.map((p, i) => {
      const row = tx.insert(participants).values({
        sessionId: session.id, nip: p.nip, name: p.name, instansi: 'Instansi A', nomorPeserta: `${o.code}-${String(i + 1).padStart(3, '0')}`
      }).returning().get();
      if (p.attendance !== 'expected') {
        tx.insert(attendance).values({ participantId: row.id, sessionId: session.id, status: p.attendance, arrivedAt: p.attendance === 'present' ? at - 3600_000 : null, recordedAt: at - 3600_000 }).run();
      }
      return row.id;
    });
    if (o.started) {
      const st = tx.insert(stations).values({ roomId: room.id, code: `${o.code}-A01`, row: 1, col: 1 }).returning().get();
      const first = o.people.findIndex((p) => p.attendance === 'present');
      if (first >= 0) {
        tx.insert(participantEvents).values({
          stationId: st.id, stream: `rec-${o.code}`, seq: 1, at: at + 60_000, agentAt: at + 60_000, receivedAt: at + 60_000, sessionId: session.id,
          participantId: pids[first], type: 'login', dataJson: JSON.stringify({ nip: o.people[first].nip })
        }).run();
      }
      o.people.forEach((p, i) => tx.update(participants).set({ nonCompletionReason: p.attendance === 'absent' ? 'absent' : 'technical', nonCompletionAt: at + 3 * 3600_000 }).where(eq(participants.id, pids[i])).run());
    }
    const incidentId = o.incident
      ? tx.insert(incidents).values({ sessionId: session.id, category: 'power_failure', occurredAt: at + 600_000, description: 'Listrik padam 2 menit.', actionTaken: 'UPS menyala.', createdAt: at + 600_000, updatedAt: at + 600_000 }).returning().get().id
      : null;
    const visitorId = o.visitor
      ? tx.insert(roomVisitors).values({ sessionId: session.id, name: 'Tamu Monitoring', affiliation: 'BKN Pusat', purpose: 'monitoring', inAt: at + 900_000, outAt: at + 1200_000 }).returning().get().id
      : null;
    return { roomId: room.id, sessionId: session.id, pids, incidentId, visitorId };
  });
}
