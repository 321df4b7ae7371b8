import { availableParallelism } from "node:os";

import { defineConfig } from "vitest/config";

// One run over every workspace that has tests; each keeps its own config.
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "apps/*/vitest.config.ts",
      "apps/mobile/vitest.config.mts",
      "tooling/*/vitest.config.ts",
    ],
    // A test file spends most of its time waiting on PostgreSQL, HTTP and
    // child processes, so one file keeps about one core busy. Vitest's
    // default (cores - 1) is a single worker on a two-core CI machine, which
    // left the other core idle; one worker per core fills both.
    // VITEST_MAX_WORKERS still overrides it for one run.
    maxWorkers: availableParallelism(),
  },
});
