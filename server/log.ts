import pino from 'pino';
export type Logger = pino.Logger;
export const createLogger = (level: string) => pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });

/**
 * Last line of defence, not the fix: every edge is total (server/sockets/validate.ts), but if
 * something still escapes, one room's bug must not end every room of the venue. The error is
 * logged (at most once a second) and counted; the state that matters is in the database.
 */
export function installLastResort(log: Logger): { escaped: number } {
  const counter = { escaped: 0 };
  let last = 0;
  const onError = (err: unknown, kind: string) => {
    counter.escaped++;
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    log.fatal({ err, kind, escaped: counter.escaped }, 'error escaped every handler; the server keeps running');
  };
  process.on('uncaughtException', (err) => onError(err, 'uncaughtException'));
  process.on('unhandledRejection', (err) => onError(err, 'unhandledRejection'));
  return counter;
}
