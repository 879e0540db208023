/**
 * Participants of an activity (Perban BKN 4/2024 Pasal 8(3)): imported into one of its sessions, or
 * once for the whole activity and spread over its sessions (server/domain/distribution.ts), with
 * nobody in two sessions of the same activity and a nomor peserta naming one person across it.
 * ProASN registration keeps its lead time (SE BKN 6/2026 §5.i.2.d: 5 working days before); a
 * koordinator may make an exception for one session with a reason (audited), after which the
 * agency's late file is accepted there.
 */
import type { Db } from '../../db/client.ts';
import { activityNips, activityNomors, activitySessions, canSeeActivity, getActivity } from '../../db/queries/activities.ts';
import { agencyOfNips, importParticipants } from '../../db/queries/attendance.ts';
import type { ActivityRow, ActivitySessionRow } from '../../protocol/activity.ts';
import type { ActivityImportAnswer, ImportFailure } from '../../protocol/routes.ts';
import { WORK_STATES, type ImportError } from '../../protocol/index.ts';
import { msg, refusalWords } from '../../protocol/messages/index.ts';
import type { Principal } from '../auth/principal.ts';
import { checkRegistrationLead, OVERRIDE_REASON_MIN, zonedDate, type LeadOutcome } from '../domain/activity-rules.ts';
import { overrideAllowed } from '../domain/working-days.ts';
import { getSession } from '../../db/queries/sessions.ts';
import { sessions } from '../../db/schema.ts';
import { eq } from 'drizzle-orm';
import { distribute, type SeatPool } from '../domain/distribution.ts';
import { fileKind, parseParticipantFile } from '../domain/participant-import.ts';
import { importError, type ImportRow } from '../domain/participant-import-validate.ts';
import type { RoomHub } from '../live/room-hub.ts';
import { audit, refuse, type Act, type Refusal, type Result } from '../session/context.ts';
import { movableSession, sessionRow, venueCalendar, visibilityOf } from './activity.service.ts';

const WORKING = WORK_STATES.import as readonly string[];

/** What the audit row of an import says of the registration lead time, when one applies. */
export const registrationAudit = (lead: LeadOutcome | null) =>
  lead ? { workingDays: lead.workingDays, ...(lead.overridden ? { overrideReason: lead.reason } : {}) } : {};

type LateRegistration = { scheduledAt: number; lateRegistrationReason: string | null };

/**
 * The registration lead time of a session of the activity, in the venue's zone (ProASN only).
 * null: no rule applies; a refusal: too late, and no koordinator's exception on the session. The
 * exception was checked (koordinator, reason) when it was granted: it stands in for the override.
 */
export function registrationLead(db: Db, activity: ActivityRow, s: LateRegistration, now: number): LeadOutcome | null | Refusal {
  const exception = s.lateRegistrationReason !== null ? { roles: ['koordinator'], reason: s.lateRegistrationReason } : null;
  const r = checkRegistrationLead(venueCalendar(db, activity.venueId), activity.purpose, zonedDate(now, activity.timeZone), zonedDate(s.scheduledAt, activity.timeZone), exception);
  if (r && !r.ok) return refuse(r.error, r.msg);
  return r;
}

/**
 * The koordinator's exception to the registration lead time for one session that has not started,
 * with a reason (SE BKN 6/2026 §5.i.2.d; the same role and reason as every lead-time override).
 */
export function allowLateRegistration(
  deps: { db: Db; hub: RoomHub }, p: Principal, act: Act, sessionId: number, reason: string, now = Date.now()
): Result<{ session: ActivitySessionRow }> {
  const { db } = deps;
  const m = movableSession(db, p, sessionId);
  if (!m.ok) return m;
  const { s, room } = m;
  // the koordinator's alone, whatever the session: asked before anything about the session is said
  const o = overrideAllowed(p.roles, reason);
  if (!o.ok) {
    return o.code === 'OVERRIDE_ROLE' ? refuse('FORBIDDEN', msg('activity.overrideRole')) : refuse('INVALID_PAYLOAD', msg('activity.overrideReason', { min: OVERRIDE_REASON_MIN }));
  }
  const activity = s.activityId !== null ? getActivity(db, s.activityId) : undefined;
  // recorded for any session of an activity; it changes something only where a lead time applies (ProASN)
  if (!activity) return refuse('INVALID_STATE', msg('activity.sessionNotInActivity'));
  db.transaction(() => {
    db.update(sessions).set({ lateRegistrationReason: reason.trim(), lateRegistrationBy: act.userId, lateRegistrationAt: now }).where(eq(sessions.id, sessionId)).run();
    audit(db, act, {
      action: 'session.late_registration_allowed', venueId: room.venueId, targetType: 'session', targetId: sessionId, at: now,
      before: { overrideReason: s.lateRegistrationReason }, after: { overrideReason: reason.trim() }
    });
  });
  deps.hub.publishSession(room.id, [], { reload: true }, now);
  return { ok: true, session: sessionRow(getSession(db, sessionId)!, room.name, activity.timeZone) };
}

