import { z } from "zod";

import { createInstance, createProject, mutate, publishReviewTemplate, query } from "./support/api";
import { admin, expect, requireChromium, signIn, test } from "./support/fixtures";

requireChromium();

test.describe("the board's filters", () => {
  test("search, assignee and state narrow the cards; transition buttons name their target", async ({
    page,
  }) => {
    const stamp = Date.now().toString(36);
    await signIn(page, admin);
    const templateKey = await publishReviewTemplate(page.request, `Filters ${stamp}`);
    const projectId = await createProject(page.request, `Filters ${stamp}`);
    const chairs = await createInstance(page.request, projectId, templateKey, "Order chairs");
    await createInstance(page.request, projectId, templateKey, "Order desks");
    const lamps = await createInstance(page.request, projectId, templateKey, "Buy lamps");
    await mutate(page.request, "workflows.instances.transition", {
      instanceId: lamps,
      transitionKey: "submit",
      expectedVersion: 1,
    });
    const adminId = z
      .object({ user: z.object({ id: z.uuid() }) })
      .parse(await query(page.request, "users.me")).user.id;
    await mutate(page.request, "workflows.instances.assign", {
      instanceId: chairs,
      assigneeId: adminId,
    });

    await page.goto(`/projects/${projectId}?template=${templateKey}`);
    const board = page.getByRole("region", { name: "Board" });
    const cards = board.locator(".board-card");
    await expect(cards).toHaveCount(3);

    await page.getByLabel("Search items").fill("order");
    await expect(cards).toHaveCount(2);
    await expect(page.getByText("2 matching items")).toBeVisible();

    await page.getByLabel("Assignee").selectOption({ label: `${admin.name} (you)` });
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText("Order chairs");

    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(cards).toHaveCount(3);
    await page.getByLabel("State").selectOption({ label: "In review" });
    await expect(page.getByRole("heading", { name: "Open", level: 3 })).toHaveCount(0);
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText("Buy lamps");

    await page.getByLabel("Search items").fill("nothing like this");
    await expect(page.getByText("No item matches these filters.")).toBeVisible();

    await page.goto(`/projects/${projectId}/instances/${chairs}`);
    await expect(
      page.getByRole("group", { name: "Transitions" }).getByRole("button", {
        name: "Submit, to In review",
      }),
    ).toBeVisible();
  });
});
