import { defineConfig } from 'vitest/config';

// One runner, four kinds of test, each in its own folder (see README "Tests").
// Build, database and browser tests start real processes, so they run one file at a time.
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      // Some unit tests solve LPs or generate scaled sites: 5 s is too tight on 2 busy cores.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'build',
          include: ['test/build/**/*.test.ts'],
          globalSetup: ['test/build/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // The real local stack (embedded PostgreSQL, PostgREST, auth stand-in, gateway),
          // started once on free ports in a temp dir and spoken to through supabase-js.
          name: 'db',
          include: ['test/db/**/*.test.ts'],
          globalSetup: ['test/db/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // Headless Debian Chromium (playwright-core) against built sites (and a throwaway stack for
          // the panel); never skipped under CI.
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 900_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
