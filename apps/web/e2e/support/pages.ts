import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import {
  type APIRequestContext,
  type Browser,
  type BrowserContextOptions,
  type Page,
} from "@playwright/test";
import { z } from "zod";

import {
  addMember,
  createInstance,
  createProject,
  mutate,
  publishReviewTemplate,
  query,
  registerUser,
} from "./api";
import { expect, newAccount } from "./fixtures";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/app");

/** Every page route of the app, as Next.js derives it from the folders: `(group)` folders add nothing. */
export function pageRoutes(dir = appDir, prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry.startsWith("_") || entry.startsWith("@")) continue;
      const segment = /^\(.*\)$/.test(entry) ? "" : `/${entry}`;
      routes.push(...pageRoutes(full, `${prefix}${segment}`));
    } else if (entry === "page.tsx") {
      routes.push(prefix === "" ? "/" : prefix);
    }
  }
  return routes.sort();
}

const ZTemplates = z.object({ items: z.array(z.object({ id: z.uuid() })) });

/**
 * A project with members, a template and items in two states, made through
 * the API by the signed-in admin; returns a concrete URL for every page
 * route (the key), so a check can visit every page of the app. The tests
 * that use it also compare the keys with `pageRoutes()`, so a new page
 * cannot be left out.
 */
export async function everyPage(request: APIRequestContext): Promise<Record<string, string>> {
  const stamp = Date.now().toString(36);
  const templateKey = await publishReviewTemplate(request, `Every page ${stamp}`);
  const templateId = ZTemplates.parse(
    await query(request, "workflows.templates.list", { key: templateKey, limit: 1 }),
  ).items[0]?.id;
  const projectId = await createProject(request, `A project with a rather long name ${stamp}`);
  const member = newAccount("Member with a long name");
  await addMember(request, projectId, await registerUser(request, member), "editor");
  let instanceId = "";
  for (const title of ["Order standing desks for the whole second floor", "Chairs", "Lamps"]) {
    instanceId = await createInstance(request, projectId, templateKey, title);
  }
  await mutate(request, "workflows.instances.transition", {
    instanceId,
    transitionKey: "submit",
    expectedVersion: 1,
  });
  return {
    "/": "/",
    "/account": "/account",
    "/account/link": "/account/link",
    "/admin/activity": "/admin/activity",
    "/admin/roles": "/admin/roles",
    "/admin/system": "/admin/system",
    "/admin/users": "/admin/users",
    "/forgot-password": "/forgot-password",
    "/invitations/[token]": "/invitations/not-a-real-invitation-token-000000",
    "/projects": "/projects",
    "/projects/[projectId]": `/projects/${projectId}?template=${templateKey}`,
    "/projects/[projectId]/analytics": `/projects/${projectId}/analytics?template=${templateKey}`,
    "/projects/[projectId]/import": `/projects/${projectId}/import?template=${templateKey}`,
    "/projects/[projectId]/instances/[instanceId]": `/projects/${projectId}/instances/${instanceId}`,
    "/projects/[projectId]/members": `/projects/${projectId}/members`,
    "/projects/[projectId]/settings": `/projects/${projectId}/settings`,
    "/register": "/register",
    "/reset-password": "/reset-password?token=not-a-real-token",
    "/sign-in": "/sign-in",
    "/sign-in/external": "/sign-in/external",
    "/workflows": "/workflows",
    "/workflows/templates/[templateId]": `/workflows/templates/${templateId}`,
  };
}

/** Pages for people who are not signed in (a signed-in visitor is sent on to the app). */
export const SIGNED_OUT_ROUTES: ReadonlySet<string> = new Set([
  "/forgot-password",
  "/invitations/[token]",
  "/register",
  "/reset-password",
  "/sign-in",
  "/sign-in/external",
]);

/**
 * Runs `check` on every page of the app as its audience sees it: the
 * signed-in `page` for the app's pages, a context of its own (the same
 * options, no session cookie) for the signed-out ones. A page route missing
 * from the map fails first, so a new page cannot escape the check. Returns
 * every problem, each after its URL.
 */
export async function problemsOnEveryPage(
  page: Page,
  browser: Browser,
  contextOptions: BrowserContextOptions,
  check: (visitor: Page) => Promise<string[]>,
): Promise<string[]> {
  const pages = await everyPage(page.request);
  expect(Object.keys(pages).sort()).toEqual(pageRoutes());
  const outside = await browser.newContext(contextOptions);
  const signedOut = await outside.newPage();
  const problems: string[] = [];
  try {
    for (const [route, url] of Object.entries(pages)) {
      const visitor = SIGNED_OUT_ROUTES.has(route) ? signedOut : page;
      await visitor.goto(url);
      await visitor.waitForLoadState("networkidle");
      for (const problem of await check(visitor)) problems.push(`${url}: ${problem}`);
    }
  } finally {
    await outside.close();
  }
  return problems;
}
