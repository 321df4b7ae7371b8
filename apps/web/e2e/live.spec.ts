import { addMember, createProject, registerUser } from "./support/api";
import { admin, expect, newAccount, requireChromium, signIn, test } from "./support/fixtures";

requireChromium();

test.describe("live updates", () => {
  test("a notification arrives in the other user's open page without reloading", async ({
    page,
    browser,
    baseURL,
  }) => {
    await signIn(page, admin);
    const member = newAccount("Nora");
    const memberId = await registerUser(page.request, member);

    const context = await browser.newContext({ baseURL });
    const memberPage = await context.newPage();
    await signIn(memberPage, member);
    await expect(
      memberPage.getByRole("button", { name: "Notifications", exact: true }),
    ).toBeVisible();
    // A mark on this very document: a reload would drop it.
    await memberPage.evaluate(() => {
      document.documentElement.dataset.e2eMark = "still-here";
    });

    // The admin adds them to a project: the worker turns the event into a notification.
    const projectName = `Live ${Date.now().toString(36)}`;
    const projectId = await createProject(page.request, projectName);
    await addMember(page.request, projectId, memberId, "editor");

    const bell = memberPage.getByRole("button", { name: "Notifications, 1 unread" });
    await expect(bell).toBeVisible({ timeout: 30_000 });
    // The overview's list of unread notifications followed too.
    await expect(memberPage.getByRole("region", { name: "Unread notifications" })).toContainText(
      projectName,
    );
    await expect(memberPage.locator("html")).toHaveAttribute("data-e2e-mark", "still-here");

    await bell.click();
    const panel = memberPage.getByRole("region", { name: "Notifications", exact: true });
    await expect(panel).toContainText(projectName);
    await panel
      .getByRole("button", { name: /Unread:/ })
      .first()
      .click();
    await expect(memberPage).toHaveURL(new RegExp(`/projects/${projectId}`));
    await expect(
      memberPage.getByRole("button", { name: "Notifications", exact: true }),
    ).toBeVisible();
    await context.close();
  });

  test("an admin deactivates a user, who is then signed out", async ({
    page,
    browser,
    baseURL,
  }) => {
    const member = newAccount("Dale");
    const context = await browser.newContext({ baseURL });
    const memberPage = await context.newPage();
    await registerUser(memberPage.request, member);
    await signIn(memberPage, member);

    await signIn(page, admin);
    await page.goto("/admin/users");
    await page.getByRole("searchbox", { name: "Search" }).fill(member.email);
    await expect(page.getByRole("row", { name: new RegExp(member.name) })).toBeVisible();
    await page.getByRole("button", { name: `Deactivate ${member.name}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByRole("row", { name: new RegExp(member.name) })).toContainText(
      "Deactivated",
    );

    // Their next step in the app finds the session ended.
    await memberPage.getByRole("link", { name: "Projects" }).first().click();
    await expect(memberPage).toHaveURL(/\/sign-in/);
    await memberPage.getByLabel("E-mail").fill(member.email);
    await memberPage.getByLabel("Password", { exact: true }).fill(member.password);
    await memberPage.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(
      memberPage.getByRole("form", { name: "Sign in" }).getByRole("alert"),
    ).toContainText("This account has been deactivated.");
    await context.close();
  });
});
