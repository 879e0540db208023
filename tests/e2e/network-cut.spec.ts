/**
 * Done-when of the live-room issue: an agent's network is cut → its tile turns offline in the
 * browser within 10 s; it comes back → online, and the participant events it queued while
 * offline arrive once each, in order.
 */
import { expect, test } from '@playwright/test';
import { startProxy, type CuttableProxy } from '../helpers/tcp-proxy.ts';
import { realAgent, signIn, startTestServer, until } from './fixtures.ts';
import type { TestServer } from '../helpers/server.ts';

let srv: TestServer;
let proxy: CuttableProxy;

test.beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 1000, flushMs: 100, writeMs: 200, webBuildDir: 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 4, session: 'running' }
  ]);
  proxy = await startProxy(srv.port);
});
test.afterAll(async () => {
  await proxy?.close();
  await srv?.dispose();
});

test('a cut network turns the tile offline, and queued events arrive once each after it returns', async ({ page, context }) => {
  await signIn(context, srv, 'pengawas');
  const s = srv.seeded[0];
  const { agent } = realAgent(`http://127.0.0.1:${proxy.port}`, s, 1000);
  await agent.start();
  try {
    await page.goto(`${srv.url}/rooms/${s.roomId}`);
    const tile = page.getByTestId(`tile-${s.code}`);
    await expect(tile).toHaveAttribute('data-state', 'online', { timeout: 10_000 });

    const nip = s.participant!.nip;
    agent.report({ type: 'login', nip });
    agent.report({ type: 'instrument', instrument: 'manajerial_sosiokultural' });
    agent.report({ type: 'progress', instrument: 'manajerial_sosiokultural', percent: 50 });
    await expect(tile).toContainText(s.participant!.name);
    await expect(tile.getByTestId('progress')).toHaveAttribute('aria-valuenow', '10');

    // The proctor has the station's detail open while it happens.
    await tile.getByRole('button').first().click();
    const history = page.getByTestId('station-detail').locator('table.trans');
    await expect(history).toContainText('daring');

    // Pull the cable: no FIN, no RST — only silence.
    proxy.cut();
    const cutAt = Date.now();
    await expect(tile).toHaveAttribute('data-state', 'offline', { timeout: 10_000 });
    expect(Date.now() - cutAt).toBeLessThan(10_000);
    await expect(history).toContainText('terputus'); // the open panel's history follows

    // The exam goes on while the station is offline; the agent queues on disk.
    agent.report({ type: 'progress', instrument: 'manajerial_sosiokultural', percent: 100 });
    agent.report({ type: 'instrument', instrument: 'potensi' });
    agent.report({ type: 'progress', instrument: 'potensi', percent: 50 });
    expect(agent.pendingCount).toBeGreaterThanOrEqual(3);

    proxy.restore();
    await expect(tile).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await until(() => agent.pendingCount === 0, 10_000);
    await expect(tile.getByTestId('progress')).toHaveAttribute('aria-valuenow', '30');

    const rows = srv.db.$client
      .prepare('select seq, type from participant_events where station_id = ? order by id')
      .all(s.stationId) as { seq: number; type: string }[];
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows.map((r) => r.type)).toEqual(['login', 'instrument', 'progress', 'progress', 'instrument', 'progress']);

    const transitions = srv.db.$client
      .prepare('select to_state as s from station_transitions where station_id = ? order by id')
      .all(s.stationId) as { s: string }[];
    expect(transitions.map((t) => t.s)).toEqual(['online', 'offline', 'online']);
    // The offline marker stays until a proctor acknowledges it.
    await expect(tile).toHaveAttribute('data-attention', 'offline');
    await page.screenshot({ path: '.tmp/e2e-network-cut.png' });
  } finally {
    await agent.stop();
  }
});
