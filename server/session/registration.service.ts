/**
 * The registration desk (Perban BKN 4/2024 Pasal 14(2)): the participant import, arrivals with
 * the identity check, absences, and seats. An agency operator works on its own agency's people
 * only (Pasal 3: confidentiality); the Tim Penyelenggara on everyone.
 */
import {
  agencyOfNips, attendanceRows, importParticipants, nomorConflicts, participantAtStation, participantOf, seatParticipant, upsertAttendance
} from '../../db/queries/attendance.ts';
import { isLate, lateAfter } from '../domain/late-arrival.ts';
import { fileKind, parseParticipantFile } from '../domain/participant-import.ts';
import { importError } from '../domain/participant-import-validate.ts';
import { WORK_STATES, type AttendanceResponse, type AttendanceRow, type CheckInInput, type ImportError, type ImportResult, type SessionStateName } from '../../protocol/index.ts';
import { attendanceCounts } from '../../db/queries/attendance.ts';
import { audit, isCurrent, loadSessionRef, refuse, requireState, type Act, type Refusal, type Result, type SessionDeps, type SessionRef } from './context.ts';
import { moveActions } from '../../db/queries/participant-actions.ts';
import { insertLoginDecision, loggedInParticipants } from '../../db/queries/login-decisions.ts';
import { absenceProblem } from '../domain/attendance-integrity.ts';
import { loginsOf } from '../live/logins.ts';
import { issueAt, msg, refusalWords, type IdentityCheck } from '../../protocol/messages/index.ts';
import { getActivity } from '../../db/queries/activities.ts';
import { activityRowErrors, auditImportRefused, registrationAudit, registrationLead } from '../activity/activity-import.service.ts';
import type { ImportFailure } from '../../protocol/routes.ts';

/** The three identity checks at the desk (Pasal 14(2)b: identity card, participant card, face). */
const IDENTITY_CHECKS: readonly IdentityCheck[] = ['idCard', 'participantCard', 'faceMatch'];

/** how far a typed arrival time may be ahead of the server's clock (a desk laptop a little fast) */
const ARRIVAL_SKEW_MS = 2 * 60_000;

/** Whose participants the caller may touch: undefined = all; a string = that agency; null = none. */
export type AgencyLimit = string | null | undefined;


/**
 * A session's participant file. A session of an activity keeps the activity's rules: nobody in two
 * of its sessions, a nomor peserta naming one person across it, and for ProASN the registration
 * lead time (SE BKN 6/2026 §5.i.2.d), unless a koordinator has made an exception for the session.
 */
export async function importFile(
  deps: SessionDeps, act: Act, ref: SessionRef, data: Buffer, contentType: string | undefined, agency: AgencyLimit, now = Date.now()
): Promise<ImportResult | ReturnType<typeof refuse>> {
  const bad = requireState(ref, WORK_STATES.import, 'import');
  if (bad) return bad;
  const activity = ref.session.activityId !== null ? getActivity(deps.db, ref.session.activityId) : undefined;
  const kind = fileKind(contentType, data);
  // a file refused (nothing saved) is recorded for the monitoring and evaluation report (Pasal 16(4))
  const refused = <T extends ImportFailure | Refusal>(out: T): T => {
    auditImportRefused(deps.db, act, { venueId: ref.venueId, targetType: 'session', targetId: ref.session.id }, out, kind ?? null, now);
    return out;
  };
  const lead = activity ? registrationLead(deps.db, activity, ref.session, now) : null;
  if (lead && !lead.ok) return refused(lead);
  if (!kind) return refused(refuse('INVALID_PAYLOAD', msg('import.notCsvOrXlsx')));
  const parsed = await parseParticipantFile(data, kind);
  if (!parsed.ok) return refused({ ok: false, code: 'INVALID_PAYLOAD', ...refusalWords('INVALID_PAYLOAD', msg('import.hasErrors')), errors: parsed.errors, rows: parsed.rows });
  const errors: ImportError[] = [];
  if (agency !== undefined) {
    // an agency's operator adds and updates its own people only: not another agency's row, and
    // not another agency's participant re-labelled as its own (that would hand it their record)
    const others = agencyOfNips(deps.db, ref.session.id);
    for (const r of parsed.rows) {
      if (r.instansi !== agency) errors.push(importError(r.row, 'instansi', msg('import.otherAgency', { agency: agency ?? undefined })));
      else if (others.has(r.nip) && others.get(r.nip) !== agency) {
        errors.push(importError(r.row, 'nip', msg('import.nipOtherAgency')));
      }
    }
  }
  for (const r of nomorConflicts(deps.db, ref.session.id, parsed.rows)) {
    errors.push(importError(r.row, 'nomor_peserta', msg('import.nomorUsed', { nomor: r.nomorPeserta })));
  }
  if (activity) errors.push(...activityRowErrors(deps.db, activity.id, ref.session.id, parsed.rows));
  if (errors.length) return refused({ ok: false, code: 'INVALID_PAYLOAD', ...refusalWords('INVALID_PAYLOAD', msg('import.hasErrors')), errors, rows: parsed.rows.length });
  const { db, hub } = deps;
  // parsing took time: the session may have moved on meanwhile (a file arriving after the start
  // would add people the start has already accounted for)
  const fresh = loadSessionRef(db, ref.session.id);
  const late = fresh ? requireState(fresh, WORK_STATES.import, 'import') : refuse('NOT_FOUND', msg('session.notFound'));
  if (late) return late;
  const r = db.transaction(() => {
    const counts = importParticipants(db, ref.session.id, parsed.rows, now);
    audit(db, act, {
      action: 'participant.imported', venueId: ref.venueId, targetType: 'session', targetId: ref.session.id,
      after: { ...counts, rows: parsed.rows.length, kind, ...registrationAudit(lead) }
    });
    return counts;
  });
  hub.publishSession(ref.roomId, ['participants', 'attendance'], { reload: true }, now);
  return { ok: true, ...r };
}

