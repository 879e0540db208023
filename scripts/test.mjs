#!/usr/bin/env node
// `npm test`: type check, unit + integration tests (vitest), then end-to-end tests in Debian's Chromium
// (Playwright), after building the dashboard they drive. Installs chromium when it is missing, and
// poppler-utils (pdftotext: the documents' golden tests read the PDFs' text with it).
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

if (!existsSync('/usr/bin/chromium')) {
  console.log('chromium is missing: installing Debian\'s package');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
}
if (!existsSync('/usr/bin/pdftotext')) {
  console.log('pdftotext is missing: installing Debian\'s poppler-utils');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils', { stdio: 'inherit' });
}
mkdirSync('.tmp', { recursive: true });

// Types first: server, agent, web and tests share one contract, and a break shows here.
if (run('npx', ['svelte-kit', 'sync']) !== 0 || run('npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--threshold', 'error', '--output', 'human']) !== 0) {
  console.log('\n0 passed, 1 failed (type check)');
  process.exit(1);
}
if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1);
const unit = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest.json']);
const e2e = run('npx', ['playwright', 'test'], { PW_JSON: '.tmp/playwright.json' });

let passed = 0, failed = 0, skipped = 0;
try {
  const v = JSON.parse(readFileSync('.tmp/vitest.json', 'utf8'));
  passed += v.numPassedTests; failed += v.numFailedTests; skipped += v.numPendingTests + v.numTodoTests;
} catch { failed += unit === 0 ? 0 : 1; }
try {
  const p = JSON.parse(readFileSync('.tmp/playwright.json', 'utf8')).stats;
  passed += p.expected; failed += p.unexpected + p.flaky * 0; skipped += p.skipped;
} catch { failed += e2e === 0 ? 0 : 1; }
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(unit === 0 && e2e === 0 && failed === 0 ? 0 : 1);
