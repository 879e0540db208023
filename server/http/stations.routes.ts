/**
 * Station enrollment (admin, petugas_ti): list a room's stations with their token status, create
 * one-time enrollment codes, revoke a token; and the agent's side, POST /api/enroll, which
 * exchanges a code for a long-lived station token (stored only as its sha-256).
 */
import express, { type RequestHandler } from 'express';
import { randomBytes } from 'node:crypto';
import { appendAudit } from '../../db/queries/audit.ts';
import {
  clearStationToken, findCode, getStation, insertCode, markCodeUsed, pendingCodes, roomStations, roomWithVenue, setStationToken, stationsByIds
} from '../../db/queries/enrollment.ts';
import { hashToken } from '../../db/queries/stations.ts';
import { actorOf, seesVenue } from '../auth/principal.ts';
import { formatEnrollmentCode, newEnrollmentCode } from '../domain/enrollment-code.ts';
import { take } from '../auth/login.service.ts';
import { type EnrollmentCode, type StationTokenRow } from '../../protocol/index.ts';
import { ROUTES } from '../../protocol/routes.ts';
import { clientIp, principalOf, requireCap } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { sendError } from './errors.ts';
import { reject, route } from './route.ts';
import { roomOf, withRoom } from './session-access.ts';
import { msg, wireMsg } from '../../protocol/messages/index.ts';

export function stationsRouter(ctx: ApiContext) {
  const { db, hub, emitter, limiters } = ctx;
  const r = express.Router();

  route(r, ROUTES.roomStations, withRoom(db, 'station.enroll', 'station.revoke'))((_in, _req, res) => {
    const room = roomOf(res);
    const now = Date.now();
    const pending = pendingCodes(db, room.id, now);
    const rows: StationTokenRow[] = roomStations(db, room.id).map((s) => {
      const live = hub.stations.get(s.id);
      return {
        id: s.id, code: s.code, row: s.row, col: s.col, spare: s.spare,
        enrolled: !!s.tokenHash, fingerprint: s.tokenHash ? s.tokenHash.slice(0, 8) : null,
        tokenIssuedAt: s.tokenIssuedAt, tokenRevokedAt: s.tokenRevokedAt,
        online: live ? live.state !== 'offline' : false, lastSeenAt: live?.view.lastSeenAt ?? null,
        agentVersion: live?.agentVersion ?? s.agentVersion, hostname: s.tokenHash ? s.enrolledHostname : null,
        pendingCodeExpiresAt: pending.get(s.id) ?? null
      };
    });
    return { ok: true, room, stations: rows };
  });

  route(r, ROUTES.enrollmentCodes, withRoom(db, 'station.enroll'))(({ body }, req, res) => {
    const p = principalOf(res)!;
    const room = roomOf(res);
    const all = roomStations(db, room.id);
    const targets = body.stationIds.length ? stationsByIds(db, room.id, body.stationIds) : all.filter((s) => !s.tokenHash);
    if (body.stationIds.length && targets.length !== new Set(body.stationIds).size) {
      return reject('NOT_FOUND', wireMsg(msg('station.foreign')));
    }
    const now = Date.now();
    const expiresAt = now + body.ttlMin * 60_000;
    const codes: EnrollmentCode[] = [];
    db.transaction(() => {
      for (const s of targets) {
        const code = newEnrollmentCode();
        insertCode(db, { roomId: room.id, stationId: s.id, codeHash: hashToken(code), createdBy: p.user.id, createdAt: now, expiresAt });
        codes.push({ stationId: s.id, stationCode: s.code, code: formatEnrollmentCode(code), expiresAt });
      }
      appendAudit(db, actorOf(p, clientIp(req)), {
        action: 'station.enrollment_codes_created', venueId: room.venueId, targetType: 'room', targetId: room.id,
        after: { stations: targets.map((s) => s.code), expiresAt }, at: now
      });
    });
    return { ok: true, codes };
  });

  route(r, ROUTES.stationRevoke, requireCap('station.revoke'))(({ params }, req, res) => {
    const p = principalOf(res)!;
    const st = getStation(db, params.id);
    const live = st ? hub.stations.get(st.id) : undefined;
    if (!st || !live) return reject('NOT_FOUND');
    const venueId = live.room.info.venueId;
    if (!seesVenue(p, venueId)) return reject('FORBIDDEN');
    const now = Date.now();
    db.transaction(() => {
      clearStationToken(db, st.id, now);
      appendAudit(db, actorOf(p, clientIp(req)), {
        action: 'station.revoked', venueId, targetType: 'station', targetId: st.id,
        before: { code: st.code, fingerprint: st.tokenHash?.slice(0, 8) ?? null }, at: now
      });
    });
    hub.setToken(st.id, null);
    emitter.disconnectStation(st.id); // at once: the agent must not report another heartbeat
    return { ok: true };
  });

  // The agent's side: no session, no CSRF token (no cookie is involved); 20 tries per 10 minutes
  // per address, charged before the code is looked at (so a parallel burst gets no more).
  const enrollLimit: RequestHandler = async (req, res, next) => {
    const wait = await take(limiters.enrollIp, clientIp(req));
    if (wait !== null) return sendError(res, 'RATE_LIMITED', { retryAfterSec: wait });
    next();
  };
  route(r, ROUTES.enroll, enrollLimit)(async ({ body }, req) => {
    const ip = clientIp(req);
    const now = Date.now();
    const code = findCode(db, hashToken(body.code));
    if (!code || code.usedAt !== null || code.revokedAt !== null || code.expiresAt <= now) {
      if (code) appendAudit(db, { kind: 'anonymous', ip }, { action: 'station.enroll_refused', targetType: 'station', targetId: code.stationId, after: { used: code.usedAt !== null, revoked: code.revokedAt !== null, expired: code.expiresAt <= now } });
      return code ? reject('GONE') : reject('NOT_FOUND', wireMsg(msg('enrollment.unknownCode')));
    }
    const room = roomWithVenue(db, code.roomId)!;
    const st = getStation(db, code.stationId)!;
    const token = randomBytes(32).toString('base64url');
    const tokenHash = hashToken(token);
    db.transaction(() => {
      markCodeUsed(db, code.id, now, ip);
      setStationToken(db, st.id, tokenHash, now, body.hostname ?? null);
      appendAudit(db, { kind: 'station', stationId: st.id, ip }, {
        action: 'station.enrolled', venueId: room.venueId, targetType: 'station', targetId: st.id,
        before: { fingerprint: st.tokenHash?.slice(0, 8) ?? null },
        after: { code: st.code, fingerprint: tokenHash.slice(0, 8), hostname: body.hostname ?? null, codeCreatedBy: code.createdBy }, at: now
      });
    });
    hub.setToken(st.id, tokenHash);
    emitter.disconnectStation(st.id); // a connection on the replaced token ends
    // the limit is about guessing codes: a venue's PCs often share one NAT address, so a
    // successful enrollment gives its point back and a whole room can enroll in one go
    await limiters.enrollIp.reward(ip, 1);
    return { ok: true, token, stationId: st.id, stationCode: st.code, roomId: room.id, roomName: room.name, venueName: room.venueName };
  });

  return r;
}
