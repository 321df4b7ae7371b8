import { createInstance, createProject, publishReviewTemplate } from "./support/api";
import { admin, expect, requireChromium, signIn, test } from "./support/fixtures";
import { expectFocusRing, tabTo } from "./support/keyboard";

requireChromium();

test.describe("the main flow by keyboard alone", () => {
  test("sign in, open a project and an item, take a step with a comment, see it in the history, sign out", async ({
    page,
    browser,
    baseURL,
  }) => {
    const stamp = Date.now().toString(36);
    // Arranged through the API in a session of its own; the flow below starts signed out.
    const arranging = await browser.newContext({ baseURL });
    const setup = await arranging.newPage();
    await signIn(setup, admin);
    const templateKey = await publishReviewTemplate(setup.request, `Keyboard ${stamp}`);
    const projectName = `Keyboard ${stamp}`;
    const projectId = await createProject(setup.request, projectName);
    await createInstance(setup.request, projectId, templateKey, "Order chairs");
    await arranging.close();

    // Sign in: the e-mail field has focus when the page opens.
    await page.goto("/sign-in");
    const email = page.getByLabel("E-mail");
    await expect(email).toBeFocused();
    await page.keyboard.type(admin.email);
    await tabTo(page, page.getByLabel("Password", { exact: true }));
    await page.keyboard.type(admin.password);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: `Welcome, ${admin.name}` })).toBeVisible();

    // The dashboard lists the project: Tab to it, Enter opens its board.
    await tabTo(page, page.getByRole("link", { name: projectName }).first());
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: projectName, level: 1 })).toBeVisible();
    const card = page.getByRole("region", { name: "Board" }).getByRole("link", {
      name: "Order chairs",
    });
    await tabTo(page, card);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Order chairs", level: 1 })).toBeVisible();

    // The step, with a comment: the dialog opens in its comment field.
    const submit = page.getByRole("button", { name: "Submit, to In review" });
    await tabTo(page, submit);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Submit" });
    await expect(dialog.getByLabel("Comment (optional)")).toBeFocused();
    await expectFocusRing(page);
    await page.keyboard.type("Quotes compared: the second is cheaper.");
    await tabTo(page, dialog.getByRole("button", { name: "Submit" }));
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("instance-state")).toHaveText("In review");
    // The button that opened the dialog is gone with the step: focus lands on the item, not the page.
    await expectFocusRing(page);

    const history = page.getByRole("list", { name: "History" });
    await expect(history).toContainText("moved it from “Open” to “In review”");
    await expect(history).toContainText("Quotes compared: the second is cheaper.");

    // Sign out from the account menu.
    const menu = page.getByRole("button", { name: /^Account menu/ });
    await tabTo(page, menu, { backwards: true, limit: 80 });
    await page.keyboard.press("Enter");
    // Opened from the keyboard, the menu starts on its first item; the arrows move on.
    await expect(page.getByRole("menuitem", { name: "Account and security" })).toBeFocused();
    await expectFocusRing(page);
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeFocused();
    await expectFocusRing(page);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByLabel("E-mail")).toBeFocused();
  });
});
