/** A real server on loopback with a real SQLite file in a throwaway directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../../server/app.ts';
import type { ConfigInput } from '../../server/config.ts';
import { openDb } from '../../db/client.ts';
import { seedVenue, type SeedRoom, type SeededStation } from '../../db/seed.ts';
import type {
  DashboardClientEvents, DashboardServerEvents, StationClientEvents, StationServerEvents
} from '../../server/protocol/index.ts';

export type TestServer = RunningServer & { seeded: SeededStation[]; dir: string; dispose(): Promise<void> };

export async function startTestServer(
  cfg: ConfigInput = {},
  rooms: SeedRoom[] = [{ code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'running' }]
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cact-test-'));
  const dbFile = join(dir, 'test.sqlite');
  const db = openDb(dbFile);
  const seeded = seedVenue(db, { code: 'T', name: 'Venue Uji', rooms });
  db.$client.close();
  const server = await startServer({ port: 0, dbFile, logLevel: 'silent', webBuildDir: null, ...cfg });
  return Object.assign(server, {
    seeded, dir,
    async dispose() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

export type StationClient = Socket<StationServerEvents, StationClientEvents>;
export type DashboardClient = Socket<DashboardServerEvents, DashboardClientEvents>;

export function stationSocket(url: string, token: string): StationClient {
  return io(`${url}/station`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
}

export function dashboardSocket(url: string): DashboardClient {
  return io(`${url}/dashboard`, { transports: ['websocket'], reconnection: false, forceNew: true });
}

export const connected = (s: Socket) =>
  new Promise<void>((ok, ko) => {
    if (s.connected) return ok();
    s.once('connect', () => ok());
    s.once('connect_error', (e) => ko(e));
  });

/** Emit with an ack and wait for it (untyped on purpose: tests also send malformed payloads). */
export function call<T = any>(s: Socket, event: string, payload: unknown, timeoutMs = 3000): Promise<T> {
  return (s.timeout(timeoutMs) as any).emitWithAck(event, payload) as Promise<T>;
}

export async function until<T>(fn: () => T | undefined | null | false, timeoutMs = 5000, stepMs = 25): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export const validFacts = {
  cpuModel: 'Intel Core i5', cpuGhz: 2.4, cpuCores: 4, memoryGb: 8, diskGb: 256, screenWidth: 1920, screenHeight: 1080,
  webcam: true, browserName: 'Chrome', browserVersion: '131', os: 'Windows 11', networkType: 'wired' as const, networkMbps: 1000
};

export { openDb };
