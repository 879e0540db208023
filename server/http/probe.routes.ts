/**
 * The download a station times to measure its bandwidth (Lampiran II: ≥ 500 Kbps per client; the
 * daftar periksa's B.4). Station token only (Bearer), no session.
 */
import express, { type RequestHandler } from 'express';
import { hashToken } from '../../db/queries/stations.ts';
import { ROUTES } from '../../protocol/routes.ts';
import type { ApiContext } from './context.ts';
import { sendError } from './errors.ts';
import { route, SENT } from './route.ts';
import { msg } from '../../protocol/messages/index.ts';

/** incompressible filler, made once; the probe must measure the link, not a compressor */
const FILLER = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 2654435761) >>> 24));

export function probeRouter({ hub }: ApiContext) {
  const r = express.Router();

  const stationToken: RequestHandler = (req, res, next) => {
    const auth = req.get('authorization') ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!token || !hub.stationByTokenHash(hashToken(token))) {
      return sendError(res, 'UNAUTHORIZED', { msg: msg('auth.stationTokenRequired') });
    }
    next();
  };

  route(r, ROUTES.probe, stationToken)(({ query }, _req, res) => {
    res.set({ 'content-type': 'application/octet-stream', 'cache-control': 'no-store', 'content-length': String(query.bytes) });
    let left = query.bytes;
    while (left > 0) {
      const n = Math.min(left, FILLER.length);
      res.write(n === FILLER.length ? FILLER : FILLER.subarray(0, n));
      left -= n;
    }
    res.end();
    return SENT;
  });

  return r;
}
