import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { lanAddresses } from "@fastnext/config/network";
import { createPrismaClient } from "@fastnext/db";
import { seedDemoData } from "@fastnext/db/admin";
import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";
import { freePort } from "@fastnext/test-support";

import {
  CHROMIUM_ARGS,
  CHROMIUM_MISSING_REASON,
  CHROMIUM_PATH,
  chromiumAvailable,
} from "../e2e/support/chromium";

/**
 * `next dev` as `npm start` runs it, opened in Chromium at 127.0.0.1 and at
 * the machine's LAN address rather than at localhost: the page must hydrate
 * (Next serves its dev scripts only to allowed origins) and sign-in must
 * land signed in on the same host, and signing out too (next-auth takes the
 * URL from the request in development).
 * Next allows one `next dev` per directory: with `npm start` running in
 * this checkout, this test fails at start-up saying so. Bounded: next dev
 * compiles each page on first request.
 */

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ADMIN = { email: "dev-origins@example.com", password: "dev-origins-password" };
const lan = lanAddresses()[0];

if (!chromiumAvailable) console.warn(`dev server browser test skipped: ${CHROMIUM_MISSING_REASON}`);
if (!lan)
  console.warn(
    "dev server browser test at the LAN address skipped: this machine has no non-loopback IPv4 address",
  );

let db: TestDatabase;
let next: ChildProcess;
let output = "";
let port: number;
let browser: Browser;

async function waitUntilAnswering(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (next.exitCode !== null) throw new Error(`next dev exited early:\n${output}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next dev did not answer in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe.skipIf(!chromiumAvailable)(
  "the development server opened at another host than localhost",
  () => {
    beforeAll(async () => {
      db = await createTestDatabase();
      const owner = createPrismaClient({ connectionString: db.ownerUrl, max: 1 });
      await seedDemoData(owner, {
        SEED_ADMIN_EMAIL: ADMIN.email,
        SEED_ADMIN_PASSWORD: ADMIN.password,
      });
      await owner.$disconnect();

      port = await freePort();
      // As the launcher starts it: no hostname (every interface), no
      // NEXTAUTH_URL or APP_URL.
      next = spawn(
        process.execPath,
        [path.join(appDir, "node_modules/next/dist/bin/next"), "dev", "--port", String(port)],
        {
          cwd: appDir,
          detached: true,
          env: {
            PATH: process.env.PATH ?? "",
            NODE_ENV: "development",
            NEXT_TELEMETRY_DISABLED: "1",
            LOG_FORMAT: "json",
            DATABASE_URL: db.ownerUrl,
            DATABASE_APP_URL: db.appUrl,
          },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      next.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      next.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      await waitUntilAnswering(`http://127.0.0.1:${port}/api/health`, 90_000);
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    }, 150_000);

    afterAll(async () => {
      await browser.close();
      if (next.pid && next.exitCode === null) {
        process.kill(-next.pid, "SIGTERM");
        await new Promise((resolve) => next.once("exit", resolve));
      }
      await db.drop();
    }, 30_000);

    async function signInAt(host: string): Promise<void> {
      const origin = `http://${host}:${port}`;
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${origin}/sign-in`, { timeout: 120_000 });
        // Hydrated: the form validates in the browser. Without its scripts it
        // would be submitted as a plain GET and the page reloaded with a query.
        const form = page.getByRole("form", { name: "Sign in" });
        await page.getByLabel("E-mail").fill("not-an-email");
        await form.getByRole("button", { name: "Sign in" }).click();
        await expect
          .poll(() => page.getByText("Enter a valid e-mail address").isVisible(), {
            timeout: 60_000,
          })
          .toBe(true);
        expect(page.url()).toBe(`${origin}/sign-in`);

        await page.getByLabel("E-mail").fill(ADMIN.email);
        await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
        await form.getByRole("button", { name: "Sign in" }).click();
        await page.waitForURL(`${origin}/`, { timeout: 90_000 });
        // Signed in on this host: the overview, not a redirect back to sign-in.
        await page.getByRole("button", { name: /Account menu/ }).waitFor({ timeout: 60_000 });
        expect(new URL(page.url()).host).toBe(`${host}:${port}`);
        const cookies = await context.cookies(origin);
        expect(cookies.map((cookie) => cookie.name)).toContain("next-auth.session-token");

        // next-auth's own redirects stay on this host too (with a fixed
        // localhost URL, signing out would land on localhost).
        await page.getByRole("button", { name: /Account menu/ }).click();
        await page.getByRole("menuitem", { name: "Sign out" }).click();
        await page.waitForURL(`${origin}/sign-in`, { timeout: 60_000 });
      } finally {
        await context.close();
      }
    }

    it("hydrates and signs in at 127.0.0.1", async () => {
      await signInAt("127.0.0.1");
    }, 240_000);

    it.skipIf(!lan)(
      `hydrates and signs in at the LAN address (${lan ?? "none"})`,
      async () => {
        await signInAt(lan ?? "");
      },
      120_000,
    );
  },
);
