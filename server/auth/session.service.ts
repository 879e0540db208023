/**
 * Browser sessions: a random 32-byte token in an httpOnly cookie, only its sha-256 stored.
 * A session ends at its absolute expiry, after the idle timeout without activity, on logout,
 * on "logout everywhere", on a password change (the others) and when the user is deactivated.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { getAuthSession, insertAuthSession, pruneAuthSessions, revokeAuthSession, revokeUserSessions, touchAuthSession, type AuthSessionRow } from '../../db/queries/auth-sessions.ts';
import { hashToken } from '../../db/queries/stations.ts';
import { getUser, type UserRecord } from '../../db/queries/users.ts';
import type { Config } from '../config.ts';

export const SESSION_COOKIE = 'cact_session';
/** lastSeenAt is written at most this often: activity bookkeeping must not cost a write per request */
const TOUCH_EVERY_MS = 30_000;

export type SessionEnd = 'expired' | 'idle' | 'revoked' | 'inactive';
export type Resolved = { ok: true; session: AuthSessionRow; user: UserRecord } | { ok: false; reason: SessionEnd | 'unknown' };

export class SessionService {
  readonly idleMs: number;
  readonly maxMs: number;
  constructor(private readonly db: Db, cfg: Pick<Config, 'sessionIdleMin' | 'sessionMaxHours'>) {
    this.idleMs = cfg.sessionIdleMin * 60_000;
    this.maxMs = cfg.sessionMaxHours * 3600_000;
  }

  create(userId: number, meta: { ip: string | null; userAgent: string | null }, now = Date.now()) {
    const token = randomBytes(32).toString('base64url');
    const row = {
      id: hashToken(token), userId, csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now, lastSeenAt: now, expiresAt: now + this.maxMs, revokedAt: null,
      ip: meta.ip, userAgent: meta.userAgent?.slice(0, 200) ?? null
    };
    insertAuthSession(this.db, row);
    return { token, session: row };
  }

  /** Check a cookie token; `touch` counts this as activity (a request the user made). */
  resolveToken(token: string | undefined, now = Date.now(), touch = true): Resolved {
    if (!token || token.length > 100) return { ok: false, reason: 'unknown' };
    return this.resolveId(hashToken(token), now, touch);
  }

  resolveId(id: string, now = Date.now(), touch = false): Resolved {
    const session = getAuthSession(this.db, id);
    if (!session) return { ok: false, reason: 'unknown' };
    if (session.revokedAt !== null) return { ok: false, reason: 'revoked' };
    if (now >= session.expiresAt) return { ok: false, reason: 'expired' };
    if (now - session.lastSeenAt >= this.idleMs) return { ok: false, reason: 'idle' };
    const user = getUser(this.db, session.userId);
    if (!user || !user.active) return { ok: false, reason: 'inactive' };
    if (touch && now - session.lastSeenAt >= TOUCH_EVERY_MS) {
      touchAuthSession(this.db, id, now);
      session.lastSeenAt = now;
    }
    return { ok: true, session, user };
  }

  revoke(id: string, now = Date.now()) {
    revokeAuthSession(this.db, id, now);
  }

  /** Ended sessions are kept 30 days (who was signed in when), then forgotten. */
  prune(now = Date.now()) {
    pruneAuthSessions(this.db, now - 30 * 24 * 3600_000);
  }

  revokeAllOf(userId: number, now = Date.now(), keep?: string): string[] {
    return revokeUserSessions(this.db, userId, now, keep);
  }
}
