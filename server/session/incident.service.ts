/**
 * Incidents (kejadian) and others let into the room (Pasal 14(1)k). Edits never overwrite: the
 * replaced text is kept as a revision. Both feed the berita acara penyelenggaraan (Lampiran I.C.1).
 */
import { participantOf } from '../../db/queries/attendance.ts';
import { incidentById, incidentHistory, insertIncident, listIncidents, reviseIncident } from '../../db/queries/incidents.ts';
import { insertVisitor, listVisitors, visitorOut } from '../../db/queries/visitors.ts';
import type { IncidentCategory, IncidentInput, IncidentRevision, IncidentRow, VisitorRow } from '../../protocol/index.ts';
import type { incidentEditSchema, visitorInSchema } from '../../protocol/index.ts';
import type { z } from 'zod';
import { audit, refuse, requireState, type Act, type Refusal, type Result, type SessionDeps, type SessionRef } from './context.ts';

/**
 * Once finalised, the berita acara listing these is signed and does not change (a correction is a
 * new document): incidents and visitors are then a closed record.
 */
const OPEN_RECORD = ['scheduled', 'preparation', 'open', 'running', 'finished', 'postponed'] as const;
const closed = (ref: SessionRef) => requireState(ref, OPEN_RECORD, { en: 'Recording in the session', id: 'Pencatatan pada sesi' });

/** The participant and station named must belong to this session and its room. */
function checkRefs(deps: SessionDeps, ref: SessionRef, participantId: number | null | undefined, stationId: number | null | undefined): Refusal | null {
  if (participantId != null && !participantOf(deps.db, ref.session.id, participantId)) {
    return refuse('NOT_FOUND', `participant ${participantId} is not in this session`, 'peserta tidak ada di sesi ini', [{ path: 'participantId', message: 'not in this session' }]);
  }
  if (stationId != null) {
    const st = deps.hub.stations.get(stationId);
    if (!st || st.room.info.id !== ref.roomId) return refuse('NOT_FOUND', `station ${stationId} is not in this room`, 'PC tidak ada di ruang ini', [{ path: 'stationId', message: 'not in this room' }]);
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
  if (!prev) return refuse('NOT_FOUND', 'no such incident', 'kejadian tidak ditemukan');
  if (prev.version !== input.version) {
    return refuse('CONFLICT', `someone else changed this incident (now version ${prev.version}); reload it`, `kejadian ini sudah diubah orang lain (versi ${prev.version}); muat ulang`);
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

/** Which session an incident belongs to (PATCH /incidents/:id is addressed by the incident alone). */
export const incidentSession = (deps: SessionDeps, id: number) => incidentById(deps.db, id)?.sessionId;

export function visitorIn(deps: SessionDeps, act: Act, ref: SessionRef, v: z.infer<typeof visitorInSchema>, now = Date.now()): Result<{ visitor: VisitorRow }> {
  const frozen = closed(ref);
  if (frozen) return frozen;
  const { db, hub } = deps;
  const id = db.transaction(() => {
    const id = insertVisitor(db, { sessionId: ref.session.id, name: v.name, affiliation: v.affiliation, purpose: v.purpose, inAt: v.inAt ?? now, recordedBy: act.userId });
    audit(db, act, { action: 'visitor.entered', venueId: ref.venueId, targetType: 'visitor', targetId: id, after: { name: v.name, affiliation: v.affiliation, purpose: v.purpose } });
    return id;
  });
  hub.publishSession(ref.roomId, ['visitors'], {}, now);
  return { ok: true, visitor: listVisitors(db, ref.session.id, id)[0] };
}

export function visitorLeft(deps: SessionDeps, act: Act, ref: SessionRef, id: number, outAt: number | undefined, now = Date.now()): Result<{ visitor: VisitorRow }> {
  const frozen = closed(ref);
  if (frozen) return frozen;
  const { db, hub } = deps;
  const known = listVisitors(db, ref.session.id, id)[0];
  if (!known) return refuse('NOT_FOUND', 'no such visitor in this session', 'tamu tidak tercatat di sesi ini');
  if (known.outAt !== null) return refuse('CONFLICT', 'this visitor already left', 'tamu ini sudah tercatat keluar');
  const at = outAt ?? now;
  if (at < known.inAt) return refuse('INVALID_PAYLOAD', 'the time out is before the time in', 'waktu keluar sebelum waktu masuk', [{ path: 'outAt', message: 'before time in' }]);
  if (at > now + 2 * 60_000) return refuse('INVALID_PAYLOAD', 'the time out is in the future', 'waktu keluar di masa depan', [{ path: 'outAt', message: 'in the future' }]);
  db.transaction(() => {
    visitorOut(db, ref.session.id, id, at);
    audit(db, act, { action: 'visitor.left', venueId: ref.venueId, targetType: 'visitor', targetId: id, after: { name: known.name, outAt: at } });
  });
  hub.publishSession(ref.roomId, ['visitors'], {}, now);
  return { ok: true, visitor: listVisitors(db, ref.session.id, id)[0] };
}
