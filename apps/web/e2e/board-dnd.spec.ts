import {
  createInstance,
  createProject,
  publishReviewTemplate,
  publishUnorderedTemplate,
} from "./support/api";
import { admin, expect, requireChromium, signIn, test } from "./support/fixtures";

requireChromium();

test.describe("ordering states and dragging cards", () => {
  test("states reordered in the editor (by dragging and by keyboard) reorder the board's columns", async ({
    page,
  }) => {
    const stamp = Date.now().toString(36);
    await signIn(page, admin);
    const template = await publishUnorderedTemplate(page.request, `Order ${stamp}`);
    const projectId = await createProject(page.request, `Order ${stamp}`);
    await createInstance(page.request, projectId, template.key, "Order chairs");

    const board = page.getByRole("region", { name: "Board" });
    const headings = board.locator(".board-column h3");
    await page.goto(`/projects/${projectId}?template=${template.key}`);
    await expect(headings).toHaveText(["Open", "Done", "In review"]);

    await page.goto(`/workflows/templates/${template.id}`);
    const rows = page.locator(".editor-row[aria-label^='State ']");
    await expect(rows).toHaveCount(3);
    await expect(page.getByRole("group", { name: "State 3: In review" })).toBeVisible();

    // The pointer way: In review's handle dropped on Done's row takes its place.
    await page
      .getByTitle("Drag state In review to reorder")
      .dragTo(page.getByRole("group", { name: "State 2: Done" }));
    await expect(page.getByRole("group", { name: "State 2: In review" })).toBeVisible();
    await expect(page.getByRole("group", { name: "State 3: Done" })).toBeVisible();

    // The keyboard way: focus follows the moved row, so the same key moves it on.
    await page.getByRole("button", { name: "Move state Open down" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("group", { name: "State 2: Open" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Move state Open down" })).toBeFocused();
    await expect(page.getByRole("status").filter({ hasText: "moved to position 2" })).toHaveText(
      "State Open moved to position 2.",
    );
    await page.getByRole("button", { name: "Move state Open up" }).press("Enter");
    await expect(page.getByRole("group", { name: "State 1: Open" })).toBeVisible();
    // At the top, "up" is disabled: focus stays on the row, on its "down".
    await expect(page.getByRole("button", { name: "Move state Open up" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Move state Open down" })).toBeFocused();

    await page.getByRole("button", { name: "Save and publish" }).click();
    await expect(page.locator(".toast").filter({ hasText: /published/ })).toHaveText([
      /^Version 2 published/,
    ]);

    await page.goto(`/projects/${projectId}?template=${template.key}`);
    await expect(headings).toHaveText(["Open", "In review", "Done"]);

    // Two steps lead from Open to Done: dropping there asks which.
    await board
      .locator(".board-card", { hasText: "Order chairs" })
      .dragTo(board.getByRole("region", { name: "Done" }));
    const choose = page.getByRole("dialog", { name: "Which step?" });
    await expect(choose).toContainText("Several steps lead from “Open” to “Done”.");
    await choose.getByRole("button", { name: "Withdraw" }).click();
    await expect(choose).toBeHidden();
    await expect(page.locator(".toast").filter({ hasText: "Moved to “Done”." })).toBeVisible();
    await expect(board.getByRole("region", { name: "Done" })).toContainText("Order chairs");
    await expect(board.getByRole("region", { name: "Open" })).not.toContainText("Order chairs");
  });

  test("a card dropped on the next column moves (one step fires, a comment step asks for it); no step is refused", async ({
    page,
  }) => {
    const stamp = Date.now().toString(36);
    await signIn(page, admin);
    const templateKey = await publishReviewTemplate(page.request, `Drag ${stamp}`);
    const projectId = await createProject(page.request, `Drag ${stamp}`);
    const chairs = await createInstance(page.request, projectId, templateKey, "Order chairs");
    await createInstance(page.request, projectId, templateKey, "Order desks");

    await page.goto(`/projects/${projectId}?template=${templateKey}`);
    const board = page.getByRole("region", { name: "Board" });
    const column = (name: string) => board.getByRole("region", { name });
    const card = board.locator(".board-card", { hasText: "Order chairs" });
    await expect(column("Open").locator(".board-card")).toHaveCount(2);

    // One step (Submit) leads from Open to In review: it fires.
    await card.dragTo(column("In review"));
    await expect(page.locator(".toast").filter({ hasText: "Moved to “In review”." })).toBeVisible();
    await expect(column("In review")).toContainText("Order chairs");
    await expect(column("Open").locator(".board-card")).toHaveCount(1);

    // Nothing leads back to Open: refused aloud, the card stays.
    await card.dragTo(column("Open"));
    await expect(
      page.locator(".toast").filter({ hasText: "No step leads from “In review” to “Open”." }),
    ).toBeVisible();
    await expect(column("In review")).toContainText("Order chairs");
    await expect(column("Open")).not.toContainText("Order chairs");

    // Approve needs a comment: the usual dialog asks for it.
    await card.dragTo(column("Done"));
    const dialog = page.getByRole("dialog", { name: "Approve" });
    await dialog.getByRole("button", { name: "Approve" }).click();
    await expect(dialog.getByText("A comment is required for this step")).toBeVisible();
    await dialog.getByLabel("Comment").fill("Within budget.");
    await dialog.getByRole("button", { name: "Approve" }).click();
    await expect(dialog).toBeHidden();
    await expect(column("Done")).toContainText("Order chairs");

    await page.goto(`/projects/${projectId}/instances/${chairs}`);
    const history = page.getByRole("list", { name: "History" });
    await expect(history).toContainText("moved it from “Open” to “In review”");
    await expect(history).toContainText("moved it from “In review” to “Done”");
  });
});
