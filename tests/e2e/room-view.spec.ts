/**
 * The room view as two proctors use it: live counters, a degraded station raising a marker that
 * one proctor acknowledges and the other sees cleared, the station detail with the Lampiran II
 * table and the latency chart, filters, and the English switch.
 */
import { expect, test, type Page } from '@playwright/test';
import { MemoryQueue } from '../../agent/event-queue.ts';
import { StationAgent } from '../../agent/station-agent.ts';
import { startTestServer, validFacts, type TestServer } from '../helpers/server.ts';
import { cspViolations, signedInPage } from './fixtures.ts';

let srv: TestServer;
const agents: StationAgent[] = [];

test.beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 100, writeMs: 200, webBuildDir: process.env.CACT_WEB_BUILD ?? 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 3, cols: 4, spares: 1, session: 'running' }
  ]);
  const [a, b, c] = srv.seeded;
  const start = (s: (typeof srv.seeded)[number], extraMs: number, facts = validFacts) => {
    const agent = new StationAgent({
      serverUrl: srv.url, token: s.token, agentVersion: 'e2e', queue: new MemoryQueue(),
      facts: async () => facts, heartbeatMs: 500, rttAdjust: (ms) => ms + extraMs
    });
    agents.push(agent);
    return agent.start().then(() => agent);
  };
  const first = await start(a, 40);
  await start(b, 450); // every heartbeat far over 300 ms: degraded
  await start(c, 60, { ...validFacts, webcam: false, screenWidth: 1366, screenHeight: 768 });
  first.report({ type: 'login', nip: a.participant!.nip });
  first.report({ type: 'instrument', instrument: 'potensi' });
  first.report({ type: 'progress', instrument: 'potensi', percent: 50 });
});
test.afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await srv?.dispose();
});

const openRoom = async (page: Page) => {
  await page.goto(`${srv.url}/rooms/${srv.seeded[0].roomId}`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
};

test('two proctors watch the room live; an acknowledged marker clears for both', async ({ browser }) => {
  const [a, b, c] = srv.seeded;
  // Two proctors, each signed in with their own account and browser.
  const p1 = await signedInPage(browser, srv, 'pengawas');
  const p2 = await signedInPage(browser, srv, 'instruktur');
  const csp = cspViolations(p1);
  await openRoom(p1);
  await openRoom(p2);

  for (const p of [p1, p2]) {
    await expect(p.getByTestId('count-total')).toHaveText('12');
    await expect(p.getByTestId('count-online')).toHaveText('2');
    await expect(p.getByTestId('count-degraded')).toHaveText('1');
    await expect(p.getByTestId('count-offline')).toHaveText('9');
    await expect(p.getByTestId('count-logged-in')).toHaveText('1');
  }
  const tileB1 = p1.getByTestId(`tile-${b.code}`);
  await expect(tileB1).toHaveAttribute('data-state', 'degraded');
  await expect(tileB1).toHaveAttribute('data-attention', 'degraded');
  await expect(p2.getByTestId(`tile-${b.code}`)).toHaveAttribute('data-attention', 'degraded');
  await expect(p1.getByTestId(`tile-${a.code}`).getByTestId('progress')).toHaveAttribute('aria-valuenow', '30');

  // Proctor 1 acknowledges; proctor 2 sees the marker go, and it is recorded.
  await tileB1.getByRole('button', { name: new RegExp(b.code) }).last().click();
  await expect(p2.getByTestId(`tile-${b.code}`)).toHaveAttribute('data-attention', '');
  const acked = srv.db.$client.prepare('select count(*) as n from station_alerts where station_id = ? and acked_at is not null').get(b.stationId) as { n: number };
  expect(acked.n).toBe(1);

  // Filter: only the degraded station.
  // (tiles the filter leaves out stay mounted, hidden: switching filters does not rebuild them)
  await p1.getByTestId('filter-degraded').click();
  await expect(p1.locator('article[data-testid^="tile-"]:visible')).toHaveCount(1);
  await p1.getByTestId('filter-all').click();
  await expect(p1.locator('article[data-testid^="tile-"]:visible')).toHaveCount(12);

  // Station detail: Lampiran II items (webcam and monitor fail here) and the latency chart.
  await p1.getByTestId(`tile-${c.code}`).getByRole('button').first().click();
  const detail = p1.getByTestId('station-detail');
  await expect(detail).toBeVisible();
  await expect(detail.locator('tr.c-fail')).toHaveCount(2);
  await expect(detail.getByTestId('latency-chart').locator('canvas')).toHaveCount(1);
  await p1.screenshot({ path: '.tmp/e2e-room-detail.png' });

  // English.
  await p1.getByRole('button', { name: /English/ }).click();
  await expect(p1.getByTestId(`tile-${a.code}`)).toContainText('online');
  await expect(detail).toContainText('Lampiran II compliance');
  // The pages' Content-Security-Policy let the socket, the app and the uPlot chart work.
  expect(csp).toEqual([]);
  await p1.context().close();
  await p2.context().close();
});
