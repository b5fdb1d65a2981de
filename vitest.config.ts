import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects: everything in Node, and the end-to-end tests, which drive the real UI in
 * Chromium and so need the renderer built once per run (their globalSetup does it).
 */
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, 'tests/e2e/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/globalSetup.ts'],
          testTimeout: 45_000,
        },
      },
    ],
  },
});
