/**
 * Screenshots of the main pages at desktop (1280×800) and phone (390×844)
 * widths, light and dark, into .artifacts/screenshots (git-ignored), for a
 * person to look at. Runs the same environment as the browser tests: a
 * fresh database, the production build (`next build` first), the worker.
 *
 *   pnpm --filter @fastnext/web screenshots
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { chromium, type Browser, type Page } from "@playwright/test";
import { z } from "zod";

import {
  addMember,
  createInstance,
  createProject,
  mutate,
  publishReviewTemplate,
  query,
  registerUser,
} from "../e2e/support/api";
import { E2E_ADMIN } from "../e2e/support/accounts";
import {
  CHROMIUM_ARGS,
  CHROMIUM_MISSING_REASON,
  CHROMIUM_PATH,
  chromiumAvailable,
} from "../e2e/support/chromium";
import { startE2eEnvironment } from "../e2e/support/environment";

const OUT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../.artifacts/screenshots",
);

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // The account menu is in the header at every width (the nav is a drawer on phones).
  await page.getByRole("button", { name: /Account menu/ }).waitFor();
}

const ZTemplatePage = z.object({ items: z.array(z.object({ id: z.uuid(), key: z.string() })) });
const ZTransition = z.object({ version: z.number() });

/** Enough data for the pages to look like they are in use. */
async function arrange(page: Page) {
  const request = page.request;
  const templateKey = await publishReviewTemplate(request, "Purchase request");
  const templates = ZTemplatePage.parse(
    await query(request, "workflows.templates.list", { key: templateKey, limit: 5 }),
  );
  const templateId = templates.items[0]?.id ?? "";
  const projectId = await createProject(request, "Office relocation");
  await createProject(request, "Website relaunch");
  await createProject(request, "Quarterly audit");
  const people = [
    { name: "Grace Hopper", email: "grace@example.com", password: "correct horse battery staple" },
    { name: "Alan Turing", email: "alan@example.com", password: "correct horse battery staple" },
  ];
  const ids: string[] = [];
  for (const person of people) ids.push(await registerUser(request, person));
  await addMember(request, projectId, ids[0] ?? "", "editor");
  await addMember(request, projectId, ids[1] ?? "", "viewer");
  const titles = [
    "New desks",
    "Standing chairs",
    "Meeting room screens",
    "Coffee machine",
    "Moving company",
  ];
  const instanceIds: string[] = [];
  for (const title of titles)
    instanceIds.push(await createInstance(request, projectId, templateKey, title));
  // Spread them over the columns.
  for (const [index, instanceId] of instanceIds.entries()) {
    if (index < 2) continue;
    const moved = ZTransition.parse(
      await mutate(request, "workflows.instances.transition", {
        instanceId,
        transitionKey: "submit",
        expectedVersion: 1,
      }),
    );
    if (index === 4) {
      await mutate(request, "workflows.instances.transition", {
        instanceId,
        transitionKey: "approve",
        expectedVersion: moved.version,
        comment: "Quote accepted.",
      });
    }
  }
  await mutate(request, "workflows.instances.assign", {
    instanceId: instanceIds[2],
    assigneeId: ids[0] ?? null,
  });
  return { projectId, templateId, instanceId: instanceIds[2] ?? "", viewer: people[1] };
}

async function shoot(
  browser: Browser,
  baseURL: string,
  name: string,
  run: (page: Page) => Promise<void>,
  signInAs?: { email: string; password: string },
) {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    for (const scheme of ["light", "dark"] as const) {
      // Dark only at desktop width: enough to see the palette, half the files.
      if (scheme === "dark" && size === "phone") continue;
      const context = await browser.newContext({
        baseURL,
        viewport,
        colorScheme: scheme,
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      if (signInAs) await signIn(page, signInAs.email, signInAs.password);
      await run(page);
      // Let fonts, transitions and toasts settle.
      await page.waitForTimeout(400);
      const file = path.join(OUT, `${name}-${size}${scheme === "dark" ? "-dark" : ""}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`saved ${path.relative(process.cwd(), file)}`);
      await context.close();
    }
  }
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
    const setup = await browser.newContext({ baseURL });
    const setupPage = await setup.newPage();
    await signIn(setupPage, E2E_ADMIN.email, E2E_ADMIN.password);
    const data = await arrange(setupPage);
    await setup.close();
    const admin = { email: E2E_ADMIN.email, password: E2E_ADMIN.password };

    await shoot(browser, baseURL, "sign-in", (page) => page.goto("/sign-in").then(() => undefined));
    await shoot(browser, baseURL, "register", (page) =>
      page.goto("/register").then(() => undefined),
    );
    await shoot(
      browser,
      baseURL,
      "dashboard",
      (page) => page.goto("/").then(() => undefined),
      admin,
    );
    await shoot(
      browser,
      baseURL,
      "projects",
      (page) => page.goto("/projects").then(() => undefined),
      admin,
    );
    await shoot(
      browser,
      baseURL,
      "board",
      (page) => page.goto(`/projects/${data.projectId}`).then(() => undefined),
      admin,
    );
    await shoot(
      browser,
      baseURL,
      "instance",
      (page) =>
        page.goto(`/projects/${data.projectId}/instances/${data.instanceId}`).then(() => undefined),
      admin,
    );
    await shoot(
      browser,
      baseURL,
      "members",
      (page) => page.goto(`/projects/${data.projectId}/members`).then(() => undefined),
      admin,
    );
    await shoot(
      browser,
      baseURL,
      "project-settings",
      (page) => page.goto(`/projects/${data.projectId}/settings`).then(() => undefined),
      admin,
    );
    await shoot(
      browser,
      baseURL,
      "templates",
      (page) => page.goto("/workflows").then(() => undefined),
      admin,
    );
    await shoot(
      browser,
      baseURL,
      "template-editor",
      (page) => page.goto(`/workflows/templates/${data.templateId}`).then(() => undefined),
      admin,
    );
    await shoot(
      browser,
      baseURL,
      "admin-users",
      (page) => page.goto("/admin/users").then(() => undefined),
      admin,
    );
    await shoot(
      browser,
      baseURL,
      "admin-roles",
      (page) => page.goto("/admin/roles").then(() => undefined),
      admin,
    );
    await shoot(
      browser,
      baseURL,
      "admin-activity",
      (page) => page.goto("/admin/activity").then(() => undefined),
      admin,
    );
    await shoot(
      browser,
      baseURL,
      "admin-system",
      (page) => page.goto("/admin/system").then(() => undefined),
      admin,
    );
    await shoot(
      browser,
      baseURL,
      "account",
      (page) => page.goto("/account").then(() => undefined),
      admin,
    );
    await shoot(
      browser,
      baseURL,
      "notifications",
      async (page) => {
        await page.goto("/");
        await page.getByRole("button", { name: /^Notifications/ }).click();
      },
      { email: "grace@example.com", password: "correct horse battery staple" },
    );
    await shoot(
      browser,
      baseURL,
      "forbidden",
      (page) => page.goto("/admin/users").then(() => undefined),
      { email: data.viewer?.email ?? "", password: data.viewer?.password ?? "" },
    );
    await shoot(
      browser,
      baseURL,
      "new-item-dialog",
      async (page) => {
        await page.goto(`/projects/${data.projectId}`);
        await page.getByRole("button", { name: "New item" }).click();
      },
      admin,
    );
  } finally {
    await browser.close();
    await environment.stop();
  }
}

await main();
