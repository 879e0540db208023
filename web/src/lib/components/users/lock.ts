/**
 * Why an account cannot sign in right now, and until when. Two things refuse a login: the
 * account's own lock (too many wrong passwords in a row, from anywhere) and the limiter's hold on
 * one NIP from one address (5 wrong passwords there in 15 minutes hold it for 15 minutes). The
 * second leaves the account row unlocked, so the admin page must ask the limiter too; both show
 * their real end, and "Buka kunci" lifts both.
 */
import type { UserRow } from '$protocol';
import { formatDateTime } from '$lib/format/time.ts';
import { t } from '$lib/i18n/i18n.svelte.ts';

export type LoginLock = { kind: 'account' | 'held'; until: number; from: string[] };

export function loginLock(u: UserRow, now: number): LoginLock | null {
  const account = u.lockedUntil != null && u.lockedUntil > now ? u.lockedUntil : null;
  const held = u.loginHeldUntil != null && u.loginHeldUntil > now ? u.loginHeldUntil : null;
  if (account == null && held == null) return null;
  // whichever ends later is what keeps the user out
  const until = Math.max(account ?? 0, held ?? 0);
  return { kind: account != null ? 'account' : 'held', until, from: held != null ? u.loginHeldFrom : [] };
}

/** "Dikunci sampai 6 Des 2026, 14.52" */
export const lockText = (l: LoginLock): string => t(l.kind === 'account' ? 'users.lockAccount' : 'users.lockHeld', { time: formatDateTime(l.until) });

/** "terlalu banyak kata sandi salah dari 10.0.0.5" */
export const lockWhy = (l: LoginLock): string =>
  l.kind === 'account' ? t('users.lockAccountWhy') : t('users.lockHeldWhy', { from: l.from.join(', ') || '—' });
