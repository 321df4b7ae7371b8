import { z } from "zod";

import { mutate, uniqueKey } from "./support/api";
import { seriousViolations } from "./support/axe";
import { admin, expect, requireChromium, signIn, test } from "./support/fixtures";

requireChromium();

const ZIdSchema = z.object({ id: z.uuid() });

test("states and transitions are added, selected, marked and deleted on the diagram", async ({
  page,
}) => {
  await signIn(page, admin);
  const stamp = Date.now().toString(36);
  const type = ZIdSchema.parse(
    await mutate(page.request, "workflows.types.create", {
      key: uniqueKey("type"),
      name: `Diagram ${stamp}`,
    }),
  );
  const template = ZIdSchema.parse(
    await mutate(page.request, "workflows.templates.create", {
      typeId: type.id,
      key: uniqueKey("diagram"),
      name: `Diagram ${stamp}`,
      definition: {
        dataFields: [],
        states: [
          { key: "open", name: "Open", kind: "initial" },
          { key: "done", name: "Done", kind: "final" },
        ],
        transitions: [
          {
            key: "complete",
            name: "Complete",
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
  const diagram = page.getByRole("application", { name: "Workflow diagram" });
  await expect(diagram).toContainText("Complete");
  const node = (index: number) => diagram.locator(`.react-flow__node[data-id="state-${index}"]`);
  await expect(node(0)).toHaveAccessibleName("State Open");
  const toolbar = page.getByRole("toolbar", { name: "Diagram" });

  // A new state, then an arrow drawn from Open to it: a transition in the form.
  await toolbar.getByRole("button", { name: "Add a state" }).click();
  await expect(node(2)).toContainText("State 3");
  await expect(page.getByRole("group", { name: /^State 3/ })).toBeVisible();
  const from = await node(0).locator(".react-flow__handle.source").boundingBox();
  const to = await node(2).locator(".react-flow__handle.target").boundingBox();
  if (!from || !to) throw new Error("the handles have no box");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
  const added = page.getByRole("group", { name: "Transition 2: To State 3" });
  await expect(added.getByLabel("To state", { exact: true })).toHaveValue("state_3");
  await expect(added.getByRole("group", { name: "From states" }).getByLabel("Open")).toBeChecked();
  await expect(diagram).toContainText("To State 3");

  // State 3 leads nowhere: the refusal is marked on its node too.
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not published" })).toBeVisible();
  await expect(node(2)).toContainText(/\d problems?/);
  await expect(node(2)).toHaveAccessibleName(/^State State 3, \d problems?: .*stuck/);
  expect(await seriousViolations(page)).toEqual([]);

  // The keyboard: a node is selected with Enter, edited in the form, deleted with Delete.
  await node(2).focus();
  await page.keyboard.press("Enter");
  await expect(toolbar).toContainText("Selected: state “State 3”");
  await toolbar.getByRole("button", { name: "Edit in the form" }).click();
  await expect(page.getByRole("group", { name: /^State 3/ }).getByLabel("Name")).toBeFocused();
  await node(2).focus();
  await page.keyboard.press("Delete");
  await expect(node(2)).toHaveCount(0);
  await expect(page.getByRole("group", { name: /^State 3/ })).toHaveCount(0);
  await expect(page.getByRole("group", { name: /^Transition 2/ })).toHaveCount(0);

  // An arrow is selected by a click and deleted from the toolbar: its transition goes.
  await diagram
    .getByRole("group", { name: /^Transition Complete from open to done/ })
    .locator(".react-flow__edge-textbg")
    .click();
  await expect(toolbar).toContainText("Selected: transition “Complete” from open");
  await toolbar.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("group", { name: /^Transition 1/ })).toHaveCount(0);
  await expect(page.getByText("No transitions: items could never move.")).toBeVisible();

  // Drawn again, laid out again, and published.
  const open = await node(0).locator(".react-flow__handle.source").boundingBox();
  const done = await node(1).locator(".react-flow__handle.target").boundingBox();
  if (!open || !done) throw new Error("the handles have no box");
  await page.mouse.move(open.x + open.width / 2, open.y + open.height / 2);
  await page.mouse.down();
  await page.mouse.move(done.x + done.width / 2, done.y + done.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByRole("group", { name: "Transition 1: To Done" })).toBeVisible();
  await toolbar.getByRole("button", { name: "Auto-layout" }).click();
  await expect(node(0)).toBeInViewport();
  await expect(node(1)).toBeInViewport();
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByText("published", { exact: true })).toBeVisible();
});
