/** Shared set-up for the browser tests: a real server with the built dashboard, on loopback. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DurableQueue } from '../../agent/durable-queue.ts';
import { StationAgent } from '../../agent/station-agent.ts';
import type { SeededStation } from '../../db/seed.ts';
import { validFacts } from '../helpers/server.ts';

export { startTestServer, until } from '../helpers/server.ts';

/** A real station agent with a durable queue on disk, as on a station PC. */
export function realAgent(serverUrl: string, s: SeededStation, heartbeatMs: number) {
  const dir = mkdtempSync(join(tmpdir(), `cact-agent-${s.code}-`));
  const agent = new StationAgent({
    serverUrl,
    token: s.token,
    agentVersion: 'e2e',
    queue: DurableQueue.open(dir),
    facts: async () => validFacts,
    heartbeatMs
  });
  return { agent, dir };
}
