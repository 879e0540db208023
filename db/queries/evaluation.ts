/**
 * The facts the monitoring and evaluation report (Perban BKN 4/2024 Pasal 16(4)–(5);
 * server/evaluation/evaluation.service.ts) is computed from: the sessions of a period at a set of
 * venues with their counts and lifecycle moments, and what went wrong in and around them. A
 * handful of statements whatever the period: every count is a correlated subquery over an index on
 * session_id, the station transitions are read per room over transitions_station_at, and the audit
 * rows over audit_action_at. The venues come as a JSON list (one parameter however many).
 */
import { sql } from 'drizzle-orm';
import type { VenueKind, VenueTimeZone } from '../../protocol/activity.ts';
import type { SessionStateName } from '../../protocol/session.ts';
import type { Db } from '../client.ts';

export type EvaluationVenueRecord = { id: number; name: string; kind: VenueKind; region: string | null; timeZone: VenueTimeZone };

/** Every venue, by id (the service cuts them to the caller's scope and the filters). */
export function evaluationVenues(db: Db): EvaluationVenueRecord[] {
  return db.all<EvaluationVenueRecord>(sql`select id, name, kind, region, time_zone as timeZone from venues order by id`);
}

/** Whether an agency has any activity, and at which venues (to tell "outside your scope" from "nothing there"). */
export function agencyVenueIds(db: Db, agency: string): number[] {
  return db.all<{ venueId: number }>(sql`select distinct venue_id as venueId from activities where agency = ${agency}`).map((r) => r.venueId);
}

export type EvaluationSessionRecord = {
  id: number;
  code: string;
  name: string;
  state: SessionStateName;
  roomId: number;
  venueId: number;
  scheduledAt: number;
  durationMin: number;
  startedAt: number | null;
  finishedAt: number | null;
  stateChangedAt: number | null;
  activityId: number | null;
  agency: string | null;
  purpose: string | null;
  lateRegistrationReason: string | null;
  lateRegistrationAt: number | null;
  roster: number;
  present: number;
  /** the first 'open' step (registration opened, Pasal 14(1)d) and the 'finalise' one */
  openedAt: number | null;
  finalisedAt: number | null;
  /** the daftar periksa (Lampiran I.B): when completed; its items only when one is marked tidak_sesuai */
  checklistCompletedAt: number | null;
  checklistUpdatedAt: number | null;
  checklistItemsJson: string | null;
  /** documents issued for it, by kind (any version) */
  baPenyelenggaraan: number;
  baPenundaan: number;
  /** a postponement covers it (its Berita Acara Penundaan was issued before it took effect, Pasal 12(2)f) */
  postponements: number;
};

export type EvaluationSessionFilter = {
  venueIds: readonly number[];
  /** the activity's agency; sessions without an activity are then left out */
  agency?: string | null;
};

/**
 * The sessions scheduled in [fromMs, toMs) at the venues (the caller widens the range by a day on
 * each side and keeps those whose date in their venue's zone is in the period), by start. Read by
 * the period over sessions_scheduled (the cross join keeps SQLite from going by room instead, which
 * would walk every session each room ever held).
 */
export function evaluationSessions(db: Db, fromMs: number, toMs: number, f: EvaluationSessionFilter): EvaluationSessionRecord[] {
  const venues = JSON.stringify(f.venueIds);
  const agency = f.agency ?? null;
  return db.all<EvaluationSessionRecord>(sql`
    with v(id) as (select value from json_each(${venues}))
    select s.id as id, s.code as code, s.name as name, s.state as state, s.room_id as roomId, r.venue_id as venueId,
      s.scheduled_at as scheduledAt, s.duration_min as durationMin, s.started_at as startedAt, s.finished_at as finishedAt,
      s.state_changed_at as stateChangedAt, s.activity_id as activityId, a.agency as agency, a.purpose as purpose,
      s.late_registration_reason as lateRegistrationReason, s.late_registration_at as lateRegistrationAt,
      (select count(*) from participants p where p.session_id = s.id) as roster,
      (select count(*) from attendance t where t.session_id = s.id and t.status = 'present') as present,
      (select min(x.at) from session_transitions x where x.session_id = s.id and x.action = 'open') as openedAt,
      (select max(x.at) from session_transitions x where x.session_id = s.id and x.action = 'finalise') as finalisedAt,
      c.completed_at as checklistCompletedAt, c.updated_at as checklistUpdatedAt,
      case when instr(c.items_json, 'tidak_sesuai') > 0 then c.items_json end as checklistItemsJson,
      (select count(*) from documents d where d.session_id = s.id and d.kind = 'ba_penyelenggaraan') as baPenyelenggaraan,
      (select count(*) from documents d where d.session_id = s.id and d.kind = 'ba_penundaan') as baPenundaan,
      (select count(*) from postponement_sessions ps where ps.session_id = s.id) as postponements
    from sessions s
      cross join rooms r on r.id = s.room_id
      left join activities a on a.id = s.activity_id
      left join session_checklists c on c.session_id = s.id
    where s.scheduled_at >= ${fromMs} and s.scheduled_at < ${toMs}
      and r.venue_id in v
      and (${agency} is null or a.agency = ${agency})
    order by s.scheduled_at, s.id`);
}

