import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/chromium.ts', 'test/setup/prisma.ts', 'test/setup/workspaces.ts'],
    reporters: ['default', './test/setup/slowest-files.ts'],
    // Vitest's default leaves a core idle (cores - 1 workers): on the 2-core machines we run on,
    // that runs the files one after another. The suites spend most of their time in TypeScript.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files share a worker's modules (TypeScript, the engine, typescript-eslint load once per
    // worker, not once per file: half the suite's CPU time). A file that needs a module's initial
    // state (the runtime with no key, no consent) loads a fresh copy (test/runtime/fresh.ts), and
    // a file that spies restores its spies.
    isolate: false,
  },
});