export function attendanceOf(deps: SessionDeps, ref: SessionRef, agency: AgencyLimit): AttendanceResponse {
  const rows = attendanceRows(deps.db, ref.session.id, agency);
  const counts = agency === undefined
    ? attendanceCounts(deps.db, ref.session.id)
    : {
        total: rows.length, present: rows.filter((r) => r.status === 'present').length, absent: rows.filter((r) => r.status === 'absent').length,
        expected: rows.filter((r) => r.status === 'expected').length, late: rows.filter((r) => r.status === 'present' && r.late).length
      };
  const s = ref.session;
  return {
    session: { id: s.id, code: s.code, name: s.name, state: s.state as SessionStateName, scheduledAt: s.scheduledAt },
    lateAfter: lateAfter(s.scheduledAt),
    rows: withLogins(deps, ref, rows),
    counts
  };
}

/**
 * Where each participant is logged in now and what does not match the desk (a login at
 * another PC shows in the desk's list too, not only on the tiles). The room's current session only.
 */
function withLogins(deps: SessionDeps, ref: SessionRef, rows: AttendanceRow[]): AttendanceRow[] {
  const room = deps.hub.rooms.get(ref.roomId);
  if (!room || !isCurrent(deps, ref)) return rows;
  const logins = loginsOf(room, rows.map((r) => r.participantId));
  return rows.map((r) => {
    const l = logins.get(r.participantId);
    return l ? { ...r, loginStationId: l.stationId, loginStationCode: l.code, integrity: l.integrity } : r;
  });
}

function findParticipant(deps: SessionDeps, ref: SessionRef, participantId: number, agency: AgencyLimit) {
  const p = participantOf(deps.db, ref.session.id, participantId);
  // another agency's participant is answered like a missing one: its existence is not disclosed
  if (!p || (agency !== undefined && p.instansi !== agency)) return null;
  return p;
}
/** Whether the participant has logged in (only the room's current session has anyone on its stations). */
const hasStarted = (deps: SessionDeps, ref: SessionRef, participantId: number) =>
  isCurrent(deps, ref) && deps.hub.stationOfParticipant(ref.roomId, participantId)?.view.participant?.startedAt != null;

const notFound = () => refuse('NOT_FOUND', msg('participant.notFound'));
const rowOf = (deps: SessionDeps, ref: SessionRef, pid: number) => withLogins(deps, ref, attendanceRows(deps.db, ref.session.id, undefined, pid))[0];

/** Check the station is a seat of this room and free (or already this participant's). */
function checkSeat(deps: SessionDeps, ref: SessionRef, participantId: number, stationId: number) {
  const st = deps.hub.stations.get(stationId);
  if (!st || st.room.info.id !== ref.roomId) return refuse('NOT_FOUND', msg('station.notInRoom', { id: stationId }));
  const there = participantAtStation(deps.db, ref.session.id, stationId);
  if (there && there.id !== participantId) return refuse('CONFLICT', msg('seat.taken', { code: st.view.code, name: there.name }));
  return null;
}

