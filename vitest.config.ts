import { defineConfig } from 'vitest/config';

/**
 * Two projects, both run by a plain `vitest run`:
 * - unit: logic and the server, in node, files in parallel;
 * - e2e: headless Chromium against the built app, one file at a time (one browser each).
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/e2e/**', '**/node_modules/**', 'dist/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
