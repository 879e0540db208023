/**
 * Production entry: `npm start -- --port 3000 --db data/cact.sqlite [--tls-cert F --tls-key F] [--trust-proxy 1]`
 * (env: PORT, HOST, DB_FILE, TLS_CERT, TLS_KEY, TRUST_PROXY). No default accounts: create the
 * first admin with `npm run user:create`.
 */
import { parseArgs } from 'node:util';
import { startServer } from './app.ts';
import { installLastResort } from './log.ts';
import { listUsers } from '../db/queries/users.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, heartbeat: { type: 'string' },
    'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, 'trust-proxy': { type: 'string' }
  }
});
const trust = values['trust-proxy'] ?? process.env.TRUST_PROXY;
const server = await startServer({
  port: Number(values.port ?? process.env.PORT ?? 3000),
  host: values.host ?? process.env.HOST ?? '0.0.0.0',
  dbFile: values.db ?? process.env.DB_FILE ?? 'data/cact.sqlite',
  heartbeatMs: values.heartbeat ? Number(values.heartbeat) : undefined,
  tlsCertFile: values['tls-cert'] ?? process.env.TLS_CERT ?? null,
  tlsKeyFile: values['tls-key'] ?? process.env.TLS_KEY ?? null,
  trustProxy: trust === undefined ? false : /^\d+$/.test(trust) ? Number(trust) : trust === 'true' ? true : trust
});
installLastResort(server.log);
if (!listUsers(server.db).some((u) => u.active && u.roles.includes('admin'))) {
  server.log.warn('no active admin account: create one with `npm run user:create -- --nip … --name "…" --role admin`');
}
if (!server.url.startsWith('https') && trust === undefined) {
  server.log.warn('serving plain HTTP: put TLS in front (or pass --tls-cert/--tls-key) before using this on a shared network');
}
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
