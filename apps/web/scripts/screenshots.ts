/**
 * Screenshots of every page of the app (the every-page map of the browser
 * tests, e2e/support/pages.ts) at desktop (1280×800) and phone (390×844)
 * widths, light and dark, plus a few states a page only shows after a
 * click (the notifications panel, a dialog, the 403 page), into
 * .artifacts/screenshots (git-ignored), for a person to look at. Runs the
 * same environment as the browser tests: a fresh database, the production
 * build (`next build` first), the worker.
 *
 *   pnpm --filter @fastnext/web screenshots
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { chromium, type Browser, type Page } from "@playwright/test";

import { registerUser } from "../e2e/support/api";
import { E2E_ADMIN } from "../e2e/support/accounts";
import {
  CHROMIUM_ARGS,
  CHROMIUM_MISSING_REASON,
  CHROMIUM_PATH,
  chromiumAvailable,
} from "../e2e/support/chromium";
import { startE2eEnvironment } from "../e2e/support/environment";
import { everyPage, pageRoutes, SIGNED_OUT_ROUTES } from "../e2e/support/pages";
import {
  SCREENSHOT_SCHEMES,
  SCREENSHOT_VIEWPORTS,
  screenshotFile,
  screenshotPlan,
  type ScreenshotScheme,
  type ScreenshotViewport,
} from "../e2e/support/screenshot-plan";

const OUT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../.artifacts/screenshots",
);

interface Account {
  email: string;
  password: string;
}

const PLAIN_USER: Account & { name: string } = {
  name: "Grace Hopper",
  email: "grace@example.com",
  password: "correct horse battery staple",
};

async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // The account menu is in the header at every width (the nav is a drawer on phones).
  await page.getByRole("button", { name: /Account menu/ }).waitFor();
}

/** One browser context per width and scheme, signed in as `account` when given. */
async function openContext(
  browser: Browser,
  baseURL: string,
  viewport: ScreenshotViewport,
  scheme: ScreenshotScheme,
  account: Account | undefined,
): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport: SCREENSHOT_VIEWPORTS[viewport],
    colorScheme: scheme,
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  if (account) await signIn(page, account);
  return page;
}

async function save(page: Page, file: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  // Let fonts, transitions and toasts settle.
  await page.waitForTimeout(300);
  const target = path.join(OUT, file);
  await page.screenshot({ path: target, fullPage: true });
  console.log(`saved ${path.relative(process.cwd(), target)}`);
}

async function main(): Promise<void> {
  if (!chromiumAvailable) {
    console.error(`No screenshots: ${CHROMIUM_MISSING_REASON}`);
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  const environment = await startE2eEnvironment();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const baseURL = environment.baseUrl;
    const setup = await openContext(browser, baseURL, "desktop", "light", E2E_ADMIN);
    const pages = await everyPage(setup.request);
    await registerUser(setup.request, PLAIN_USER);
    await setup.context().close();
    const routes = pageRoutes();
    let count = 0;

    for (const viewport of Object.keys(SCREENSHOT_VIEWPORTS) as ScreenshotViewport[]) {
      for (const scheme of SCREENSHOT_SCHEMES) {
        const shots = screenshotPlan(pages, routes, viewport, scheme);
        const signedIn = await openContext(browser, baseURL, viewport, scheme, E2E_ADMIN);
        const signedOut = await openContext(browser, baseURL, viewport, scheme, undefined);
        for (const shot of shots) {
          const page = SIGNED_OUT_ROUTES.has(shot.route) ? signedOut : signedIn;
          await page.goto(shot.url);
          await save(page, shot.file);
          count += 1;
        }

        // States behind a click.
        await signedIn.goto(pages["/projects/[projectId]"] ?? "/projects");
        await signedIn.getByRole("button", { name: "New item" }).click();
        await save(signedIn, screenshotFile("new-item-dialog", viewport, scheme));
        await signedIn.goto("/");
        await signedIn.getByRole("button", { name: /^Notifications/ }).click();
        await save(signedIn, screenshotFile("notifications", viewport, scheme));
        await signedIn.context().close();
        await signedOut.context().close();
        const plain = await openContext(browser, baseURL, viewport, scheme, PLAIN_USER);
        await plain.goto("/admin/users");
        await save(plain, screenshotFile("forbidden", viewport, scheme));
        await plain.context().close();
        count += 3;
      }
    }
    console.log(
      `${count} screenshots of ${routes.length} pages in ${path.relative(process.cwd(), OUT)}`,
    );
  } finally {
    await browser.close();
    await environment.stop();
  }
}

await main();
