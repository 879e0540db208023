/**
 * Incidents (kejadian): recorded, edited with the replaced text kept as a revision (edits never
 * overwrite). They feed the berita acara penyelenggaraan (Lampiran I.C.1). Others let into the
 * room (Pasal 14(1)k) are in visitor.service.ts.
 */
import { participantOf } from '../../db/queries/attendance.ts';
import { incidentById, incidentHistory, insertIncident, listIncidents, reviseIncident } from '../../db/queries/incidents.ts';
import type { IncidentCategory, IncidentInput, IncidentRevision, IncidentRow } from '../../protocol/index.ts';
import type { incidentEditSchema } from '../../protocol/schemas/index.ts';
import type { z } from 'zod';
import { audit, recordClosed as closed, refuse, type Act, type Refusal, type Result, type SessionDeps, type SessionRef } from './context.ts';
import { issueAt, msg } from '../../protocol/messages/index.ts';

/** The participant and station named must belong to this session and its room. */
function checkRefs(deps: SessionDeps, ref: SessionRef, participantId: number | null | undefined, stationId: number | null | undefined): Refusal | null {
  if (participantId != null && !participantOf(deps.db, ref.session.id, participantId)) {
    return refuse('NOT_FOUND', msg('participant.notInSession', { id: participantId }), [issueAt('participantId', msg('issue.notInSession'))]);
  }
  if (stationId != null) {
    const st = deps.hub.stations.get(stationId);
    if (!st || st.room.info.id !== ref.roomId) return refuse('NOT_FOUND', msg('station.notInRoom', { id: stationId }), [issueAt('stationId', msg('issue.notInRoom'))]);
  }
  return null;
}

const content = (r: IncidentRow): IncidentRevision['data'] => ({
  category: r.category, participantId: r.participantId, participantName: r.participantName, participantNip: r.participantNip,
  stationId: r.stationId, stationCode: r.stationCode, occurredAt: r.occurredAt, description: r.description, actionTaken: r.actionTaken, reporter: r.reporter
});
const one = (deps: SessionDeps, sessionId: number, id: number) => listIncidents(deps.db, sessionId, { id })[0];

export function recordIncident(deps: SessionDeps, act: Act, ref: SessionRef, input: IncidentInput, now = Date.now()): Result<{ incident: IncidentRow }> {
  const bad = closed(ref) ?? checkRefs(deps, ref, input.participantId, input.stationId);
  if (bad) return bad;
  const { db, hub } = deps;
  const id = db.transaction(() => {
    const id = insertIncident(db, {
      sessionId: ref.session.id, category: input.category, participantId: input.participantId ?? null, stationId: input.stationId ?? null,
      occurredAt: input.occurredAt ?? now, description: input.description, actionTaken: input.actionTaken ?? '', reporterId: act.userId, createdAt: now, updatedAt: now
    });
    audit(db, act, { action: 'incident.recorded', venueId: ref.venueId, targetType: 'incident', targetId: id, after: { category: input.category, participantId: input.participantId ?? null, stationId: input.stationId ?? null } });
    return id;
  });
  hub.publishSession(ref.roomId, ['incidents'], {}, now);
  return { ok: true, incident: one(deps, ref.session.id, id) };
}

export function editIncident(deps: SessionDeps, act: Act, ref: SessionRef, id: number, input: z.infer<typeof incidentEditSchema>, now = Date.now()): Result<{ incident: IncidentRow }> {
  const { db, hub } = deps;
  const frozen = closed(ref);
  if (frozen) return frozen;
  const prev = one(deps, ref.session.id, id);
  if (!prev) return refuse('NOT_FOUND', msg('incident.notFound'));
  if (prev.version !== input.version) {
    return refuse('CONFLICT', msg('incident.conflict', { version: prev.version }));
  }
  const bad = checkRefs(deps, ref, input.participantId, input.stationId);
  if (bad) return bad;
  const { version: _v, reason, ...fields } = input;
  const next = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<{ category: IncidentCategory; participantId: number | null; stationId: number | null; occurredAt: number; description: string; actionTaken: string }>;
  db.transaction(() => {
    reviseIncident(db, id, { version: prev.version, data: content(prev) }, next, now, act.userId, reason ?? null);
    audit(db, act, { action: 'incident.edited', venueId: ref.venueId, targetType: 'incident', targetId: id, before: { version: prev.version }, after: { ...next, reason: reason ?? null } });
  });
  hub.publishSession(ref.roomId, ['incidents'], {}, now);
  return { ok: true, incident: one(deps, ref.session.id, id) };
}

export function incidentWithHistory(deps: SessionDeps, ref: SessionRef, id: number) {
  const incident = one(deps, ref.session.id, id);
  return incident ? { incident, revisions: incidentHistory(deps.db, id) } : null;
}

/** A session's incidents, filtered by category, station or participant. */
export const incidentsOf = (deps: SessionDeps, ref: SessionRef, filter: { category?: IncidentCategory; stationId?: number; participantId?: number }) =>
  listIncidents(deps.db, ref.session.id, filter);

/** Which session an incident belongs to (PATCH /incidents/:id is addressed by the incident alone). */
export const incidentSession = (deps: SessionDeps, id: number) => incidentById(deps.db, id)?.sessionId;
