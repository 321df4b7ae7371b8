import {
  createInstance,
  createProject,
  publishReviewTemplate,
  publishUnorderedTemplate,
} from "./support/api";
import { admin, expect, requireChromium, signIn, test } from "./support/fixtures";

requireChromium();

test.describe("moving cards with the keyboard", () => {
  test("Space picks a card up, the arrows choose a column, Enter drops it by the mouse's rules, Escape cancels", async ({
    page,
  }) => {
    const stamp = Date.now().toString(36);
    await signIn(page, admin);
    const reviewKey = await publishReviewTemplate(page.request, `Keys ${stamp}`);
    const projectId = await createProject(page.request, `Keys ${stamp}`);
    const chairs = await createInstance(page.request, projectId, reviewKey, "Order chairs");
    await createInstance(page.request, projectId, reviewKey, "Order desks");

    await page.goto(`/projects/${projectId}?template=${reviewKey}`);
    const board = page.getByRole("region", { name: "Board" });
    const column = (name: string) => board.getByRole("region", { name });
    const card = board.locator(".board-card", { hasText: "Order chairs" });
    const link = card.getByRole("link", { name: "Order chairs" });
    const announced = page.getByTestId("board-moves");
    await expect(link).toHaveAccessibleDescription(/press Space on it/);

    // Picked up, moved over a column, cancelled: nothing changes.
    await link.focus();
    await page.keyboard.press("Space");
    await expect(announced).toHaveText(/^Picked up “Order chairs” in “Open”\./);
    await expect(card).toHaveAttribute("data-dragging", "true");
    await page.keyboard.press("ArrowRight");
    await expect(announced).toHaveText("Over “In review”.");
    await expect(column("In review")).toHaveAttribute("data-drop-target", "true");
    await page.keyboard.press("Escape");
    await expect(announced).toHaveText("Move cancelled: “Order chairs” stays in “Open”.");
    await expect(column("In review")).not.toHaveAttribute("data-drop-target");
    await expect(column("Open")).toContainText("Order chairs");
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}\\?`));

    // One step leads to In review: it fires, and focus follows the card to its new column.
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await expect(page.locator(".toast").filter({ hasText: "Moved to “In review”." })).toBeVisible();
    await expect(column("In review")).toContainText("Order chairs");
    await expect(link).toBeFocused();

    // Nothing leads back to Open: refused aloud, the card stays and keeps focus.
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowLeft");
    await expect(announced).toHaveText("Over “Open”.");
    await page.keyboard.press("Enter");
    await expect(
      page.locator(".toast").filter({ hasText: "No step leads from “In review” to “Open”." }),
    ).toBeVisible();
    await expect(column("In review")).toContainText("Order chairs");
    await expect(link).toBeFocused();

    // Approve needs a comment: the usual dialog asks for it, then focus is back on the card.
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Approve" });
    await expect(dialog.getByLabel("Comment")).toBeFocused();
    await page.keyboard.type("Within budget.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Approve" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    await expect(column("Done")).toContainText("Order chairs");
    await expect(link).toBeFocused();
    // At the last column the right arrow stays there.
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight");
    await expect(announced).toHaveText("Over “Done”, where it is now.");
    await page.keyboard.press("Tab");
    await expect(announced).toHaveText("Move cancelled: “Order chairs” stays in “Done”.");

    await page.goto(`/projects/${projectId}/instances/${chairs}`);
    const history = page.getByRole("list", { name: "History" });
    await expect(history).toContainText("moved it from “Open” to “In review”");
    await expect(history).toContainText("moved it from “In review” to “Done”");
  });

  test("where several steps lead to the column, the keyboard drop asks which", async ({ page }) => {
    const stamp = Date.now().toString(36);
    await signIn(page, admin);
    const template = await publishUnorderedTemplate(page.request, `Keys choice ${stamp}`);
    const projectId = await createProject(page.request, `Keys choice ${stamp}`);
    await createInstance(page.request, projectId, template.key, "Order lamps");

    await page.goto(`/projects/${projectId}?template=${template.key}`);
    const board = page.getByRole("region", { name: "Board" });
    const link = board.getByRole("link", { name: "Order lamps" });
    await link.focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight");
    await expect(page.getByTestId("board-moves")).toHaveText("Over “Done”.");
    await page.keyboard.press("Enter");
    const choose = page.getByRole("dialog", { name: "Which step?" });
    await expect(choose).toContainText("Several steps lead from “Open” to “Done”.");
    await expect(choose.getByRole("list", { name: "Steps" }).getByRole("button")).toHaveText([
      "Close",
      "Withdraw",
    ]);
    await choose.getByRole("button", { name: "Withdraw" }).focus();
    await page.keyboard.press("Enter");
    await expect(choose).toBeHidden();
    await expect(page.locator(".toast").filter({ hasText: "Moved to “Done”." })).toBeVisible();
    await expect(board.getByRole("region", { name: "Done" })).toContainText("Order lamps");
    await expect(link).toBeFocused();
  });
});
