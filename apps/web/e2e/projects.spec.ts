import { createProject, query, registerUser } from "./support/api";
import { admin, expect, newAccount, register, requireChromium, signIn, test } from "./support/fixtures";

requireChromium();

test.describe("projects", () => {
  test("the admin creates a project from the list and lands on its board", async ({ page }) => {
    const name = `Website relaunch ${Date.now().toString(36)}`;
    await signIn(page, admin);
    await page.getByRole("link", { name: "Projects" }).first().click();
    await page.getByRole("button", { name: "New project" }).click();
    const dialog = page.getByRole("dialog", { name: "New project" });
    await dialog.getByRole("button", { name: "Create project" }).click();
    await expect(dialog.getByText("Required")).toBeVisible();
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Description").fill("New design, same content.");
    await dialog.getByRole("button", { name: "Create project" }).click();

    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByText("You: Owner")).toBeVisible();
    await page.getByRole("link", { name: "Projects" }).first().click();
    await page.getByLabel("Search projects").fill("relaunch");
    await expect(page.getByRole("link", { name })).toBeVisible();
  });

  test("a create dialog submitted twice at once creates one project", async ({ page }) => {
    const name = `Double submit ${Date.now().toString(36)}`;
    await signIn(page, admin);
    await page.getByRole("link", { name: "Projects" }).first().click();
    await page.getByRole("button", { name: "New project" }).click();
    const dialog = page.getByRole("dialog", { name: "New project" });
    await dialog.getByLabel("Name").fill(name);
    // Two submits before React re-renders (what a double Enter or double click can do).
    await dialog.locator("form#create-project").evaluate((form: HTMLFormElement) => {
      form.requestSubmit();
      form.requestSubmit();
    });
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect
      .poll(async () => {
        const found = (await query(page.request, "projects.list", { search: name })) as { items: unknown[] };
        return found.items.length;
      })
      .toBe(1);
  });

  test("the owner invites a member, changes their role and removes them", async ({ page }) => {
    await signIn(page, admin);
    const projectId = await createProject(page.request, `Members ${Date.now().toString(36)}`);
    const member = newAccount("Mia");
    await registerUser(page.request, member);

    await page.goto(`/projects/${projectId}/members`);
    await page.getByRole("button", { name: "Invite member" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite a member" });
    await dialog.getByLabel("Person").fill(member.email);
    await dialog.getByRole("button", { name: `Choose ${member.name}` }).click();
    await dialog.getByLabel("Role").selectOption("viewer");
    await dialog.getByRole("button", { name: "Invite" }).click();
    await expect(dialog).toBeHidden();

    const role = page.getByLabel(`Role of ${member.name}`);
    await expect(role).toHaveValue("viewer");
    await role.selectOption("editor");
    await expect(page.getByText(`${member.name} is now editor.`)).toBeVisible();

    await page.getByRole("row", { name: new RegExp(member.name) }).getByRole("button", { name: "Remove" }).click();
    await page.getByRole("dialog", { name: "Remove this member?" }).getByRole("button", { name: "Remove member" }).click();
    await expect(page.getByLabel(`Role of ${member.name}`)).toHaveCount(0);
  });

  test("an owner without access to the user directory invites by e-mail address", async ({ page }) => {
    const owner = newAccount("Olga");
    const member = newAccount("Max");
    await registerUser(page.request, member);
    await register(page, owner);
    const projectId = await createProject(page.request, `Team ${Date.now().toString(36)}`);

    await page.goto(`/projects/${projectId}/members`);
    await page.getByRole("button", { name: "Invite member" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite a member" });
    await dialog.getByLabel("E-mail address").fill(`nobody-${Date.now().toString(36)}@example.com`);
    await dialog.getByRole("button", { name: "Invite" }).click();
    await expect(dialog.getByText("No active account uses this address")).toBeVisible();

    await dialog.getByLabel("E-mail address").fill(member.email);
    await dialog.getByLabel("Role").selectOption("editor");
    await dialog.getByRole("button", { name: "Invite" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByLabel(`Role of ${member.name}`)).toHaveValue("editor");
  });

  test("the owner archives a project and restores it", async ({ page }) => {
    await signIn(page, admin);
    const projectId = await createProject(page.request, `Archive me ${Date.now().toString(36)}`);
    await page.goto(`/projects/${projectId}/settings`);
    await page.getByRole("button", { name: "Archive", exact: true }).click();
    await expect(page.getByText("Archived", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Restore", exact: true }).click();
    await expect(page.getByText("Archived", { exact: true })).toHaveCount(0);
  });
});
