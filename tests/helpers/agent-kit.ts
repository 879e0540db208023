/**
 * What the station agent's unit tests share: the facts of a PC that passes Lampiran II, waiting for
 * a condition, and clean-up after each test. Light on purpose (no server imports): these tests run
 * the agent against a small socket.io server of their own.
 */
import { afterEach } from 'vitest';
import type { StationFacts } from '../../protocol/index.ts';

export const FACTS: StationFacts = {
  cpuModel: 'Intel Core i5', cpuGhz: 2.9, cpuCores: 6, memoryGb: 8, diskGb: 256, screenWidth: 1920, screenHeight: 1080,
  webcam: true, browserName: 'chrome', browserVersion: '131.0', os: 'Windows 11', networkType: 'wired', networkMbps: 1000
};

/** Resolves once `fn()` is truthy; throws after `timeoutMs` (measured on the monotonic clock: tests may step Date). */
export async function until(fn: () => unknown, timeoutMs = 5000, stepMs = 20): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!fn()) {
    if (performance.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A list of clean-ups (a server to close, an agent to stop) run after each test, the last added first. */
export function cleanupAfterEach(): (() => Promise<unknown> | unknown)[] {
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    while (cleanup.length) await cleanup.pop()!();
  });
  return cleanup;
}
