import { z } from "zod";

import { createProject, mutate, uniqueKey } from "./support/api";
import { seriousViolations } from "./support/axe";
import { admin, expect, requireChromium, signIn, test } from "./support/fixtures";
import { layoutProblems } from "./support/layout";

requireChromium();

const ZIdSchema = z.object({ id: z.uuid() });

test("a condition built from rules is published and lets small amounts through, not large ones", async ({
  page,
}) => {
  await signIn(page, admin);
  const stamp = Date.now().toString(36);
  const type = ZIdSchema.parse(
    await mutate(page.request, "workflows.types.create", {
      key: uniqueKey("type"),
      name: `Claims ${stamp}`,
    }),
  );
  const templateKey = uniqueKey("claim");
  const template = ZIdSchema.parse(
    await mutate(page.request, "workflows.templates.create", {
      typeId: type.id,
      key: templateKey,
      name: `Claim ${stamp}`,
      definition: {
        dataFields: [
          { key: "amount", label: "Amount", type: "number", required: false },
          {
            key: "category",
            label: "Category",
            type: "enum",
            required: false,
            options: ["it", "travel"],
          },
        ],
        states: [
          { key: "open", name: "Open", kind: "initial" },
          { key: "done", name: "Done", kind: "final" },
        ],
        transitions: [
          {
            key: "approve",
            name: "Approve",
            from: ["open"],
            to: "done",
            allowed: { projectRoles: ["owner", "editor"] },
            requiresComment: false,
          },
        ],
      },
    }),
  );

  await page.goto(`/workflows/templates/${template.id}`);
  const approve = page.getByRole("group", { name: /^Transition 1/ });
  const condition = approve.getByRole("group", { name: "Condition (optional)" });
  await condition.getByRole("button", { name: "Add a condition" }).click();

  // amount is at most 1000 ...
  const first = condition.getByRole("group", { name: "Rule", exact: true });
  await first.getByLabel("Field").selectOption({ label: "Amount" });
  const operators = first.getByLabel("Operator").locator("option");
  await expect(operators).toContainText(["equals", "is greater than", "is at most", "is set"]);
  await first.getByLabel("Operator").selectOption({ label: "is at most" });
  await first.getByLabel("Value").fill("1000");
  await expect(condition).toContainText("Only when amount <= 1000");

  // ... and not travel: the second rule, on a choice field, has no ordering operators.
  await condition.getByRole("button", { name: "And another rule" }).click();
  const second = condition.getByRole("group", { name: "Rule 2" });
  await second.getByLabel("Field").selectOption({ label: "Category" });
  await expect(second.getByLabel("Operator").locator("option")).toHaveText([
    "is",
    "is not",
    "is one of",
    "is set",
  ]);
  await second.getByLabel("Value").selectOption({ label: "travel" });
  await second.getByRole("button", { name: "Negate rule 2" }).click();
  await expect(condition.getByRole("group", { name: "Not 2" })).toBeVisible();
  await expect(condition).toContainText('Only when amount <= 1000 and not (category = "travel")');

  // The JSON view shows the same condition; broken JSON is refused and leaves the builder alone.
  await condition.getByRole("button", { name: "Advanced: edit as JSON" }).click();
  const json = condition.getByLabel("Condition as JSON");
  expect(JSON.parse(await json.inputValue())).toEqual({
    op: "and",
    all: [
      { op: "lte", field: "amount", value: 1000 },
      { op: "not", guard: { op: "eq", field: "category", value: "travel" } },
    ],
  });
  await json.fill('{"op":"lte","field":"amount"');
  await expect(condition).toContainText("Not valid JSON yet");
  await expect(condition.getByRole("group", { name: "Rule 1" }).getByLabel("Value")).toHaveValue(
    "1000",
  );
  await json.fill('{"op":"and","all":[]}');
  await expect(condition).toContainText("Not a valid condition (at all): too small");
  await json.fill('{"op":"lte","field":"amount"}');
  await expect(condition).toContainText('Not a valid condition: expected {"op", "field", "value"}');
  // A valid edit in the JSON shows in the builder.
  await json.fill(
    '{"op":"and","all":[{"op":"lte","field":"amount","value":2000},{"op":"not","guard":{"op":"eq","field":"category","value":"travel"}}]}',
  );
  await expect(condition.getByRole("group", { name: "Rule 1" }).getByLabel("Value")).toHaveValue(
    "2000",
  );
  await condition.getByRole("group", { name: "Rule 1" }).getByLabel("Value").fill("1000");
  await expect(json).toHaveValue(/"value": 1000/);

  // Every control is labelled and nothing of the builder runs off a phone's screen.
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await layoutProblems(page)).toEqual([]);
  await page.setViewportSize({ width: 1440, height: 900 });

  // The keyboard alone: from the operator, Tab reaches the value, then the rule's own buttons.
  const firstRule = condition.getByRole("group", { name: "Rule 1" });
  await firstRule.getByLabel("Operator").focus();
  await page.keyboard.press("Tab");
  await expect(firstRule.getByLabel("Value")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(firstRule.getByRole("button", { name: "Negate rule 1" })).toBeFocused();

  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByText("published", { exact: true })).toBeVisible();

  // The guard decides on the board's items: it is the engine's, evaluated by the API.
  const projectId = await createProject(page.request, `Claims project ${stamp}`);
  const create = async (title: string, data: Record<string, unknown>) =>
    ZIdSchema.parse(
      await mutate(page.request, "workflows.instances.create", {
        projectId,
        templateKey,
        title,
        data,
      }),
    ).id;
  const small = await create("Train ticket", { amount: 400, category: "it" });
  const large = await create("New laptop", { amount: 2500, category: "it" });
  const travel = await create("Flight", { amount: 300, category: "travel" });

  await page.goto(`/projects/${projectId}/instances/${small}`);
  await expect(page.getByRole("button", { name: "Approve, to Done" })).toBeEnabled();
  for (const blocked of [large, travel]) {
    await page.goto(`/projects/${projectId}/instances/${blocked}`);
    await expect(page.getByRole("button", { name: "Approve, to Done" })).toBeDisabled();
    await expect(page.getByRole("main")).toContainText(
      '“Approve” needs amount <= 1000 and not (category = "travel")',
    );
  }
  await page.goto(`/projects/${projectId}/instances/${small}`);
  await page.getByRole("button", { name: "Approve, to Done" }).click();
  await page
    .getByRole("dialog", { name: "Approve" })
    .getByRole("button", { name: "Approve" })
    .click();
  await expect(page.getByTestId("instance-state")).toHaveText("Done");
});
