/** The HTTP API: room list for the dashboard, the bandwidth probe for agents, health and counters. */
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { listVenuesWithRooms } from '../../db/queries/rooms.ts';
import { hashToken } from '../../db/queries/stations.ts';
import type { RoomHub } from '../live/room-hub.ts';
import type { EdgeStats } from '../sockets/validate.ts';

const probeQuery = z.object({ bytes: z.coerce.number().int().min(1024).max(8 * 1024 * 1024).default(256 * 1024) });
/** incompressible filler, made once; the probe must measure the link, not a compressor */
const FILLER = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 2654435761) >>> 24));

export function apiRouter(db: Db, hub: RoomHub, stats: EdgeStats) {
  const r = express.Router();
  r.use(express.json({ limit: '64kb' }));

  r.get('/health', (_req, res) => {
    res.json({ ok: true, stations: hub.stations.size, rooms: hub.rooms.size, writeFailures: hub.writer.failures });
  });

  r.get('/rooms', (_req, res) => {
    res.json({ venues: listVenuesWithRooms(db) });
  });

  r.get('/metrics', (_req, res) => {
    res.json({ ok: true, invalid: stats.invalid, unknownEvents: stats.unknownEvents, internal: stats.internal, ...hub.stats });
  });

  // Download probe for a station's bandwidth (Lampiran II: ≥ 500 Kbps per client). Station token only.
  r.get('/probe', (req: Request, res: Response) => {
    const auth = req.get('authorization') ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!token || !hub.stationByTokenHash(hashToken(token))) {
      res.status(401).json({ ok: false, code: 'UNAUTHORIZED', message: 'station token required' });
      return;
    }
    const q = probeQuery.safeParse(req.query);
    if (!q.success) {
      res.status(400).json({ ok: false, code: 'INVALID_PAYLOAD', message: 'bytes must be 1024..8388608' });
      return;
    }
    res.set({ 'content-type': 'application/octet-stream', 'cache-control': 'no-store', 'content-length': String(q.data.bytes) });
    let left = q.data.bytes;
    while (left > 0) {
      const n = Math.min(left, FILLER.length);
      res.write(n === FILLER.length ? FILLER : FILLER.subarray(0, n));
      left -= n;
    }
    res.end();
  });

  r.use((_req: Request, res: Response) => {
    res.status(404).json({ ok: false, code: 'NOT_FOUND', message: 'no such API route' });
  });
  return r;
}