/**
 * Register an arrival. All three identity checks must pass (Pasal 14(2)b: face, participant card
 * and identity card match); an arrival under 60 minutes before the test is flagged late (Lampiran I.A 1.a).
 */
export function checkIn(deps: SessionDeps, act: Act, ref: SessionRef, participantId: number, input: CheckInInput, agency: AgencyLimit, now = Date.now()): Result<{ row: AttendanceRow }> {
  const bad = requireState(ref, WORK_STATES.desk, 'desk');
  if (bad) return bad;
  const p = findParticipant(deps, ref, participantId, agency);
  if (!p) return notFound();
  const failed = IDENTITY_CHECKS.filter((c) => !input[c]);
  if (failed.length) {
    return refuse('INVALID_PAYLOAD', msg('checkin.identityIncomplete', { failed }), failed.map((f) => issueAt(f, msg('issue.mustBeChecked'))));
  }
  const seat = input.stationId ?? null;
  if (seat !== null && seat !== p.stationId) {
    const refused = checkSeat(deps, ref, participantId, seat);
    if (refused) return refused;
    // someone already at work is moved with a reason, through the seat route, not by registering again
    if (hasStarted(deps, ref, participantId)) {
      return refuse('INVALID_PAYLOAD', msg('checkin.started'), [issueAt('stationId', msg('issue.started'))]);
    }
  }
  // The desk may correct the arrival time (someone registered a few minutes after they came), but
  // not into the future, and a second registration keeps the first arrival: the 60-minute rule
  // (Lampiran I.A 1.a) cannot be undone by registering again with an earlier time.
  if (input.arrivedAt !== undefined && input.arrivedAt > now + ARRIVAL_SKEW_MS) {
    return refuse('INVALID_PAYLOAD', msg('checkin.arrivalInFuture'), [issueAt('arrivedAt', msg('issue.inFuture'))]);
  }
  const before = attendanceRows(deps.db, ref.session.id, undefined, participantId)[0];
  const arrivedAt = before?.status === 'present' && before.arrivedAt !== null ? before.arrivedAt : input.arrivedAt ?? now;
  const late = isLate(arrivedAt, ref.session.scheduledAt);
  const { db, hub } = deps;
  db.transaction(() => {
    upsertAttendance(db, {
      participantId, sessionId: ref.session.id, status: 'present', arrivedAt, idCard: true, participantCard: true, faceMatch: true,
      late, note: input.note ?? null, recordedAt: now, recordedBy: act.userId
    });
    if (seat !== null && seat !== p.stationId) {
      seatParticipant(db, { sessionId: ref.session.id, participantId, from: p.stationId, to: seat, reason: 'penempatan saat registrasi', at: now, by: act.userId });
    }
    audit(db, act, { action: 'participant.checked_in', venueId: ref.venueId, targetType: 'participant', targetId: participantId, after: { nip: p.nip, arrivedAt, late, stationId: seat ?? p.stationId } });
  });
  // another session of the room (tomorrow's) is not on the room's stations: memory stays as it is
  if (isCurrent(deps, ref)) {
    hub.setAttendance(ref.roomId, participantId, p.nip, 'present', late);
    if (seat !== null && seat !== p.stationId) hub.seat(ref.roomId, participantId, p.nip, seat);
  }
  hub.publishSession(ref.roomId, ['attendance'], {}, now);
  return { ok: true, row: rowOf(deps, ref, participantId) };
}

export function markAbsent(deps: SessionDeps, act: Act, ref: SessionRef, participantId: number, note: string | undefined, agency: AgencyLimit, now = Date.now()): Result<{ row: AttendanceRow }> {
  const bad = requireState(ref, WORK_STATES.desk, 'absent');
  if (bad) return bad;
  const p = findParticipant(deps, ref, participantId, agency);
  if (!p) return notFound();
  // someone who has logged in at a PC is here: the minutes must never count them "tidak hadir"; and
  // before the registration cut-off nobody is absent yet (Lampiran I.A 1.a)
  const problem = absenceProblem({
    now, scheduledAt: ref.session.scheduledAt, state: ref.session.state as SessionStateName,
    loggedIn: hasStarted(deps, ref, participantId) || loggedInParticipants(deps.db, ref.session.id, [participantId]).has(participantId)
  });
  if (problem) return refuse('INVALID_STATE', problem.msg);
  const { db, hub } = deps;
  db.transaction(() => {
    upsertAttendance(db, { participantId, sessionId: ref.session.id, status: 'absent', arrivedAt: null, late: false, note: note ?? null, recordedAt: now, recordedBy: act.userId });
    audit(db, act, { action: 'participant.marked_absent', venueId: ref.venueId, targetType: 'participant', targetId: participantId, after: { nip: p.nip, note: note ?? null } });
  });
  if (isCurrent(deps, ref)) hub.setAttendance(ref.roomId, participantId, p.nip, 'absent', false);
  hub.publishSession(ref.roomId, ['attendance'], {}, now);
  return { ok: true, row: rowOf(deps, ref, participantId) };
}

