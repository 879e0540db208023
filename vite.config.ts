import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Test files run two at a time (one per core of the 2-core machine the suite is sized for):
    // every server a test starts has its own temporary directory and port 0, every test sets up
    // what it needs (tests/helpers/venue-per-test.ts), and waits are for conditions, not for time.
    fileParallelism: true,
    maxWorkers: 2
  }
});
