/**
 * What the session-control services share, and the one result shape they answer with: the HTTP
 * routes and the station handlers turn it into a response or an ack. Every service stores the
 * change and its audit row in one transaction BEFORE anything is acknowledged or pushed.
 */
import type { Db } from '../../db/client.ts';
import { appendAudit, type Actor, type AuditEntry } from '../../db/queries/audit.ts';
import { sessionWithRoom, type SessionRow } from '../../db/queries/sessions.ts';
import type { Config } from '../config.ts';
import type { RoomHub } from '../live/room-hub.ts';
import type { ErrorCode, SessionStateName } from '../../protocol/index.ts';
import type { Emitter } from '../realtime/emitter.ts';

export type SessionDeps = { db: Db; hub: RoomHub; cfg: Config; emitter: Emitter };

export type Refusal = { ok: false; code: ErrorCode; message: string; pesan?: string; issues?: { path: string; message: string }[] };
export type Result<T extends object> = ({ ok: true } & T) | Refusal;

export const refuse = (code: ErrorCode, message: string, pesan?: string, issues?: Refusal['issues']): Refusal => ({
  ok: false, code, message, ...(pesan ? { pesan } : {}), ...(issues ? { issues } : {})
});

/** A session with where it is. */
export type SessionRef = { session: SessionRow; roomId: number; venueId: number };

export function loadSessionRef(db: Db, sessionId: number): SessionRef | undefined {
  const r = sessionWithRoom(db, sessionId);
  return r ? { session: r.session, roomId: r.roomId, venueId: r.venueId } : undefined;
}

/** Who acted (a user with their address, a station, or the system) and the audit row for it. */
export type Act = { actor: Actor; userId: number | null };
export const audit = (db: Db, act: Act, e: AuditEntry) => appendAudit(db, act.actor, e);

/** Refuse unless the session is in one of `states`, saying which it is in. */
export function requireState(ref: SessionRef, states: readonly SessionStateName[], what: { en: string; id: string }): Refusal | null {
  const state = ref.session.state as SessionStateName;
  if (states.includes(state)) return null;
  return refuse('INVALID_STATE',
    `${what.en} is possible only when the session is ${states.join(' or ')}; it is ${state}`,
    `${what.id} hanya dapat dilakukan saat sesi ${states.map((s) => STATE_ID[s]).join(' atau ')}; sesi sekarang ${STATE_ID[state]}`);
}

export const STATE_ID: Record<SessionStateName, string> = {
  scheduled: 'terjadwal', preparation: 'persiapan', open: 'registrasi dibuka', running: 'berlangsung',
  finished: 'selesai', finalised: 'difinalisasi', postponed: 'ditunda'
};

/** Whether this is the session the room is showing now (only its people are on the room's stations). */
export const isCurrent = (deps: SessionDeps, ref: SessionRef) => deps.hub.rooms.get(ref.roomId)?.session?.id === ref.session.id;
