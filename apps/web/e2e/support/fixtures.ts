import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";

import { chromiumAvailable, CHROMIUM_MISSING_REASON } from "./chromium";
import { E2E_ADMIN } from "./accounts";
import { readState } from "./state";

export { expect };

export interface Account {
  email: string;
  password: string;
  name: string;
}

let counter = 0;

/** A unique new account (registered by the test through the UI or `register`). */
export function newAccount(label: string): Account {
  counter += 1;
  const stamp = `${Date.now().toString(36)}${counter}`;
  return {
    name: `${label} ${stamp}`,
    email: `${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${stamp}@example.com`,
    password: "correct horse battery staple",
  };
}

export const admin: Account = E2E_ADMIN;

/** Chromium's console line for a blocked resource or inline code. */
const CSP_MESSAGE = /Content[- ]Security[- ]Policy/i;

/** Reports each `securitypolicyviolation` event as a console error the guard below reads. */
function reportViolations(): void {
  document.addEventListener("securitypolicyviolation", (event) => {
    console.error(
      `Content-Security-Policy violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}`,
    );
  });
}

/** Collects the policy violations of every page opened in `context`. */
async function watchPolicyViolations(context: BrowserContext, violations: string[]): Promise<void> {
  await context.addInitScript(reportViolations);
  const watch = (page: Page) => {
    page.on("console", (message) => {
      if (CSP_MESSAGE.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on("page", watch);
}

export const test = base.extend<{ policyViolations: string[] }, { e2eBaseUrl: string }>({
  /**
   * Fails any test during which a page broke the Content-Security-Policy
   * (the default context's pages and those of contexts the test opens), so
   * the app is proven to run under its policy.
   */
  policyViolations: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      await watchPolicyViolations(context, violations);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const opened = await newContext(options);
        await watchPolicyViolations(opened, violations);
        return opened;
      };
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  e2eBaseUrl: [
    async ({}, use) => {
      await use(chromiumAvailable ? readState().baseUrl : "http://127.0.0.1:9");
    },
    { scope: "worker" },
  ],
  baseURL: async ({ e2eBaseUrl }, use) => {
    await use(e2eBaseUrl);
  },
});

/**
 * Called at the top of every spec file: without a browser each test is
 * reported as skipped, with the reason, before anything tries to launch one.
 */
export function requireChromium(): void {
  test.skip(!chromiumAvailable, CHROMIUM_MISSING_REASON);
}

export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // The account menu is in the header at every width (on phones the nav is a closed drawer).
  await expect(page.getByRole("button", { name: /^Account menu/ })).toBeVisible();
}

export async function register(page: Page, account: Account): Promise<void> {
  await page.goto("/register");
  await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

/** A second person in their own browser context (own cookies), signed in. */
export async function openSession(
  browser: Browser,
  baseURL: string,
  account: Account,
): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, account);
  return page;
}
