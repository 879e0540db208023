import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's Chromium (no browser download here). Each test file starts its
// own server on loopback (port 0) with a throwaway SQLite file in a directory of its own
// (tests/e2e/fixtures.ts), so files run in parallel: two workers, one per core of the 2-core
// machine the suite is sized for (1.5 min instead of 2.5 with one). Tests within a file run in order.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: process.env.PW_JSON ?? '.tmp/playwright.json' }]],
  use: {
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    },
    screenshot: 'only-on-failure',
    trace: 'off'
  }
});
