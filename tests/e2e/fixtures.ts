/** Shared set-up for the browser tests: a real server with the built dashboard, on loopback. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { DurableQueue } from '../../agent/durable-queue.ts';
import { StationAgent } from '../../agent/station-agent.ts';
import type { SeededStation } from '../../demo/seed.ts';
import type { Role } from '../../protocol/index.ts';
import { validFacts, type Session, type TestServer } from '../helpers/server.ts';

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

/** Sign in over HTTP as the seeded account of `role` and give the browser context its cookie. */
export async function signIn(context: BrowserContext, srv: TestServer, role: Role): Promise<Session> {
  const s = await srv.login(role);
  const eq = s.cookie.indexOf('=');
  await context.addCookies([{ name: s.cookie.slice(0, eq), value: s.cookie.slice(eq + 1), url: srv.url }]);
  return s;
}

/** A fresh context (its own cookie jar) signed in as `role`, and a page in it. */
export async function signedInPage(browser: Browser, srv: TestServer, role: Role): Promise<Page> {
  const context = await browser.newContext();
  await signIn(context, srv, role);
  return context.newPage();
}

/** Collects Content-Security-Policy violations reported in the page's console. */
export function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}
