/**
 * Pages of the dashboard need a signed-in user: without one, a page request is redirected to
 * /login (and back afterwards). This is convenience — the data behind every page comes from
 * /api and /dashboard, which check roles and scope themselves.
 */
import type { RequestHandler } from 'express';
import type { SessionService } from '../auth/session.service.ts';
import { readSessionCookie } from './auth.middleware.ts';

/**
 * Pages open without signing in: the login, the app's assets, and the verification of an official
 * document by its code (/verify, /verify/<code>, and their __data.json): whoever holds a printed
 * copy checks it there (its answer, GET /api/verify/:code, carries no participant's data).
 */
const PUBLIC = [/^\/login\/?$/, /^\/_app\//, /^\/favicon\./, /^\/robots\.txt$/, /^\/verify(\/[^/]*)*\/?$/];

export function pageGuard(sessions: SessionService): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || PUBLIC.some((re) => re.test(req.path))) return next();
    const r = sessions.resolveToken(readSessionCookie(req.headers.cookie, req.secure));
    if (r.ok) return next();
    // SvelteKit's client-side navigation fetches __data.json: answer it with the same redirect
    const target = req.path.endsWith('/__data.json') ? req.path.slice(0, -'/__data.json'.length) || '/' : req.originalUrl;
    const q = target && target !== '/' ? `?next=${encodeURIComponent(target)}` : '';
    res.redirect(303, `/login${q}${r.reason !== 'unknown' ? `${q ? '&' : '?'}ended=${r.reason}` : ''}`);
  };
}
