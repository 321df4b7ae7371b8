import { z } from "zod";

import { createInstance, createProject, mutate, publishReviewTemplate, query } from "./support/api";
import { admin, expect, requireChromium, signIn, test } from "./support/fixtures";

requireChromium();

test.describe("the project's analytics", () => {
  test("shows the open load per state and assignee, today's completion and time in state, as charts with text", async ({
    page,
  }) => {
    const stamp = Date.now().toString(36);
    await signIn(page, admin);
    const templateKey = await publishReviewTemplate(page.request, `Analytics ${stamp}`);
    const projectId = await createProject(page.request, `Analytics ${stamp}`);
    const me = z
      .object({ user: z.object({ id: z.uuid(), name: z.string() }) })
      .parse(await query(page.request, "users.me")).user;
    const mine = await createInstance(page.request, projectId, templateKey, "Mine");
    const waiting = await createInstance(page.request, projectId, templateKey, "Waiting");
    const finished = await createInstance(page.request, projectId, templateKey, "Finished");
    await createInstance(page.request, projectId, templateKey, "Untouched");
    await mutate(page.request, "workflows.instances.assign", {
      instanceId: mine,
      assigneeId: me.id,
    });
    for (const instanceId of [waiting, finished]) {
      await mutate(page.request, "workflows.instances.transition", {
        instanceId,
        transitionKey: "submit",
        expectedVersion: 1,
      });
    }
    await mutate(page.request, "workflows.instances.transition", {
      instanceId: finished,
      transitionKey: "approve",
      expectedVersion: 2,
      comment: "Fine",
    });

    await page.goto(`/projects/${projectId}`);
    await page
      .getByRole("navigation", { name: "Project" })
      .getByRole("link", { name: "Analytics" })
      .click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/analytics`));
    const analytics = page.getByRole("region", { name: "Analytics" });

    const byState = analytics.getByRole("img", { name: /^Open items per state:/ });
    await expect(byState).toHaveAccessibleName("Open items per state: Open 2, In review 1.");
    const byAssignee = analytics.getByRole("img", { name: /^Open items per assignee:/ });
    await expect(byAssignee).toHaveAccessibleName(
      `Open items per assignee: Unassigned 2, ${me.name} 1.`,
    );
    const completions = analytics.getByRole("img", { name: /^Completions per day/ });
    await expect(completions).toHaveAccessibleName(
      "Completions per day over the last 30 days: 1 in all, 1 today.",
    );
    const timeInState = analytics.getByRole("img", { name: /^Time in each state/ });
    await expect(timeInState).toHaveAccessibleName(
      /^Time in each state, in seconds: In review median [\d.]+, p90 [\d.]+; Open median [\d.]+/,
    );

    // Each chart is drawn (the durations here are too short for a visible bar), and its figures are also a table.
    for (const chart of [byState, byAssignee, completions, timeInState]) {
      await expect(chart.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
    }
    for (const chart of [byState, byAssignee, completions]) {
      await expect(chart.locator(".recharts-bar-rectangle").first()).toBeAttached();
    }
    const stateTable = page.getByTestId("load-state").getByRole("table");
    await expect(stateTable.getByRole("row", { name: "Open 2" })).toBeVisible();
    await expect(stateTable.getByRole("row", { name: "In review 1" })).toBeVisible();
    const visits = page.getByTestId("time-in-state").getByRole("table");
    await expect(visits.getByRole("row", { name: /^Open 2 / })).toBeVisible();
    await expect(visits.getByRole("row", { name: /^In review 1 / })).toBeVisible();
  });
});
