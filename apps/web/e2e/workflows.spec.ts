import {
  addMember,
  createInstance,
  createProject,
  publishReviewTemplate,
  registerUser,
} from "./support/api";
import { admin, expect, newAccount, requireChromium, signIn, test } from "./support/fixtures";

requireChromium();

test.describe("workflow templates", () => {
  test("an admin creates a template, sees publish problems next to the fields, fixes them and publishes", async ({
    page,
  }) => {
    const stamp = Date.now().toString(36);
    await signIn(page, admin);
    await page.getByRole("link", { name: "Workflow templates" }).click();

    await page.getByRole("button", { name: "New type" }).click();
    const typeDialog = page.getByRole("dialog", { name: "New workflow type" });
    await typeDialog.getByLabel("Name").fill(`Expenses ${stamp}`);
    await expect(typeDialog.getByLabel("Key")).toHaveValue(`expenses_${stamp}`);
    await typeDialog.getByRole("button", { name: "Create type" }).click();
    await expect(page.getByRole("heading", { name: `Expenses ${stamp}` })).toBeVisible();

    await page.getByRole("button", { name: "New template" }).click();
    const templateDialog = page.getByRole("dialog", { name: "New workflow template" });
    await templateDialog.getByLabel("Workflow type").selectOption({ label: `Expenses ${stamp}` });
    await templateDialog.getByLabel("Name").fill(`Expense claim ${stamp}`);
    await templateDialog.getByRole("button", { name: "Create and edit" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Expense claim ${stamp}`);
    await expect(page.getByRole("application", { name: "Workflow diagram" })).toBeVisible();

    // A state nothing leads to and nothing leaves: the API refuses to publish.
    await page.getByRole("button", { name: "Add state" }).click();
    const orphan = page.getByRole("group", { name: /^State 3/ });
    await orphan.getByLabel("Name").fill("Limbo");
    await expect(orphan.getByLabel("Key")).toHaveValue("limbo");
    await page.getByRole("button", { name: "Save and publish" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Not published" })).toBeVisible();
    await expect(orphan).toContainText(
      'No transition path leads from the initial state to "Limbo"',
    );
    await expect(orphan).toContainText("would be stuck");
    await expect(page.getByText("draft", { exact: true })).toBeVisible();

    // Give it a way in and a way out: the diagram and the API agree.
    await page.getByRole("button", { name: "Add transition" }).click();
    const into = page.getByRole("group", { name: /^Transition 2/ });
    await into.getByLabel("Name").fill("Escalate");
    await into.getByRole("group", { name: "From states" }).getByLabel("Open").check();
    await into.getByLabel("To state").selectOption({ label: "Limbo" });
    await page.getByRole("button", { name: "Add transition" }).click();
    const out = page.getByRole("group", { name: /^Transition 3/ });
    await out.getByLabel("Name").fill("Resolve");
    await out.getByRole("group", { name: "From states" }).getByLabel("Open").uncheck();
    await out.getByRole("group", { name: "From states" }).getByLabel("Limbo").check();
    await out.getByLabel("To state").selectOption({ label: "Done" });
    await out.getByLabel("Requires a comment").check();
    await expect(page.getByRole("application", { name: "Workflow diagram" })).toContainText(
      "Escalate",
    );

    await page.getByRole("button", { name: "Save and publish" }).click();
    await expect(page.getByText("published", { exact: true })).toBeVisible();
    await expect(orphan).not.toContainText("would be stuck");
    // Saving and publishing is confirmed once: one toast, no banner beside it.
    await expect(page.locator(".toast").filter({ hasText: /publish|saved/i })).toHaveText([
      /^Version \d+ published/,
    ]);
    await expect(page.getByRole("main").locator(".alert")).toHaveCount(0);

    // Projects can now use it.
    await page.getByRole("link", { name: "Workflow templates" }).first().click();
    await expect(
      page.getByRole("link", { name: new RegExp(`Expense claim ${stamp}`) }),
    ).toBeVisible();
  });
});

test.describe("work items", () => {
  test("an owner creates an item and moves it through two transitions, one needing a comment", async ({
    page,
  }) => {
    await signIn(page, admin);
    const templateKey = await publishReviewTemplate(
      page.request,
      `Purchase ${Date.now().toString(36)}`,
    );
    const projectId = await createProject(page.request, `Office move ${Date.now().toString(36)}`);

    await page.goto(`/projects/${projectId}?template=${templateKey}`);
    for (const column of ["Open", "In review", "Done"]) {
      await expect(page.getByRole("heading", { name: column, level: 3 })).toBeVisible();
    }
    await page.getByRole("button", { name: "New item" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Create item" }).click();
    await expect(dialog.getByText("Required")).toBeVisible();
    await dialog.getByLabel("Title").fill("New desks");
    await dialog.getByLabel("Amount (optional)").fill("1250");
    await dialog.getByRole("button", { name: "Create item" }).click();

    await expect(page.getByRole("heading", { name: "New desks", level: 1 })).toBeVisible();
    await expect(page.getByText("1,250")).toBeVisible();

    await page.getByRole("button", { name: "Submit" }).click();
    await page
      .getByRole("dialog", { name: "Submit" })
      .getByRole("button", { name: "Submit" })
      .click();
    await expect(page.getByTestId("instance-state")).toHaveText("In review");
    await expect(page.getByRole("button", { name: "Approve" })).toBeVisible();

    await page.getByRole("button", { name: "Approve" }).click();
    const approve = page.getByRole("dialog", { name: "Approve" });
    await approve.getByRole("button", { name: "Approve" }).click();
    await expect(approve.getByText("A comment is required for this step")).toBeVisible();
    await approve.getByLabel("Comment").fill("Within the budget.");
    await approve.getByRole("button", { name: "Approve" }).click();

    await expect(page.getByTestId("instance-state")).toHaveText("Done");
    await expect(
      page.getByText("This item is finished: it has reached a final state."),
    ).toBeVisible();
    const history = page.getByRole("list", { name: "History" });
    await expect(history).toContainText("created it in “Open”");
    await expect(history).toContainText("moved it from “Open” to “In review”");
    await expect(history).toContainText("moved it from “In review” to “Done”");
    await expect(history).toContainText("Within the budget.");

    // The board shows it in its final column.
    await page.getByRole("link", { name: "Board" }).first().click();
    const done = page.getByRole("region", { name: "Done" });
    await expect(done.getByRole("link", { name: "New desks" })).toBeVisible();
  });

  test("a viewer sees the item and its history, but no transition buttons", async ({
    page,
    browser,
    baseURL,
  }) => {
    await signIn(page, admin);
    const templateKey = await publishReviewTemplate(
      page.request,
      `Leave ${Date.now().toString(36)}`,
    );
    const projectId = await createProject(
      page.request,
      `Viewer project ${Date.now().toString(36)}`,
    );
    const viewer = newAccount("Vera");
    const viewerId = await registerUser(page.request, viewer);
    await addMember(page.request, projectId, viewerId, "viewer");
    const instanceId = await createInstance(page.request, projectId, templateKey, "Summer holiday");

    const context = await browser.newContext({ baseURL });
    const viewerPage = await context.newPage();
    await signIn(viewerPage, viewer);
    await viewerPage.goto(`/projects/${projectId}?template=${templateKey}`);
    await expect(viewerPage.getByRole("link", { name: "Summer holiday" })).toBeVisible();
    await expect(viewerPage.getByRole("button", { name: "New item" })).toHaveCount(0);

    await viewerPage.getByRole("link", { name: "Summer holiday" }).click();
    await expect(
      viewerPage.getByRole("heading", { name: "Summer holiday", level: 1 }),
    ).toBeVisible();
    await expect(viewerPage.getByText("You can follow this item, but not move it.")).toBeVisible();
    await expect(viewerPage.getByRole("group", { name: "Transitions" })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: "Submit" })).toHaveCount(0);
    await expect(viewerPage.getByRole("list", { name: "History" })).toContainText(
      "created it in “Open”",
    );

    // The owner, in the same project, does have them.
    await page.goto(`/projects/${projectId}/instances/${instanceId}`);
    await expect(page.getByRole("button", { name: "Submit" })).toBeVisible();
    await context.close();
  });

  test("when someone else moved the item first, the refusal shows its new state and offers a reload", async ({
    page,
    browser,
    baseURL,
  }) => {
    await signIn(page, admin);
    const templateKey = await publishReviewTemplate(
      page.request,
      `Race ${Date.now().toString(36)}`,
    );
    const projectId = await createProject(page.request, `Race project ${Date.now().toString(36)}`);
    const instanceId = await createInstance(page.request, projectId, templateKey, "Contested item");
    const url = `/projects/${projectId}/instances/${instanceId}`;

    const context = await browser.newContext({ baseURL });
    const other = await context.newPage();
    await signIn(other, admin);
    await other.goto(url);
    await page.goto(url);

    // The other tab moves it first.
    await other.getByRole("button", { name: "Submit" }).click();
    await other
      .getByRole("dialog", { name: "Submit" })
      .getByRole("button", { name: "Submit" })
      .click();
    await expect(other.getByRole("button", { name: "Approve" })).toBeVisible();

    // This tab still shows "Open" and tries the same step.
    await page.getByRole("button", { name: "Submit" }).click();
    const dialog = page.getByRole("dialog", { name: "Submit" });
    await dialog.getByRole("button", { name: "Submit" }).click();
    await expect(dialog.getByText("Someone else moved this item first")).toBeVisible();
    await expect(dialog).toContainText("It is now in “In review”");
    await dialog.getByRole("button", { name: "Reload the item" }).click();
    await expect(page.getByRole("button", { name: "Approve" })).toBeVisible();
    await context.close();
  });
});
