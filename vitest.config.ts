import { defineConfig } from 'vitest/config';

// Three kinds of tests, next to the truth: unit (pure logic), integration (real OBS, real disk),
// e2e (the built app in Debian's Chromium with fake devices). `npm test` builds first.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], testTimeout: 20_000, hookTimeout: 60_000 } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
