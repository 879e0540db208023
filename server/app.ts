/**
 * One process, one port: express serves the HTTP API, socket.io (/station and /dashboard) and the
 * SvelteKit dashboard (adapter-node handler). `startServer` is what main.ts, the demo, the
 * benchmark and the tests all call.
 */
import express from 'express';
import helmet from 'helmet';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Server } from 'socket.io';
import { openDb, type Db } from '../db/client.ts';
import { loadConfig, type Config, type ConfigInput } from './config.ts';
import { createLimiters, LoginService } from './auth/login.service.ts';
import { SessionService } from './auth/session.service.ts';
import { apiRouter } from './http/api.ts';
import { pageGuard } from './http/page-guard.ts';
import { refuseMalformedUrls } from './http/malformed-url.ts';
import { RoomHub } from './live/room-hub.ts';
import { VenueBoard } from './live/board.ts';
import { createLogger, type Logger } from './log.ts';
import { ENGINE_OPTIONS } from './realtime/engine-options.ts';
import { socketEmitter, type DashboardNs, type StationNs } from './realtime/emitter.ts';
import { requireDashboardSession, sweepDashboardSessions } from './sockets/dashboard-auth.ts';
import { registerDashboardHandlers } from './sockets/dashboard.handlers.ts';
import { registerStationHandlers } from './sockets/station.handlers.ts';
import { pinTick } from './session/pin.service.ts';
import { newEdgeStats, type EdgeStats } from './sockets/validate.ts';

export type RunningServer = {
  url: string;
  port: number;
  config: Config;
  db: Db;
  hub: RoomHub;
  /** the coordinator board's aggregate (its tick is timed by the benchmark) */
  board: VenueBoard;
  io: Server;
  http: HttpServer;
  stats: EdgeStats;
  log: Logger;
  close(): Promise<void>;
};

export async function startServer(input: ConfigInput = {}, opts: { db?: Db; log?: Logger } = {}): Promise<RunningServer> {
  const config = loadConfig(input);
  const log = opts.log ?? createLogger(config.logLevel);
  const db = opts.db ?? openDb(config.dbFile);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  // Security headers on everything; the pages' Content-Security-Policy comes from SvelteKit
  // (kit.csp in svelte.config.js, with per-response nonces), the API's from apiRouter.
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(refuseMalformedUrls(log));
  // On a shared venue network the session cookie and station tokens must not travel in clear:
  // TLS here, or in a reverse proxy in front (then set trustProxy so cookies get the Secure flag).
  const tls = config.tlsCertFile && config.tlsKeyFile;
  const http: HttpServer = tls
    ? createHttpsServer({ cert: readFileSync(config.tlsCertFile!), key: readFileSync(config.tlsKeyFile!) }, app)
    : createServer(app);
  const io = new Server(http, ENGINE_OPTIONS);
  const stationNs = io.of('/station') as StationNs;
  const dashboardNs = io.of('/dashboard') as DashboardNs;
  const emitter = socketEmitter(dashboardNs, stationNs);
  const hub = new RoomHub(db, config, emitter, log);
  const stats = newEdgeStats();
  const sessions = new SessionService(db, config);
  const limiters = createLimiters(db, config.loginPerAddress);
  const logins = new LoginService(db, config, limiters);
  hub.start();
  // the coordinator board: recomputed once a second while a board is joined, idle otherwise
  const board = new VenueBoard(db, hub, emitter, log);
  board.start();
  const sessionDeps = { db, hub, cfg: config, emitter };
  registerStationHandlers(stationNs, hub, emitter, stats, log, sessionDeps);
  // PIN rotation and expiry, station locks running out: checked once a second
  const pinTimer = setInterval(() => {
    try { pinTick(sessionDeps); } catch (err) { log.error({ err }, 'pin tick failed'); }
  }, 1000);
  pinTimer.unref();
  requireDashboardSession(dashboardNs, db, sessions, config.trustProxy !== false);
  registerDashboardHandlers(dashboardNs, { db, hub, board, sessions, emitter, stats, log });
  const stopSweep = sweepDashboardSessions(dashboardNs, sessions, emitter, log);

  app.use('/api', apiRouter({ db, cfg: config, hub, stats, sessions, logins, limiters, emitter, log }));
  const handlerFile = config.webBuildDir ? resolve(config.webBuildDir, 'handler.js') : null;
  if (handlerFile && existsSync(handlerFile)) {
    const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: express.RequestHandler };
    app.use(pageGuard(sessions));
    app.use(handler);
  } else {
    log.warn({ handlerFile }, 'dashboard build not found: run `npm run build`; serving the API only');
  }

  await new Promise<void>((ok, ko) => {
    http.once('error', ko);
    http.listen(config.port, config.host, () => ok());
  });
  const port = (http.address() as AddressInfo).port;
  const url = `${tls ? 'https' : 'http'}://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  log.info({ url }, 'server listening');

  return {
    url, port, config, db, hub, board, io, http, stats, log,
    async close() {
      stopSweep();
      clearInterval(pinTimer);
      board.stop();
      await hub.stop();
      await new Promise<void>((ok) => io.close(() => ok()));
      if (!opts.db) db.$client.close();
    }
  };
}