/**
 * Seat a participant, or move one to another PC (e.g. a spare one after a failure). Whoever has
 * already started keeps their progress, and the move needs a reason: it goes into the record.
 */
export function seat(deps: SessionDeps, act: Act, ref: SessionRef, participantId: number, stationId: number, reason: string | undefined, now = Date.now()): Result<{ row: AttendanceRow }> {
  const bad = requireState(ref, WORK_STATES.seat, 'seat');
  if (bad) return bad;
  const p = findParticipant(deps, ref, participantId, undefined);
  if (!p) return notFound();
  if (p.stationId === stationId) return { ok: true, row: rowOf(deps, ref, participantId) };
  const refused = checkSeat(deps, ref, participantId, stationId);
  if (refused) return refused;
  const { db, hub } = deps;
  const started = hasStarted(deps, ref, participantId);
  if (started && !reason) {
    return refuse('INVALID_PAYLOAD', msg('seat.reasonNeeded'), [issueAt('reason', msg('issue.required'))]);
  }
  const to = hub.stations.get(stationId)!;
  const moved = db.transaction(() => {
    seatParticipant(db, { sessionId: ref.session.id, participantId, from: p.stationId, to: stationId, reason: reason ?? 'penempatan kursi', at: now, by: act.userId });
    const moved = moveActions(db, ref.session.id, participantId, stationId);
    audit(db, act, {
      action: p.stationId === null ? 'participant.seated' : 'participant.moved', venueId: ref.venueId, targetType: 'participant', targetId: participantId,
      before: { stationId: p.stationId }, after: { stationId, code: to.view.code, reason: reason ?? null, started, actionsMoved: moved.map((c) => c.id) }
    });
    return moved;
  });
  if (isCurrent(deps, ref)) {
    hub.seat(ref.roomId, participantId, p.nip, stationId);
    // what was waiting for the old PC (often dead: the reason for the move) goes to the new one
    for (const cmd of moved) {
      hub.movePending(cmd.id, stationId);
      deps.emitter.stationCommand(stationId, cmd);
    }
  }
  hub.publishSession(ref.roomId, ['attendance', ...(moved.length ? (['actions'] as const) : [])], {}, now);
  return { ok: true, row: rowOf(deps, ref, participantId) };
}

/**
 * A participant logged in at a PC other than their seat (Pasal 14(1)g: the team directs
 * where each one sits): the proctor sends them back to their seat. The decision is recorded and
 * clears the flag of that login; a new login there flags again. Moving the seat to the PC used
 * instead goes through `seat` with a reason.
 */
export function sendBack(deps: SessionDeps, act: Act, ref: SessionRef, participantId: number, stationId: number, note: string | undefined, now = Date.now()): Result<{ row: AttendanceRow }> {
  const bad = requireState(ref, WORK_STATES.seat, 'sendBack');
  if (bad) return bad;
  const p = findParticipant(deps, ref, participantId, undefined);
  if (!p) return notFound();
  const st = deps.hub.stations.get(stationId);
  const view = isCurrent(deps, ref) && st?.room.info.id === ref.roomId ? st.view : undefined;
  const flagged = view?.integrity.some((f) => f.kind === 'wrong_pc' && f.participantId === participantId);
  const loginAt = view?.participant?.participantId === participantId ? view.participant.loginAt : null;
  if (!view || !flagged || loginAt === null) {
    return refuse('INVALID_STATE', msg('seat.notElsewhere', { name: p.name }));
  }
  const { db, hub } = deps;
  db.transaction(() => {
    insertLoginDecision(db, { sessionId: ref.session.id, participantId, stationId, decision: 'sent_back', loginAt, note: note ?? null, at: now, by: act.userId });
    audit(db, act, {
      action: 'participant.sent_back', venueId: ref.venueId, targetType: 'participant', targetId: participantId,
      after: { nip: p.nip, stationId, code: view.code, loginAt, note: note ?? null }
    });
  });
  hub.sentBack(ref.roomId, { participantId, stationId, loginAt });
  hub.publishSession(ref.roomId, ['attendance'], {}, now);
  return { ok: true, row: rowOf(deps, ref, participantId) };
}
