import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { z } from "zod";

import {
  addMember,
  createInstance,
  createProject,
  mutate,
  publishReviewTemplate,
  query,
  registerUser,
} from "./support/api";
import { admin, expect, newAccount, requireChromium, signIn, test } from "./support/fixtures";
import { layoutProblems } from "./support/layout";

requireChromium();

const PHONE = { width: 390, height: 844 };
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../src/app");

/** Every page route of the app, as Next.js derives it from the folders: `(group)` folders add nothing. */
function pageRoutes(dir = appDir, prefix = ""): string[] {
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

test.describe("phone width (390 px)", () => {
  test.use({ viewport: PHONE });

  test("no page scrolls sideways or draws past the screen's edge", async ({ page }) => {
    test.setTimeout(180_000);
    const stamp = Date.now().toString(36);
    await signIn(page, admin);
    const request = page.request;
    const templateKey = await publishReviewTemplate(request, `Phone layout ${stamp}`);
    const templateId = ZTemplates.parse(
      await query(request, "workflows.templates.list", { key: templateKey, limit: 1 }),
    ).items[0]?.id;
    const projectId = await createProject(request, `A project with a rather long name ${stamp}`);
    const member = newAccount("Phone member with a long name");
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

    const concrete: Record<string, string> = {
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
    // A new page must be added here, so it cannot escape the check.
    expect(Object.keys(concrete).sort()).toEqual(pageRoutes());

    const failures: string[] = [];
    for (const url of Object.values(concrete)) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      for (const problem of await layoutProblems(page)) failures.push(`${url}: ${problem}`);
    }
    expect(failures).toEqual([]);
  });

  test("the header's panels open inside the screen", async ({ page }) => {
    await signIn(page, admin);
    await page.goto("/projects");
    for (const button of [/^Notifications/, /^Theme:/, /^Account menu/]) {
      await page.getByRole("button", { name: button }).click();
      const panel = page.locator(".popover:visible");
      await expect(panel).toBeVisible();
      const box = await panel.boundingBox();
      if (!box) throw new Error(`the ${button.source} panel has no box`);
      expect(box.x, `${button.source} panel's left edge`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${button.source} panel's right edge`).toBeLessThanOrEqual(
        PHONE.width,
      );
      await page.keyboard.press("Escape");
    }
    const problems = await layoutProblems(page);
    expect(problems).toEqual([]);
  });
});
