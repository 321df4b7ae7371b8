import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "@playwright/test";

import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./e2e/support/chromium";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Browser tests: Debian's Chromium against the production build (`next
 * build` first; `next start` is run by global setup on a fresh database).
 */
export default defineConfig({
  testDir: "./e2e",
  globalSetup: "./e2e/global-setup.ts",
  outputDir: "./test-results",
  // One server, one database, two cores: tests run one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    // Perceived-speed figures recorded by the specs, printed once at the end.
    ["./e2e/support/perceived-reporter.ts"],
    // `pnpm check` reads stats.expected/unexpected/skipped/flaky from here.
    ["json", { outputFile: path.resolve(here, "../../.artifacts/e2e.json") }],
  ],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    screenshot: "only-on-failure",
    trace: "off",
    actionTimeout: 10_000,
    navigationTimeout: 30_000,
    viewport: { width: 1280, height: 800 },
  },
});
