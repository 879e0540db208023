/**
 * Others let into the test room (Perban BKN 4/2024 Pasal 14(1)k: the proctor records who enters,
 * with time in and out). They are listed in the berita acara penyelenggaraan (Lampiran I.C.1), so
 * like incidents they are a closed record once the session is finalised; finalising needs every
 * one of them out (Pasal 13(2)).
 */
import { insertVisitor, listVisitors, visitorOut } from '../../db/queries/visitors.ts';
import type { VisitorRow } from '../../protocol/index.ts';
import type { visitorInSchema } from '../../protocol/schemas/index.ts';
import type { z } from 'zod';
import { audit, recordClosed, refuse, type Act, type Result, type SessionDeps, type SessionRef } from './context.ts';
import { issueAt, msg } from '../../protocol/messages/index.ts';

/** Everyone recorded in the session's room, in order of arrival. */
export const visitorsOf = (deps: SessionDeps, ref: SessionRef) => listVisitors(deps.db, ref.session.id);

export function visitorIn(deps: SessionDeps, act: Act, ref: SessionRef, v: z.infer<typeof visitorInSchema>, now = Date.now()): Result<{ visitor: VisitorRow }> {
  const frozen = recordClosed(ref);
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
  const frozen = recordClosed(ref);
  if (frozen) return frozen;
  const { db, hub } = deps;
  const known = listVisitors(db, ref.session.id, id)[0];
  if (!known) return refuse('NOT_FOUND', msg('visitor.notFound'));
  if (known.outAt !== null) return refuse('CONFLICT', msg('visitor.alreadyLeft'));
  const at = outAt ?? now;
  if (at < known.inAt) return refuse('INVALID_PAYLOAD', msg('visitor.outBeforeIn'), [issueAt('outAt', msg('visitor.outBeforeIn'))]);
  if (at > now + 2 * 60_000) return refuse('INVALID_PAYLOAD', msg('visitor.outInFuture'), [issueAt('outAt', msg('issue.inFuture'))]);
  db.transaction(() => {
    visitorOut(db, ref.session.id, id, at);
    audit(db, act, { action: 'visitor.left', venueId: ref.venueId, targetType: 'visitor', targetId: id, after: { name: known.name, outAt: at } });
  });
  hub.publishSession(ref.roomId, ['visitors'], {}, now);
  return { ok: true, visitor: listVisitors(db, ref.session.id, id)[0] };
}
