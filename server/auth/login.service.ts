/**
 * Password login with brute-force defences (docs/security.md):
 *  - per client address: 30 attempts per 10 minutes, then 10 minutes of 429;
 *  - per NIP and address: 5 failures per 15 minutes, then 15 minutes of 429 (slows guessing);
 *  - per account: `lockoutAfter` failures in a row from anywhere lock it for `lockoutMin`
 *    (an admin can unlock it early; the lock is recorded in the audit trail).
 * Counters live in the same SQLite file (rate-limiter-flexible's RateLimiterSQLite), so a restart
 * does not reset them. An unknown NIP costs one argon2 verify, like a wrong password.
 */
import { RateLimiterRes, RateLimiterSQLite } from 'rate-limiter-flexible';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/queries/audit.ts';
import { findUserByNip, lockUser, recordLoginFailure, recordLoginSuccess, rolesOf, type UserRecord } from '../../db/queries/users.ts';
import type { Config } from '../config.ts';
import { dummyHash, verifyPassword } from './password.ts';

export type LoginResult =
  | { ok: true; user: UserRecord }
  | { ok: false; code: 'BAD_CREDENTIALS' }
  | { ok: false; code: 'RATE_LIMITED' | 'LOCKED'; retryAfterSec: number };

const secs = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function createLimiters(db: Db) {
  const common = { storeClient: db.$client, storeType: 'better-sqlite3' as const, tableName: 'rate_limits', clearExpiredByTimeout: true };
  return {
    loginIp: new RateLimiterSQLite({ ...common, keyPrefix: 'login_ip', points: 30, duration: 600, blockDuration: 600 }),
    loginNipIp: new RateLimiterSQLite({ ...common, keyPrefix: 'login_nip_ip', points: 5, duration: 900, blockDuration: 900 }),
    enrollIp: new RateLimiterSQLite({ ...common, keyPrefix: 'enroll_ip', points: 20, duration: 600, blockDuration: 600 })
  };
}
export type Limiters = ReturnType<typeof createLimiters>;

/** consume one point; the seconds to wait when refused, null when allowed */
export async function take(limiter: RateLimiterSQLite, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (e) {
    if (e instanceof RateLimiterRes) return secs(e.msBeforeNext);
    throw e;
  }
}

export class LoginService {
  constructor(
    private readonly db: Db,
    private readonly cfg: Pick<Config, 'lockoutAfter' | 'lockoutMin' | 'argon2'>,
    private readonly limiters: Limiters
  ) {}

  async login(nip: string, password: string, ip: string, now = Date.now()): Promise<LoginResult> {
    const wait = await take(this.limiters.loginIp, ip);
    if (wait !== null) return { ok: false, code: 'RATE_LIMITED', retryAfterSec: wait };
    const key = `${nip}|${ip}`;
    const blocked = await this.limiters.loginNipIp.get(key);
    if (blocked && blocked.consumedPoints >= this.limiters.loginNipIp.points) return { ok: false, code: 'RATE_LIMITED', retryAfterSec: secs(blocked.msBeforeNext) };

    const user = findUserByNip(this.db, nip);
    if (user?.lockedUntil && user.lockedUntil > now) {
      appendAudit(this.db, { kind: 'anonymous', nip, ip }, { action: 'auth.login_failed', targetType: 'user', targetId: user.id, after: { reason: 'locked' }, at: now });
      return { ok: false, code: 'LOCKED', retryAfterSec: secs(user.lockedUntil - now) };
    }
    const good = await verifyPassword(user?.passwordHash ?? (await dummyHash(this.cfg.argon2)), password);
    if (good && user?.active) {
      await this.limiters.loginNipIp.delete(key);
      this.db.transaction(() => {
        recordLoginSuccess(this.db, user.id, now);
        appendAudit(this.db, { kind: 'user', userId: user.id, nip: user.nip, name: user.name, roles: rolesOf(this.db, user.id), ip }, { action: 'auth.login', targetType: 'user', targetId: user.id, at: now });
      });
      return { ok: true, user };
    }

    const reason = !user ? 'unknown_nip' : !user.active ? 'inactive' : 'bad_password';
    const slow = await take(this.limiters.loginNipIp, key);
    this.db.transaction(() => {
      appendAudit(this.db, { kind: 'anonymous', nip, ip }, { action: 'auth.login_failed', targetType: user ? 'user' : null, targetId: user?.id ?? null, after: { reason }, at: now });
      if (user && user.active) {
        const n = recordLoginFailure(this.db, user.id);
        if (n >= this.cfg.lockoutAfter) {
          const until = now + this.cfg.lockoutMin * 60_000;
          lockUser(this.db, user.id, until);
          appendAudit(this.db, { kind: 'system' }, { action: 'auth.locked', targetType: 'user', targetId: user.id, after: { failures: n, lockedUntil: until }, at: now });
        }
      }
    });
    if (slow !== null) return { ok: false, code: 'RATE_LIMITED', retryAfterSec: slow };
    return { ok: false, code: 'BAD_CREDENTIALS' };
  }
}
