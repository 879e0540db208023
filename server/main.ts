/** Production entry: `npm start -- --port 3000 --db data/cact.sqlite` (env: PORT, HOST, DB_FILE). */
import { parseArgs } from 'node:util';
import { startServer } from './app.ts';

const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, heartbeat: { type: 'string' } }
});
const server = await startServer({
  port: Number(values.port ?? process.env.PORT ?? 3000),
  host: values.host ?? process.env.HOST ?? '0.0.0.0',
  dbFile: values.db ?? process.env.DB_FILE ?? 'data/cact.sqlite',
  heartbeatMs: values.heartbeat ? Number(values.heartbeat) : undefined
});
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
