import { createProject, publishReviewTemplate } from "./support/api";
import {
  admin,
  expect,
  newAccount,
  register,
  requireChromium,
  signIn,
  test,
} from "./support/fixtures";

requireChromium();

test.describe("project templates", () => {
  test("a new user registers, creates a project, defines its workflow and creates an item, without workflow.manage", async ({
    page,
  }) => {
    const stamp = Date.now().toString(36);
    const projectName = `Laptops ${stamp}`;
    const templateName = `Laptop request ${stamp}`;
    await register(page, newAccount("Owner"));
    // Installation-wide templates are not theirs to define.
    await expect(page.getByRole("link", { name: "Workflow templates" })).toHaveCount(0);

    await page.getByRole("link", { name: "Projects" }).first().click();
    await page.getByRole("button", { name: "New project" }).click();
    const projectDialog = page.getByRole("dialog", { name: "New project" });
    await projectDialog.getByLabel("Name").fill(projectName);
    await projectDialog.getByRole("button", { name: "Create project" }).click();
    await expect(page.getByRole("heading", { name: projectName, level: 1 })).toBeVisible();

    await page.getByRole("link", { name: "Settings", exact: true }).click();
    const section = page.getByRole("region", { name: "Workflow templates" });
    await expect(section).toBeVisible();
    await expect(section.getByText("None yet", { exact: true })).toBeVisible();
    await section.getByRole("button", { name: "New project template" }).click();

    const templateDialog = page.getByRole("dialog", { name: "New project template" });
    await expect(templateDialog.getByLabel("Workflow type")).toContainText("General");
    await templateDialog.getByLabel("Name").fill(templateName);
    await templateDialog.getByRole("button", { name: "Create and edit" }).click();

    await expect(page.getByRole("heading", { level: 1 })).toContainText(templateName);
    await expect(page.getByTestId("template-scope")).toHaveText(
      `Template of ${projectName}: used there only`,
    );
    await page.getByRole("button", { name: "Add state" }).click();
    const review = page.getByRole("group", { name: /^State 3/ });
    await review.getByLabel("Name").fill("With IT");
    await page.getByRole("button", { name: "Add transition" }).click();
    const handOver = page.getByRole("group", { name: /^Transition 2/ });
    await handOver.getByLabel("Name").fill("Hand to IT");
    await handOver.getByRole("group", { name: "From states" }).getByLabel("Open").check();
    await handOver.getByLabel("To state").selectOption({ label: "With IT" });
    await page.getByRole("button", { name: "Add transition" }).click();
    const deliver = page.getByRole("group", { name: /^Transition 3/ });
    await deliver.getByLabel("Name").fill("Deliver");
    await deliver.getByRole("group", { name: "From states" }).getByLabel("Open").uncheck();
    await deliver.getByRole("group", { name: "From states" }).getByLabel("With IT").check();
    await deliver.getByLabel("To state").selectOption({ label: "Done" });
    await page.getByRole("button", { name: "Save and publish" }).click();
    await expect(page.getByText("published", { exact: true })).toBeVisible();

    // Back to the project: its settings list the template, its board uses it.
    await page.getByRole("link", { name: "Workflow templates" }).first().click();
    await expect(section.getByRole("link", { name: new RegExp(templateName) })).toBeVisible();
    await expect(section).toContainText("published v1");
    await page.getByRole("link", { name: "Board", exact: true }).click();
    // Other tests' installation templates may be offered too: pick this one.
    await page.getByLabel("Workflow", { exact: true }).selectOption({ label: templateName });
    for (const column of ["Open", "With IT", "Done"]) {
      await expect(page.getByRole("heading", { name: column, level: 3 })).toBeVisible();
    }
    await page.getByRole("button", { name: "New item" }).click();
    const itemDialog = page.getByRole("dialog");
    await itemDialog.getByLabel("Title").fill("A laptop for the new designer");
    await itemDialog.getByRole("button", { name: "Create item" }).click();
    await expect(
      page.getByRole("heading", { name: "A laptop for the new designer", level: 1 }),
    ).toBeVisible();
    await expect(page.getByTestId("instance-state")).toHaveText("Open");
  });

  test("an owner turns an installation template off: the board no longer offers it", async ({
    page,
  }) => {
    const stamp = Date.now().toString(36);
    const templateName = `Shared review ${stamp}`;
    await signIn(page, admin);
    await publishReviewTemplate(page.request, templateName);
    const projectId = await createProject(page.request, `Picky ${stamp}`);

    await page.goto(`/projects/${projectId}`);
    const offered = page.locator("select option", { hasText: templateName });
    await expect(offered).toHaveCount(1);

    await page.goto(`/projects/${projectId}/settings`);
    const section = page.getByRole("region", { name: "Workflow templates" });
    const toggle = section.getByLabel(`Use ${templateName}`);
    await expect(toggle).toBeChecked();
    await toggle.uncheck();
    await expect(toggle).not.toBeChecked();
    await expect(toggle).toBeEnabled();
    await page.reload();
    await expect(section.getByLabel(`Use ${templateName}`)).not.toBeChecked();

    await page.goto(`/projects/${projectId}`);
    await expect(page.getByRole("heading", { name: `Picky ${stamp}`, level: 1 })).toBeVisible();
    await expect(offered).toHaveCount(0);
  });
});
