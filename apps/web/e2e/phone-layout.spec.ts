import { admin, expect, requireChromium, signIn, test } from "./support/fixtures";
import { layoutProblems } from "./support/layout";
import { problemsOnEveryPage } from "./support/pages";

requireChromium();

const PHONE = { width: 390, height: 844 };

test.describe("phone width (390 px)", () => {
  test.use({ viewport: PHONE });

  test("no page scrolls sideways or draws past the screen's edge", async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    await signIn(page, admin);
    const failures = await problemsOnEveryPage(
      page,
      browser,
      { baseURL, viewport: PHONE },
      layoutProblems,
    );
    expect(failures).toEqual([]);
  });

  test("the header's panels open inside the screen", async ({ page }) => {
    await signIn(page, admin);
    await page.goto("/projects");
    for (const button of [/^Notifications/, /^Theme:/, /^Account menu/]) {
      await page.getByRole("button", { name: button }).click();
      const panel = page.locator('[data-slot="popover-content"]');
      await expect(panel).toBeVisible();
      const box = await panel.boundingBox();
      if (!box) throw new Error(`the ${button.source} panel has no box`);
      expect(box.x, `${button.source} panel's left edge`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${button.source} panel's right edge`).toBeLessThanOrEqual(
        PHONE.width,
      );
      await page.keyboard.press("Escape");
    }
    const problems = await layoutProblems(page);
    expect(problems).toEqual([]);
  });
});
