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
import { OPEN_STATES, type ErrorCode, type SessionStateName } from '../../protocol/index.ts';
import { msg, type Issue, type Msg, type WorkName } from '../../protocol/messages/index.ts';
import type { Emitter } from '../realtime/emitter.ts';

export type SessionDeps = { db: Db; hub: RoomHub; cfg: Config; emitter: Emitter };

/**
 * A refusal: the error code, and the catalog message that words it (protocol/messages/) with the
 * fields at fault. The HTTP routes and the socket acks turn it into `message` and `pesan`.
 */
export type Refusal = { ok: false; code: ErrorCode; msg?: Msg; issues?: Issue[] };
export type Result<T extends object> = ({ ok: true } & T) | Refusal;

export const refuse = (code: ErrorCode, m?: Msg, issues?: Issue[]): Refusal => ({
  ok: false, code, ...(m ? { msg: m } : {}), ...(issues ? { issues } : {})
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

/** Refuse unless the session is in one of `states`, saying which it is in and what `work` needed. */
export function requireState(ref: SessionRef, states: readonly SessionStateName[], work: WorkName): Refusal | null {
  const state = ref.session.state as SessionStateName;
  if (states.includes(state)) return null;
  return refuse('INVALID_STATE', msg('session.wrongStage', { work, states, state }));
}

/** Whether this is the session the room is showing now (only its people are on the room's stations). */
export const isCurrent = (deps: SessionDeps, ref: SessionRef) => deps.hub.rooms.get(ref.roomId)?.session?.id === ref.session.id;

/**
 * Incidents and others let into the room are recorded until the session is finalised: the berita
 * acara penyelenggaraan listing them (Lampiran I.C.1) is then signed and does not change (a
 * correction is a new document), so they are a closed record. Refuses outside the open states.
 */
export const recordClosed = (ref: SessionRef) => requireState(ref, OPEN_STATES, 'record');

/**
 * A finalised session's record does not change (Pasal 14(1)l–m; a correction is a new document by
 * the coordinator): the one refusal every change to it gets, whatever was asked (the HTTP doors,
 * server/http/session-access.ts finalisedDoor, and the activity's session routes).
 */
export function finalisedRefusal(state: string): Refusal | null {
  return state === 'finalised' ? refuse('INVALID_STATE', msg('session.finalised')) : null;
}
