import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: Debian Chromium via playwright-core against the production build.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
