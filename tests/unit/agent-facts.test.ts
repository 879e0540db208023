import { describe, expect, it } from 'vitest';
import { detectBrowser, detectWebcam, readStationFacts, UNKNOWN_FACTS } from '../../agent/facts.ts';
import { stationFactsSchema } from '../../protocol/schemas/index.ts';

describe('readStationFacts', () => {
  it('returns contract-valid facts within a few seconds on this machine', async () => {
    const t0 = Date.now();
    const facts = await readStationFacts();
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(stationFactsSchema.safeParse(facts).success).toBe(true);
    expect(Object.keys(facts).sort()).toEqual(Object.keys(UNKNOWN_FACTS).sort());
  });

  it('reports unknowns as null, never as 0 or a default', async () => {
    const facts = await readStationFacts();
    for (const [key, value] of Object.entries(facts)) {
      if (value === null) continue;
      if (typeof value === 'number') expect(value, key).toBeGreaterThan(0);
      if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
    }
    // A headless test machine has no monitor: the screen must be unknown, not guessed as 1920 × 1080.
    if (!process.env.DISPLAY && process.platform === 'linux') {
      expect(facts.screenWidth).toBeNull();
      expect(facts.screenHeight).toBeNull();
    }
  });

  it('never throws and still answers when every probe times out', async () => {
    const facts = await readStationFacts({ timeoutMs: 1 });
    expect(stationFactsSchema.safeParse(facts).success).toBe(true);
  });

  it('webcam: a boolean from /dev on Linux, unknown elsewhere', async () => {
    const cam = await detectWebcam();
    if (process.platform === 'linux') expect(typeof cam).toBe('boolean');
    else expect(cam).toBeNull();
  });

  it('browser: one of the Lampiran II browsers or null', async () => {
    const b = await detectBrowser();
    if (b !== null) {
      expect(['chrome', 'edge', 'firefox', 'chromium']).toContain(b.name);
      if (b.version !== null) expect(b.version).toMatch(/^\d+\.\d+/);
    }
  });
});
