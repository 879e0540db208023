/** Incidents (kejadian) of a session, and the history of their edits. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { IncidentCategory, IncidentRevision, IncidentRow } from '../../protocol/index.ts';
import type { Db } from '../client.ts';
import { incidentRevisions, incidents, participants, stations, users } from '../schema.ts';

export type IncidentFilter = { category?: IncidentCategory; stationId?: number; participantId?: number; id?: number };

export function listIncidents(db: Db, sessionId: number, f: IncidentFilter = {}): IncidentRow[] {
  return db
    .select({
      id: incidents.id, sessionId: incidents.sessionId, category: incidents.category, participantId: incidents.participantId,
      participantName: participants.name, participantNip: participants.nip, stationId: incidents.stationId, stationCode: stations.code,
      occurredAt: incidents.occurredAt, description: incidents.description, actionTaken: incidents.actionTaken,
      reporter: sql<string>`coalesce(${users.name}, 'system')`, createdAt: incidents.createdAt, updatedAt: incidents.updatedAt, version: incidents.version
    })
    .from(incidents)
    .leftJoin(participants, eq(participants.id, incidents.participantId))
    .leftJoin(stations, eq(stations.id, incidents.stationId))
    .leftJoin(users, eq(users.id, incidents.reporterId))
    .where(and(
      eq(incidents.sessionId, sessionId),
      f.id === undefined ? undefined : eq(incidents.id, f.id),
      f.category ? eq(incidents.category, f.category) : undefined,
      f.stationId ? eq(incidents.stationId, f.stationId) : undefined,
      f.participantId ? eq(incidents.participantId, f.participantId) : undefined
    ))
    .orderBy(desc(incidents.occurredAt), desc(incidents.id))
    .limit(1000)
    .all() as IncidentRow[];
}

export function incidentById(db: Db, id: number) {
  return db.select().from(incidents).where(eq(incidents.id, id)).get();
}

export function countIncidents(db: Db, sessionId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(incidents).where(eq(incidents.sessionId, sessionId)).get()?.n ?? 0;
}

export function insertIncident(db: Db, v: typeof incidents.$inferInsert): number {
  return db.insert(incidents).values(v).returning({ id: incidents.id }).get().id;
}

/** Keep the text being replaced as a revision, then write the new one (caller checked the version). */
export function reviseIncident(
  db: Db,
  id: number,
  prev: { version: number; data: IncidentRevision['data'] },
  next: Partial<typeof incidents.$inferInsert>,
  at: number,
  by: number | null,
  reason: string | null
) {
  db.insert(incidentRevisions).values({ incidentId: id, version: prev.version, at, by, reason, dataJson: JSON.stringify(prev.data) }).run();
  db.update(incidents).set({ ...next, version: prev.version + 1, updatedAt: at }).where(eq(incidents.id, id)).run();
}

/** Earlier versions, oldest first; `at`/`by` say who replaced that version and when. */
export function incidentHistory(db: Db, id: number): IncidentRevision[] {
  return db
    .select({ version: incidentRevisions.version, at: incidentRevisions.at, by: sql<string>`coalesce(${users.name}, 'system')`, reason: incidentRevisions.reason, dataJson: incidentRevisions.dataJson })
    .from(incidentRevisions)
    .leftJoin(users, eq(users.id, incidentRevisions.by))
    .where(eq(incidentRevisions.incidentId, id))
    .orderBy(asc(incidentRevisions.version))
    .all()
    .map(({ dataJson, ...r }) => ({ ...r, data: JSON.parse(dataJson) as IncidentRevision['data'] }));
}
