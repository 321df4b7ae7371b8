import { registerUser } from "./support/api";
import { admin, expect, newAccount, requireChromium, signIn, test } from "./support/fixtures";

requireChromium();

test.describe("administration", () => {
  test("an admin creates a role, gives it to a user, and the user gets exactly that access", async ({
    page,
    browser,
    baseURL,
  }) => {
    const stamp = Date.now().toString(36);
    const auditor = newAccount("Audrey");
    await signIn(page, admin);
    await registerUser(page.request, auditor);

    await page.getByRole("link", { name: "Roles" }).click();
    await page.getByRole("button", { name: "New role" }).click();
    const dialog = page.getByRole("dialog", { name: "New role" });
    await dialog.getByLabel("Name").fill(`Auditor ${stamp}`);
    await dialog.getByLabel("Key").fill("Not A Key");
    await dialog.getByRole("button", { name: "Create role" }).click();
    await expect(
      dialog.getByText("Lower-case letters, digits and _, starting with a letter"),
    ).toBeVisible();
    await dialog.getByLabel("Key").fill(`auditor_${stamp}`);
    await dialog
      .getByRole("group", { name: /Activity/ })
      .getByLabel("activity.read_all")
      .check();
    await dialog.getByRole("button", { name: "Create role" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("heading", { name: `Auditor ${stamp}`, level: 2 })).toBeVisible();
    await expect(page.getByLabel("activity.read_all")).toBeChecked();

    await page.getByRole("link", { name: "Users" }).click();
    await page.getByRole("searchbox", { name: "Search" }).fill(auditor.email);
    await page.getByRole("button", { name: `Edit ${auditor.name}` }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${auditor.name}` });
    await edit.getByLabel(`Auditor ${stamp}`).check();
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByRole("row", { name: new RegExp(auditor.name) })).toContainText(
      `Auditor ${stamp}`,
    );

    const context = await browser.newContext({ baseURL });
    const auditorPage = await context.newPage();
    await signIn(auditorPage, auditor);
    const nav = auditorPage.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Activity" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
    await nav.getByRole("link", { name: "Activity" }).click();
    await expect(auditorPage.getByRole("heading", { name: "Activity", level: 1 })).toBeVisible();
    await expect(auditorPage.getByRole("table")).toContainText("role.create");
    await auditorPage.goto("/admin/roles");
    await expect(
      auditorPage.getByRole("heading", { name: "You do not have access to this page" }),
    ).toBeVisible();
    await context.close();
  });

  test("an admin sorts the users table, hides a column, and deactivates two users at once", async ({
    page,
  }) => {
    const tag = `bulk${Date.now().toString(36)}`;
    const amy = newAccount(`Amy ${tag}`);
    const zed = newAccount(`Zed ${tag}`);
    await signIn(page, admin);
    // Amy first: newest first puts Zed on top, by name Amy is.
    await registerUser(page.request, amy);
    await registerUser(page.request, zed);

    await page.goto("/admin/users");
    await page.getByRole("searchbox", { name: "Search" }).fill(tag);
    const table = page.getByRole("region", { name: "Users table" }).getByRole("table");
    const rows = table.getByRole("row");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText(zed.name);

    const userHeader = table.getByRole("columnheader", { name: "User", exact: true });
    await userHeader.getByRole("button").click();
    await expect(userHeader).toHaveAttribute("aria-sort", "ascending");
    await expect(page.getByLabel("Sort by")).toHaveValue("name");
    await expect(rows.nth(1)).toContainText(amy.name);
    await expect(rows.nth(2)).toContainText(zed.name);

    await page.getByRole("button", { name: "Columns" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Status" }).click();
    await page.keyboard.press("Escape");
    await expect(table.getByRole("columnheader", { name: "Status" })).toHaveCount(0);

    await table.getByRole("checkbox", { name: `Select ${amy.name}` }).click();
    await table.getByRole("checkbox", { name: `Select ${zed.name}` }).click();
    const bulk = page.getByRole("group", { name: "Bulk actions" });
    await expect(bulk).toContainText("2 users selected");
    await bulk.getByRole("button", { name: "Deactivate 2 users" }).click();
    const dialog = page.getByRole("dialog", { name: "Deactivate 2 users?" });
    await expect(dialog).toContainText(amy.email);
    await dialog.getByRole("button", { name: "Deactivate 2 users" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("2 users were deactivated and signed out.")).toBeVisible();
    await expect(page.getByRole("button", { name: `Reactivate ${amy.name}` })).toBeVisible();
    await expect(page.getByRole("button", { name: `Reactivate ${zed.name}` })).toBeVisible();
    await expect(bulk).toBeHidden();
  });

  test("the system page shows statistics and saves the password policy", async ({ page }) => {
    await signIn(page, admin);
    await page.getByRole("link", { name: "System" }).click();
    await expect(page.getByText("Active sessions")).toBeVisible();
    // Live figures from this server's metrics registry: the page's own calls are traffic.
    const live = page.getByRole("region", { name: "Live" });
    await expect(live.getByText("Requests per second")).toBeVisible();
    await expect(live.locator(".stat").first().locator(".stat-value")).toHaveText(/^\d+\.\d{2}$/);
    await expect(live.getByText("Queued jobs")).toBeVisible();
    await expect(live.getByText("Workers")).toBeVisible();
    const minLength = page.getByLabel("Minimum length");
    await minLength.fill("4");
    await page.getByRole("button", { name: "Save settings" }).click();
    // The API's own schema, checked in the browser first.
    await expect(minLength).toHaveAttribute("aria-invalid", "true");
    await minLength.fill("10");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Minimum length")).toHaveValue("10");
    // Back to the default, for the other tests' passwords.
    await page.getByLabel("Minimum length").fill("8");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
  });
});