/** The sessions as the other statements take them: id, and for the station faults the room and running window. */
export type SessionWindow = { id: number; roomId: number; from: number; to: number };

export type EvaluationIncidentRecord = { id: number; sessionId: number; category: string; description: string; occurredAt: number };

/** The incidents of the sessions (incidents_session index), newest first. */
export function evaluationIncidents(db: Db, sessionIds: readonly number[]): EvaluationIncidentRecord[] {
  return db.all<EvaluationIncidentRecord>(sql`
    select i.id as id, i.session_id as sessionId, i.category as category, i.description as description, i.occurred_at as occurredAt
    from json_each(${JSON.stringify(sessionIds)}) j join incidents i on i.session_id = j.value
    order by i.occurred_at desc, i.id desc`);
}

export type EvaluationPostponementRecord = {
  id: number; sessionId: number; sessionCode: string; venueId: number; agency: string | null; category: string; reason: string; createdAt: number; sessions: number;
};

/**
 * The postponements recorded in [fromMs, toMs) at the venues, counted once each (one may cover
 * several sessions of an activity), at the venue of the session it was acted from. A postponement
 * is rare (one row each): the table is read whole, not per session.
 */
export function evaluationPostponements(db: Db, fromMs: number, toMs: number, venueIds: readonly number[]): EvaluationPostponementRecord[] {
  return db.all<EvaluationPostponementRecord>(sql`
    with v(id) as (select value from json_each(${JSON.stringify(venueIds)}))
    select p.id as id, p.session_id as sessionId, s.code as sessionCode, r.venue_id as venueId, a.agency as agency, p.category as category, p.reason as reason, p.created_at as createdAt,
      (select count(*) from postponement_sessions ps where ps.postponement_id = p.id) as sessions
    from postponements p join sessions s on s.id = p.session_id join rooms r on r.id = s.room_id
      left join activities a on a.id = coalesce(p.activity_id, s.activity_id)
    where p.created_at >= ${fromMs} and p.created_at < ${toMs} and r.venue_id in v
    order by p.created_at desc, p.id desc`);
}

export type StationFaultReason = 'silent' | 'disconnected' | 'latency' | 'bandwidth';
export type EvaluationStationFaultRecord = {
  id: number; sessionId: number; stationCode: string; at: number; reason: StationFaultReason; value: number | null;
};
export type EvaluationStationFaultCount = { sessionId: number; reason: StationFaultReason; count: number };

/**
 * The PCs of each session's room that went silent or lost their connection (to offline), or over Lampiran II's reply time or
 * under its bandwidth, between the session's start and its end; a transition counted once even if
 * two windows of the room overlap. Read per station over transitions_station_at. A bad network
 * makes many of them: they are counted per session and reason in SQL, and only the newest `limit`
 * of each reason come back as rows.
 */
