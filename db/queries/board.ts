/**
 * What the coordinator board (server/live/board.ts) reads from the store on each of its ticks:
 * the venues, and the sessions scheduled in a time window with their counts. Two statements a
 * tick whatever the number of venues or stations: nothing here is asked per venue or per station.
 */
import { sql } from 'drizzle-orm';
import type { VenueKind, VenueTimeZone } from '../../protocol/activity.ts';
import type { SessionStateName } from '../../protocol/session.ts';
import type { Db } from '../client.ts';

export type BoardVenueRecord = { id: number; code: string; name: string; kind: VenueKind; region: string | null; timeZone: VenueTimeZone };

export function boardVenues(db: Db): BoardVenueRecord[] {
  return db.all<BoardVenueRecord>(sql`select id, code, name, kind, region, time_zone as timeZone from venues order by id`);
}

export type BoardSessionRecord = {
  id: number;
  roomId: number;
  venueId: number;
  roomName: string;
  code: string;
  name: string;
  state: SessionStateName;
  scheduledAt: number;
  durationMin: number;
  activityId: number | null;
  agency: string | null;
  /** participants on its roster (null: not read, see `known`) */
  roster: number | null;
  /** registered present by the desk (null: not read) */
  present: number | null;
  /** incidents recorded in it (null: not read) */
  incidents: number | null;
  /** its daftar periksa (Lampiran I.B) is completed */
  checklistDone: number;
};

/**
 * The sessions scheduled in [from, to) with their room's venue, their activity's agency and their
 * counts, in order of their start. One statement: the counts are correlated subqueries over the
 * indexes on session_id (participants, attendance, incidents), and the checklist is keyed by it.
 * The counts of the sessions in `known` are not read (null): the caller has them in memory (a
 * room's current session, whose summary the hub rebuilds on every change).
 */
export function boardSessions(db: Db, from: number, to: number, known: readonly number[] = []): BoardSessionRecord[] {
  const skip = JSON.stringify(known);
  return db.all<BoardSessionRecord>(sql`
    with known(id) as (select value from json_each(${skip}))
    select s.id as id, s.room_id as roomId, r.venue_id as venueId, r.name as roomName, s.code as code, s.name as name, s.state as state,
      s.scheduled_at as scheduledAt, s.duration_min as durationMin, s.activity_id as activityId, a.agency as agency,
      case when s.id in known then null else (select count(*) from participants p where p.session_id = s.id) end as roster,
      case when s.id in known then null else (select count(*) from attendance t where t.session_id = s.id and t.status = 'present') end as present,
      case when s.id in known then null else (select count(*) from incidents i where i.session_id = s.id) end as incidents,
      coalesce((select c.completed_at is not null from session_checklists c where c.session_id = s.id), 0) as checklistDone
    from sessions s
      join rooms r on r.id = s.room_id
      left join activities a on a.id = s.activity_id
    where s.scheduled_at >= ${from} and s.scheduled_at < ${to}
    order by s.scheduled_at, s.id`);
}