/**
 * Rows of a file that would put someone in two sessions of the activity, or give a nomor peserta
 * that already names someone else in it. `into`: the session a per-session import fills (null: the
 * whole activity, where a person already in a session stays there).
 */
export function activityRowErrors(db: Db, activityId: number, into: number | null, rows: readonly ImportRow[]): ImportError[] {
  const where = activityNips(db, activityId);
  const nomors = activityNomors(db, activityId);
  const errors: ImportError[] = [];
  for (const r of rows) {
    const at = where.get(r.nip);
    if (into !== null && at && at.sessionId !== into) errors.push(importError(r.row, 'nip', msg('import.nipInOtherSession', { nip: r.nip, session: at.code })));
    const owner = nomors.get(r.nomorPeserta);
    if (owner !== undefined && owner !== r.nip) errors.push(importError(r.row, 'nomor_peserta', msg('import.nomorUsedInActivity', { nomor: r.nomorPeserta })));
  }
  return errors;
}

/** How many of a refused file's problems its audit row words (their count is whole). */
const REFUSED_SAMPLE = 3;

/**
 * A participant file refused, nothing saved: recorded on its own (outside any transaction, so it
 * stays) with how many problems it had and the first of them in words, for the planning stage of
 * the monitoring and evaluation report (Perban BKN 4/2024 Pasal 16(4)).
 */
export function auditImportRefused(
  db: Db, act: Act, where: { venueId: number; targetType: 'session' | 'activity'; targetId: number }, out: ImportFailure | Refusal,
  kind: 'csv' | 'xlsx' | null, now: number
): void {
  const rowErrors = 'errors' in out ? out.errors : [];
  const errorSample = rowErrors.length
    ? rowErrors.slice(0, REFUSED_SAMPLE).map((e) => `baris ${e.row} (${e.field}): ${e.pesan}`).join('; ')
    : refusalWords(out.code, 'msg' in out ? out.msg : undefined).pesan;
  audit(db, act, {
    action: 'participant.import_refused', venueId: where.venueId, targetType: where.targetType, targetId: where.targetId, at: now,
    after: { errors: rowErrors.length, ...('rows' in out ? { rows: out.rows } : {}), ...(kind ? { kind } : {}), errorSample }
  });
}

/** An import refused for its rows: the answer lists each row's problem. */
const rowsRefused = (errors: ImportError[], rows: number): ImportFailure => ({
  ok: false, code: 'INVALID_PAYLOAD', ...refusalWords('INVALID_PAYLOAD', msg('import.hasErrors')), errors, rows
});


/**
 * One file for the whole activity: every row checked (agency, two sessions, nomor), the new people
 * spread over the sessions that still take registrations, in order of start and up to their
 * capacity; all of it or nothing, in one transaction with its audit row.
 */
