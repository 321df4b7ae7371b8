import { createProject, query, registerUser } from "./support/api";
import {
  admin,
  expect,
  newAccount,
  register,
  requireChromium,
  signIn,
  test,
} from "./support/fixtures";
import { waitForMail } from "./support/mail";

requireChromium();

/** The path of the invitation link in a mail (its host is the app's configured URL). */
function invitationPath(mail: string): string {
  const match = /\/invitations\/[A-Za-z0-9_-]{20,}/.exec(mail);
  if (!match) throw new Error("no invitation link in the mail");
  return match[0];
}

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
        const found = (await query(page.request, "projects.list", { search: name })) as {
          items: unknown[];
        };
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

    await page
      .getByRole("row", { name: new RegExp(member.name) })
      .getByRole("button", { name: "Remove" })
      .click();
    await page
      .getByRole("dialog", { name: "Remove this member?" })
      .getByRole("button", { name: "Remove member" })
      .click();
    await expect(page.getByLabel(`Role of ${member.name}`)).toHaveCount(0);
  });

  test("an owner invites an account by e-mail; the invitee signs in from the mailed link and accepts", async ({
    page,
    browser,
    baseURL,
  }) => {
    const owner = newAccount("Olga");
    const member = newAccount("Max");
    await registerUser(page.request, member);
    await register(page, owner);
    const projectName = `Team ${Date.now().toString(36)}`;
    const projectId = await createProject(page.request, projectName);

    await page.goto(`/projects/${projectId}/members`);
    await page.getByRole("button", { name: "Invite member" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite a member" });
    await dialog.getByLabel("E-mail address").fill(member.email);
    await dialog.getByLabel("Role").selectOption("editor");
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Invitation sent to ${member.email}.`)).toBeVisible();
    const pending = page.getByRole("region", { name: "Pending invitations" });
    await expect(pending.getByRole("row", { name: new RegExp(member.email) })).toContainText(
      "Editor",
    );
    // Nobody joins before answering.
    await expect(page.getByLabel(`Role of ${member.name}`)).toHaveCount(0);

    const link = invitationPath(await waitForMail(member.email, /\/invitations\//));
    const context = await browser.newContext({ baseURL });
    const invitee = await context.newPage();
    await invitee.goto(link);
    await expect(invitee.getByRole("heading", { name: `Join ${projectName}` })).toBeVisible();
    await invitee.getByRole("link", { name: "Sign in to answer" }).click();
    await invitee.getByLabel("E-mail").fill(member.email);
    await invitee.getByLabel("Password", { exact: true }).fill(member.password);
    await invitee.getByRole("button", { name: "Sign in", exact: true }).click();
    await invitee.getByRole("button", { name: "Accept invitation" }).click();
    await expect(invitee.getByRole("heading", { name: projectName, level: 1 })).toBeVisible();
    await expect(invitee.getByText("You: Editor")).toBeVisible();
    // The link was single-use.
    await invitee.goto(link);
    await expect(invitee.getByText("This invitation was already answered")).toBeVisible();
    await context.close();

    await page.reload();
    await expect(page.getByLabel(`Role of ${member.name}`)).toHaveValue("editor");
    await expect(page.getByRole("region", { name: "Pending invitations" })).toHaveCount(0);
  });

  test("an address without an account registers from the invitation and joins; a revoked one no longer works", async ({
    page,
    browser,
    baseURL,
  }) => {
    const owner = newAccount("Oskar");
    const newcomer = newAccount("Nina");
    const dropped = newAccount("Dora");
    await register(page, owner);
    const projectName = `Welcome ${Date.now().toString(36)}`;
    const projectId = await createProject(page.request, projectName);
    await page.goto(`/projects/${projectId}/members`);
    for (const email of [newcomer.email, dropped.email]) {
      await page.getByRole("button", { name: "Invite member" }).click();
      const dialog = page.getByRole("dialog", { name: "Invite a member" });
      await dialog.getByLabel("E-mail address").fill(email);
      await dialog.getByLabel("Role").selectOption("viewer");
      await dialog.getByRole("button", { name: "Send invitation" }).click();
      await expect(dialog).toBeHidden();
    }
    const droppedLink = invitationPath(await waitForMail(dropped.email, /\/invitations\//));
    await page.getByRole("button", { name: `Revoke the invitation of ${dropped.email}` }).click();
    await expect(page.getByText("Invitation revoked.")).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(dropped.email) })).toHaveCount(0);

    const context = await browser.newContext({ baseURL });
    const invitee = await context.newPage();
    await invitee.goto(droppedLink);
    await expect(invitee.getByText("This invitation was withdrawn")).toBeVisible();

    await invitee.goto(invitationPath(await waitForMail(newcomer.email, /\/invitations\//)));
    const form = invitee.getByRole("form", { name: "Create account and join" });
    await expect(form.getByLabel("E-mail")).toHaveValue(newcomer.email);
    await expect(form.getByLabel("E-mail")).not.toBeEditable();
    await form.getByLabel("Name").fill(newcomer.name);
    await form.getByLabel("Password").fill(newcomer.password);
    await form.getByRole("button", { name: "Create account and join" }).click();
    await expect(invitee.getByRole("heading", { name: projectName, level: 1 })).toBeVisible();
    await expect(invitee.getByText("You: Viewer")).toBeVisible();
    await context.close();
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