export function evaluationStationFaults(db: Db, windows: readonly SessionWindow[], limit: number): { counts: EvaluationStationFaultCount[]; items: EvaluationStationFaultRecord[] } {
  if (!windows.length) return { counts: [], items: [] };
  const w = JSON.stringify(windows.map((x) => [x.id, x.roomId, x.from, x.to]));
  // one statement, the faults found once (materialized): the counts, then the newest of each reason
  const rows = db.all<{ item: 0 | 1; sessionId: number; reason: StationFaultReason; count: number; id: number; stationCode: string; at: number; value: number | null }>(sql`
    with w(sid, room, a, b) as materialized (
      select json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]') from json_each(${w})
    ),
    f as materialized (
      select t.id as id, min(w.sid) as sessionId, st.code as stationCode, t.at as at, t.reason as reason, t.value as value
      from w join stations st on st.room_id = w.room
        join station_transitions t on t.station_id = st.id and t.at >= w.a and t.at <= w.b
      where (t.reason in ('silent', 'disconnected') and t.to_state = 'offline') or t.reason in ('latency', 'bandwidth')
      group by t.id
    ),
    ranked as (select f.*, row_number() over (partition by reason order by at desc, id desc) as n from f)
    select 0 as item, sessionId, reason, count(*) as count, null as id, null as stationCode, null as at, null as value from f group by sessionId, reason
    union all
    select 1, sessionId, reason, 1, id, stationCode, at, value from ranked where n <= ${limit}`);
  const counts: EvaluationStationFaultCount[] = [];
  const items: EvaluationStationFaultRecord[] = [];
  for (const r of rows) {
    if (r.item === 0) counts.push({ sessionId: r.sessionId, reason: r.reason, count: r.count });
    else items.push({ id: r.id, sessionId: r.sessionId, stationCode: r.stationCode, at: r.at, reason: r.reason, value: r.value });
  }
  return { counts, items: items.sort((x, y) => y.at - x.at || y.id - x.id) };
}

export type EvaluationCorrectionRecord = {
  id: number; sessionId: number; kind: string; number: string; version: number; correctionReason: string | null; issuedAt: number;
};

/** The documents of the sessions issued as a correction (version > 1), newest first (documents_session index). */
export function evaluationCorrections(db: Db, sessionIds: readonly number[]): EvaluationCorrectionRecord[] {
  return db.all<EvaluationCorrectionRecord>(sql`
    select d.id as id, d.session_id as sessionId, d.kind as kind, d.number as number, d.version as version,
      d.correction_reason as correctionReason, d.issued_at as issuedAt
    from json_each(${JSON.stringify(sessionIds)}) j join documents d on d.session_id = j.value
    where d.version > 1
    order by d.issued_at desc, d.id desc`);
}

/** The audit actions the planning stage reads. */
export const PLANNING_AUDIT_ACTIONS = [
  'session.planned', 'session.rescheduled', 'session.resume', 'session.late_registration_allowed', 'participant.import_refused'
] as const;
export type PlanningAuditAction = (typeof PLANNING_AUDIT_ACTIONS)[number];

export type EvaluationAuditRecord = {
  id: number;
  at: number;
  action: PlanningAuditAction;
  venueId: number;
  targetType: string | null;
  targetId: string | null;
  actorName: string | null;
  afterJson: string | null;
  /** the session or activity it is about, with the activity's agency */
  sessionId: number | null;
  sessionCode: string | null;
  agency: string | null;
};

/**
 * The planning stage's audit rows in [fromMs, toMs) at the venues (audit_action_at): a session
 * planned, moved or resumed by an override (its after carries overrideReason), a late registration
 * allowed, a participant file refused. Newest first.
 */
export function evaluationAudit(db: Db, fromMs: number, toMs: number, venueIds: readonly number[]): EvaluationAuditRecord[] {
  return db.all<EvaluationAuditRecord>(sql`
    with v(id) as (select value from json_each(${JSON.stringify(venueIds)}))
    select l.id as id, l.at as at, l.action as action, l.venue_id as venueId, l.target_type as targetType, l.target_id as targetId,
      l.actor_name as actorName, l.after_json as afterJson,
      s.id as sessionId, s.code as sessionCode, coalesce(sa.agency, ta.agency) as agency
    from audit_log l
      left join sessions s on l.target_type = 'session' and s.id = cast(l.target_id as integer)
      left join activities sa on sa.id = s.activity_id
      left join activities ta on l.target_type = 'activity' and ta.id = cast(l.target_id as integer)
    where l.action in ('session.planned', 'session.rescheduled', 'session.resume', 'session.late_registration_allowed', 'participant.import_refused')
      and l.at >= ${fromMs} and l.at < ${toMs}
      and l.venue_id in v
      and (l.action not in ('session.planned', 'session.rescheduled', 'session.resume') or json_extract(l.after_json, '$.overrideReason') is not null)
    order by l.at desc, l.id desc`);
}