export async function importForActivity(
  deps: { db: Db; hub: RoomHub }, p: Principal, act: Act, activityId: number, data: Buffer, contentType: string | undefined,
  agency: string | null | undefined, now = Date.now()
): Promise<ActivityImportAnswer | ImportFailure | Refusal> {
  const { db, hub } = deps;
  const activity = getActivity(db, activityId);
  if (!activity) return refuse('NOT_FOUND', msg('activity.notFound'));
  if (!canSeeActivity(db, visibilityOf(p), activityId)) return refuse('FORBIDDEN');
  const kind = fileKind(contentType, data);
  const refused = <T extends ImportFailure | Refusal>(out: T): T => {
    auditImportRefused(db, act, { venueId: activity.venueId, targetType: 'activity', targetId: activityId }, out, kind ?? null, now);
    return out;
  };
  if (!kind) return refused(refuse('INVALID_PAYLOAD', msg('import.notCsvOrXlsx')));
  const parsed = await parseParticipantFile(data, kind);
  if (!parsed.ok) return refused({ ok: false, code: 'INVALID_PAYLOAD', ...refusalWords('INVALID_PAYLOAD', msg('import.hasErrors')), errors: parsed.errors, rows: parsed.rows });

  // the sessions as they are now (parsing took a moment)
  const list = activitySessions(db, activityId).filter((x) => x.s.state !== 'cancelled');
  if (!list.length) return refuse('INVALID_STATE', msg('activity.noSessions'));
  const errors: ImportError[] = [];
  if (agency !== undefined) {
    const others = new Map<string, string | null>();
    for (const x of list) for (const [nip, a] of agencyOfNips(db, x.s.id)) others.set(nip, a);
    for (const r of parsed.rows) {
      if (r.instansi !== agency) errors.push(importError(r.row, 'instansi', msg('import.otherAgency', { agency: agency ?? undefined })));
      else if (others.has(r.nip) && others.get(r.nip) !== agency) errors.push(importError(r.row, 'nip', msg('import.nipOtherAgency')));
    }
  }
  errors.push(...activityRowErrors(db, activityId, null, parsed.rows));
  if (errors.length) return refused(rowsRefused(errors, parsed.rows.length));

  // a session takes new people while it is before its start and, for ProASN, outside the lead
  // time (or the koordinator has made an exception for it)
  const where = activityNips(db, activityId);
  const leads = new Map<number, LeadOutcome | null>();
  let lateRefusal: Refusal | null = null;
  const pools: SeatPool[] = list.map(({ s }) => {
    const taken = new Set([...where].filter(([, at]) => at.sessionId === s.id).map(([nip]) => nip));
    let open = WORKING.includes(s.state);
    if (open) {
      const lead = registrationLead(db, activity, s, now);
      if (lead && !lead.ok) {
        lateRefusal ??= lead;
        open = false;
      } else leads.set(s.id, lead);
    }
    return { sessionId: s.id, capacity: s.capacity, taken, open };
  });
  const placed = distribute(parsed.rows.map((r) => r.nip), pools);
  if (!placed.ok) {
    // the sessions inside the lead time are why there is no room: say that, not "full"
    if (lateRefusal) return refused(lateRefusal);
    return refused(refuse('CONFLICT', msg('activity.seatsShort', { unplaced: placed.unplaced, free: placed.free })));
  }
  // someone already in a session that no longer takes registrations is left as they are
  const bySession = new Map<number, ImportRow[]>();
  for (const r of parsed.rows) {
    const id = placed.placement.get(r.nip)!;
    if (!pools.find((x) => x.sessionId === id)!.open) continue;
    const l = bySession.get(id);
    if (l) l.push(r);
    else bySession.set(id, [r]);
  }
  const touched = list.filter((x) => bySession.has(x.s.id));
  const out = db.transaction(() => {
    let imported = 0, replaced = 0;
    const perSession: ActivityImportAnswer['sessions'] = [];
    for (const { s } of touched) {
      const c = importParticipants(db, s.id, bySession.get(s.id)!, now);
      imported += c.imported;
      replaced += c.replaced;
      perSession.push({ id: s.id, code: s.code, added: c.imported, total: pools.find((x) => x.sessionId === s.id)!.taken.size + c.imported });
    }
    const overridden = [...leads.values()].find((l) => l?.overridden);
    audit(db, act, {
      action: 'participant.imported', venueId: activity.venueId, targetType: 'activity', targetId: activityId, at: now,
      after: {
        imported, replaced, rows: parsed.rows.length, kind, distribution: perSession.map((x) => `${x.code} +${x.added}`).join(', '),
        ...(overridden ? registrationAudit(overridden) : {})
      }
    });
    return { imported, replaced, perSession };
  });
  for (const { s } of touched) hub.publishSession(s.roomId, ['participants', 'attendance'], { reload: true }, now);
  return { ok: true, imported: out.imported, replaced: out.replaced, sessions: out.perSession };
}
