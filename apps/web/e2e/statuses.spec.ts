import { randomUUID } from "node:crypto";

import { type Page } from "@playwright/test";

import {
  addMember,
  createInstance,
  createProject,
  publishReviewTemplate,
  registerUser,
} from "./support/api";
import {
  admin,
  expect,
  newAccount,
  openSession,
  requireChromium,
  signIn,
  test,
} from "./support/fixtures";

requireChromium();

/** The HTTP status of a full page load (the document itself, not a client navigation). */
async function statusOf(page: Page, url: string): Promise<number | undefined> {
  const response = await page.goto(url);
  return response?.status();
}

test.describe("page statuses", () => {
  test("unknown or invisible ids answer 404, pages a user may not see answer 403", async ({
    page,
    browser,
    baseURL,
  }) => {
    const stamp = Date.now().toString(36);
    await signIn(page, admin);
    const templateKey = await publishReviewTemplate(page.request, `Statuses ${stamp}`);
    const projectId = await createProject(page.request, `Statuses ${stamp}`);
    const itemId = await createInstance(page.request, projectId, templateKey, "Known item");
    // Someone else's private project, and one where the other user is a viewer.
    const privateId = await createProject(page.request, `Private ${stamp}`);
    const outsider = newAccount("Outsider");
    const outsiderId = await registerUser(page.request, outsider);
    await addMember(page.request, projectId, outsiderId, "viewer");

    // What exists answers 200 to whoever may see it.
    expect(await statusOf(page, `/projects/${projectId}`)).toBe(200);
    expect(await statusOf(page, `/projects/${projectId}/instances/${itemId}`)).toBe(200);
    expect(await statusOf(page, `/projects/${projectId}/settings`)).toBe(200);
    expect(await statusOf(page, "/admin/users")).toBe(200);

    // Unknown ids: the 404 page with status 404.
    expect(await statusOf(page, `/projects/${randomUUID()}`)).toBe(404);
    await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
    expect(await statusOf(page, `/projects/${projectId}/instances/${randomUUID()}`)).toBe(404);
    expect(await statusOf(page, `/projects/not-an-id`)).toBe(404);
    expect(await statusOf(page, `/workflows/templates/${randomUUID()}`)).toBe(404);
    // A known item under another project's URL is not found there either.
    expect(await statusOf(page, `/projects/${privateId}/instances/${itemId}`)).toBe(404);

    const other = await openSession(browser, baseURL ?? "", outsider);
    // Another user's project is NOT_FOUND to the API: the page says 404 too.
    expect(await statusOf(other, `/projects/${privateId}`)).toBe(404);
    expect(await statusOf(other, `/projects/${privateId}/members`)).toBe(404);
    await expect(other.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
    // A viewer sees the project and its item, not its settings.
    expect(await statusOf(other, `/projects/${projectId}`)).toBe(200);
    expect(await statusOf(other, `/projects/${projectId}/instances/${itemId}`)).toBe(200);
    expect(await statusOf(other, `/projects/${projectId}/settings`)).toBe(403);
    // Administration without the permissions: the 403 page with status 403, in the shell.
    for (const url of ["/admin/users", "/admin/roles", "/admin/activity", "/admin/system"]) {
      expect(await statusOf(other, url), url).toBe(403);
    }
    await expect(
      other.getByRole("heading", { name: "You do not have access to this page" }),
    ).toBeVisible();
    await expect(other.getByRole("navigation", { name: "Main" })).toBeVisible();
    expect(await statusOf(other, "/workflows")).toBe(403);
    await other.context().close();
  });
});
