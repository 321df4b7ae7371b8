import { fileURLToPath } from "node:url";

import { defineProject } from "vitest/config";

// Plain JavaScript: Vitest loads configs of dependencies without compiling them.
const globalSetup = fileURLToPath(
  new URL("../dev-database/src/testing/global-setup.ts", import.meta.url),
);

/**
 * Every workspace's vitest project, alike: one place to change how tests run.
 * @param {string} name
 * @param {{ database?: boolean, testTimeout?: number, runsAfterOthers?: boolean }} [options]
 *   database: the project talks to PostgreSQL, so the shared test server
 *   starts first. runsAfterOthers: the project starts once every other
 *   project is done (it uses something only one test may use at a time).
 */
export function fastnextProject(name, options = {}) {
  return defineProject({
    test: {
      name,
      include: ["test/**/*.test.ts"],
      environment: "node",
      testTimeout: options.testTimeout ?? (options.database ? 30_000 : 5_000),
      hookTimeout: options.database ? 120_000 : 10_000,
      globalSetup: options.database ? [globalSetup] : [],
      sequence: { groupOrder: options.runsAfterOthers ? 1 : 0 },
    },
  });
}
