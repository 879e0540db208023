/**
 * A request whose path does not percent-decode (`/%ff`, `PATCH /%`) is answered 400 here, before
 * SvelteKit or a router tries to decode it: SvelteKit would write a 16-line stack to the log for
 * each one, so anyone could fill the disk on demand. One short line, at most once a minute, with a
 * count of how many there were since the last line.
 */
import type { RequestHandler } from 'express';
import type { Logger } from '../log.ts';
import type { AckError } from '../../protocol/index.ts';
import { msg, refusalWords } from '../../protocol/messages/index.ts';

export function refuseMalformedUrls(log: Logger, everyMs = 60_000): RequestHandler {
  let lastLog = 0;
  let since = 0;
  return (req, res, next) => {
    const raw = req.url ?? '';
    const q = raw.indexOf('?');
    try {
      decodeURIComponent(q < 0 ? raw : raw.slice(0, q));
      if (q >= 0) decodeURIComponent(raw.slice(q + 1).replace(/\+/g, ' '));
      return next();
    } catch {
      since++;
      const now = Date.now();
      if (now - lastLog >= everyMs) {
        log.warn({ count: since, method: String(req.method).slice(0, 10) }, 'malformed URLs refused (400)');
        lastLog = now;
        since = 0;
      }
      res.status(400).type('application/json').send(JSON.stringify({
        ok: false, code: 'INVALID_PAYLOAD', ...refusalWords('INVALID_PAYLOAD', msg('payload.badUrl'))
      } satisfies AckError));
    }
  };
}
