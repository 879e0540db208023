/**
 * Password login with brute-force defences (docs/security.md):
 *  - per client address: `loginPerAddress` (100) attempts per 10 minutes, then 10 minutes of 429
 *    (staff behind one NAT address share it; a successful login gives its point back);
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
import type { AuditAction } from '../../protocol/index.ts';
import { dummyHash, verifyPassword } from './password.ts';

export type LoginResult =
  | { ok: true; user: UserRecord }
  | { ok: false; code: 'BAD_CREDENTIALS' }
  | { ok: false; code: 'RATE_LIMITED' | 'LOCKED'; retryAfterSec: number };

const secs = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

const LIMIT_TABLE = 'rate_limits';
const NIP_IP_PREFIX = 'login_nip_ip';
/** failures of one NIP from one address within 15 minutes before its logins from there are held */
const NIP_IP_POINTS = 5;

export function createLimiters(db: Db, perAddress = 100) {
  const common = { storeClient: db.$client, storeType: 'better-sqlite3' as const, tableName: LIMIT_TABLE, clearExpiredByTimeout: true };
  return {
    loginIp: new RateLimiterSQLite({ ...common, keyPrefix: 'login_ip', points: perAddress, duration: 600, blockDuration: 600 }),
    loginNipIp: new RateLimiterSQLite({ ...common, keyPrefix: NIP_IP_PREFIX, points: NIP_IP_POINTS, duration: 900, blockDuration: 900 }),
    enrollIp: new RateLimiterSQLite({ ...common, keyPrefix: 'enroll_ip', points: 20, duration: 600, blockDuration: 600 })
  };
}
export type Limiters = ReturnType<typeof createLimiters>;

/**
 * An account whose logins are refused right now although its row is not locked: the NIP+address
 * limiter holds it (too many wrong passwords from one address; the login answers 429 until the
 * hold ends). Per NIP: the latest end and the addresses held, for the user admin.
 */
export type LoginHold = { until: number; from: string[] };

export function loginHolds(db: Db, now = Date.now()): Map<string, LoginHold> {
  const out = new Map<string, LoginHold>();
  let rows: { key: string; expire: number }[];
  try {
    rows = db.$client
      .prepare(`SELECT key, expire FROM ${LIMIT_TABLE} WHERE key LIKE ? AND points > ? AND expire > ?`)
      .all(`${NIP_IP_PREFIX}:%`, NIP_IP_POINTS, now) as { key: string; expire: number }[];
  } catch {
    return out; // the limiter has not created its table yet: nothing is held
  }
  for (const r of rows) {
    const rest = r.key.slice(NIP_IP_PREFIX.length + 1);
    const bar = rest.indexOf('|');
    if (bar < 0) continue;
    const nip = rest.slice(0, bar);
    const hold = out.get(nip) ?? { until: 0, from: [] };
    hold.until = Math.max(hold.until, r.expire);
    hold.from.push(rest.slice(bar + 1));
    out.set(nip, hold);
  }
  return out;
}

/** An admin's unlock lifts the NIP+address holds of the account too (from every address). */
export function clearLoginHolds(db: Db, nip: string): void {
  try {
    db.$client.prepare(`DELETE FROM ${LIMIT_TABLE} WHERE key LIKE ? ESCAPE '\\'`).run(`${NIP_IP_PREFIX}:${nip.replace(/[\\%_]/g, (c) => `\\${c}`)}|%`);
  } catch {
    // no table: nothing to lift
  }
}

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

  /**
   * Every attempt is charged to the NIP+address counter *before* the password is checked, so a
   * burst of parallel requests cannot all slip past the limit while argon2 runs; a success
   * refunds it. The lock and the account's state are read again after the check, so a lock that
   * landed meanwhile is honoured too.
   */
  async login(nip: string, password: string, ip: string, now = Date.now()): Promise<LoginResult> {
    const wait = (await take(this.limiters.loginIp, ip)) ?? (await take(this.limiters.loginNipIp, `${nip}|${ip}`));
    if (wait !== null) return { ok: false, code: 'RATE_LIMITED', retryAfterSec: wait };
    const user = findUserByNip(this.db, nip);
    const locked = this.lockedFor(user, nip, ip, now);
    if (locked) return locked;

    const good = await verifyPassword(user?.passwordHash ?? (await dummyHash(this.cfg.argon2)), password);
    const fresh = findUserByNip(this.db, nip);
    if (good && fresh?.active) {
      const lockedNow = this.lockedFor(fresh, nip, ip, now);
      if (lockedNow) return lockedNow;
      await this.limiters.loginNipIp.delete(`${nip}|${ip}`);
      await this.limiters.loginIp.reward(ip, 1); // the address limit is about guessing: a success gives its point back
      this.db.transaction(() => {
        recordLoginSuccess(this.db, fresh.id, now);
        appendAudit(this.db, { kind: 'user', userId: fresh.id, nip: fresh.nip, name: fresh.name, roles: rolesOf(this.db, fresh.id), ip }, { action: 'auth.login', targetType: 'user', targetId: fresh.id, at: now });
      });
      return { ok: true, user: fresh };
    }
    this.failed(fresh, nip, ip, !fresh ? 'unknown_nip' : !fresh.active ? 'inactive' : 'bad_password', 'auth.login_failed', now);
    return { ok: false, code: 'BAD_CREDENTIALS' };
  }

  /**
   * A signed-in user proves their password again (password change). Limited and counted like a
   * login: someone holding a stolen session must not get unlimited guesses at the password.
   */
  async reauthenticate(user: UserRecord, password: string, ip: string, now = Date.now()): Promise<LoginResult> {
    const wait = await take(this.limiters.loginNipIp, `${user.nip}|${ip}`);
    if (wait !== null) return { ok: false, code: 'RATE_LIMITED', retryAfterSec: wait };
    const locked = this.lockedFor(findUserByNip(this.db, user.nip), user.nip, ip, now);
    if (locked) return locked;
    if (await verifyPassword(user.passwordHash, password)) {
      await this.limiters.loginNipIp.delete(`${user.nip}|${ip}`);
      return { ok: true, user };
    }
    this.failed(user, user.nip, ip, 'bad_password', 'auth.password_change_failed', now);
    return { ok: false, code: 'BAD_CREDENTIALS' };
  }

  private lockedFor(user: UserRecord | undefined, nip: string, ip: string, now: number): LoginResult | null {
    if (!user?.lockedUntil || user.lockedUntil <= now) return null;
    appendAudit(this.db, { kind: 'anonymous', nip, ip }, { action: 'auth.login_failed', targetType: 'user', targetId: user.id, after: { reason: 'locked' }, at: now });
    return { ok: false, code: 'LOCKED', retryAfterSec: secs(user.lockedUntil - now) };
  }

  /** Record a failed password; enough in a row lock the account for lockoutMin. */
  private failed(user: UserRecord | undefined, nip: string, ip: string, reason: string, action: AuditAction, now: number) {
    this.db.transaction(() => {
      appendAudit(this.db, { kind: 'anonymous', nip, ip }, { action, targetType: user ? 'user' : null, targetId: user?.id ?? null, after: { reason }, at: now });
      if (!user || !user.active) return;
      const n = recordLoginFailure(this.db, user.id);
      if (n >= this.cfg.lockoutAfter) {
        const until = now + this.cfg.lockoutMin * 60_000;
        lockUser(this.db, user.id, until);
        appendAudit(this.db, { kind: 'system' }, { action: 'auth.locked', targetType: 'user', targetId: user.id, after: { failures: n, lockedUntil: until }, at: now });
      }
    });
  }
}
