/** Where to go after signing in, and the way to the login page from anywhere. */

/**
 * `next` only if it is a path on this site: one leading '/', not '//' or '/\' (another host to a
 * browser), no control characters, not the login page itself. Anything else: the room list.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || next.length > 2000) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  try {
    // a relative path must stay on this origin once resolved
    const base = 'http://site.invalid';
    const u = new URL(next, base);
    if (u.origin !== base) return '/';
    // dot segments can turn '/..//host' into '//host' once resolved
    if (u.pathname.startsWith('//') || u.pathname === '/login' || u.pathname.startsWith('/login/')) return '/';
    return u.pathname + u.search + u.hash;
  } catch {
    return '/';
  }
}

/** /login with the page to come back to and, when known, why the session ended. */
export function loginUrl(current: string, ended?: string): string {
  const q = new URLSearchParams();
  const next = safeNext(current);
  if (next !== '/') q.set('next', next);
  if (ended) q.set('ended', ended);
  const s = q.toString();
  return `/login${s ? `?${s}` : ''}`;
}
