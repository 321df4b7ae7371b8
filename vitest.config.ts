import { defineConfig } from "vitest/config";

// One run over every workspace that has tests; each keeps its own config.
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "apps/*/vitest.config.ts",
      "tooling/*/vitest.config.ts",
    ],
  },
});
