/** What the HTTP routers share. */
import type { Db } from '../../db/client.ts';
import type { Limiters, LoginService } from '../auth/login.service.ts';
import type { SessionService } from '../auth/session.service.ts';
import type { Config } from '../config.ts';
import type { RoomHub } from '../live/room-hub.ts';
import type { Logger } from '../log.ts';
import type { Emitter } from '../realtime/emitter.ts';
import type { EdgeStats } from '../sockets/validate.ts';

export type ApiContext = {
  db: Db;
  cfg: Config;
  hub: RoomHub;
  stats: EdgeStats;
  sessions: SessionService;
  logins: LoginService;
  limiters: Limiters;
  emitter: Emitter;
  log: Logger;
};

/** What the session-control services need, from the API context. */
export const sessionDeps = ({ db, hub, cfg, emitter }: ApiContext) => ({ db, hub, cfg, emitter });
