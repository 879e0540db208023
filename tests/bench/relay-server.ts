/**
 * The baseline: a bare socket.io relay with the same socket.io options as our server. It does the
 * least a live dashboard could possibly do with a heartbeat:
 *   /station   accepts any token; answers station:hello with a minimal HelloAck the agent accepts;
 *              answers every station:heartbeat with { ok: true } (the agent's watchdog reconnects
 *              after 3 unanswered heartbeats, so a relay that did not ack would not be a load
 *              equal to ours) and forwards the payload, as is, to one dashboard socket, one emit
 *              per heartbeat. No validation, no state, no storage, no coalescing.
 *   /dashboard the first socket to connect receives `station:heartbeat` forwards.
 *   GET /metrics → { heartbeats, connected }
 * Started by bench.ts with an IPC channel: sends { type: 'ready', url, port, pid }; { cmd: 'stop' } ends it.
 *   node --import tsx tests/bench/relay-server.ts [--heartbeat 2000]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { ENGINE_OPTIONS } from '../../server/realtime/engine-options.ts';
import { installLoopStats } from './loop-stats.ts';
import { numFlag, parseFlags, stopOnAnySignal } from './proc.ts';

installLoopStats();

const flags = parseFlags(process.argv.slice(2));
const heartbeatMs = numFlag(flags, 'heartbeat', 2000, 200, 60_000);

let heartbeats = 0;
let nextId = 1;
let dashboard: Socket | null = null;

const http = createServer((req, res) => {
  if (req.url === '/metrics' || req.url === '/api/metrics') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, heartbeats, connected: io.of('/station').sockets.size }));
  } else {
    res.statusCode = 404;
    res.end();
  }
});
// The same engine options as our server.
const io = new Server(http, ENGINE_OPTIONS);

const stations = io.of('/station');
stations.use((socket, next) => {
  socket.data.stationId = nextId++;
  next();
});
stations.on('connection', (socket) => {
  const stationId = socket.data.stationId as number;
  socket.on('station:hello', (_p: unknown, ack?: (r: unknown) => void) => {
    if (typeof ack === 'function') {
      ack({ ok: true, stationId, code: `S${stationId}`, roomId: 1, heartbeatMs, lastApplied: 0, serverTime: Date.now() });
    }
  });
  socket.on('station:heartbeat', (p: unknown, ack?: (r: unknown) => void) => {
    heartbeats++;
    dashboard?.emit('station:heartbeat', p);
    if (typeof ack === 'function') ack({ ok: true });
  });
});

io.of('/dashboard').on('connection', (socket) => {
  dashboard ??= socket;
  socket.on('disconnect', () => {
    if (dashboard === socket) dashboard = null;
  });
});

async function stop() {
  await Promise.race([new Promise((r) => io.close(() => r(null))), new Promise((r) => setTimeout(r, 5000))]);
  process.exit(0);
}
stopOnAnySignal(stop);

http.listen(0, '127.0.0.1', () => {
  const port = (http.address() as AddressInfo).port;
  if (process.send) process.send({ type: 'ready', url: `http://127.0.0.1:${port}`, port, pid: process.pid });
  else console.log(`relay-server: listening at http://127.0.0.1:${port} (pid ${process.pid})`);
});
