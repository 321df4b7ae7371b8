import { admin, expect, requireChromium, signIn, test } from "./support/fixtures";
import { layoutProblems } from "./support/layout";
import { everyPage, pageRoutes, SIGNED_OUT_ROUTES } from "./support/pages";

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
    const concrete = await everyPage(page.request);
    // A page missing from the map fails here, so a new one cannot escape the check.
    expect(Object.keys(concrete).sort()).toEqual(pageRoutes());

    // A context of its own: no session cookie.
    const outside = await browser.newContext({ baseURL, viewport: PHONE });
    const signedOut = await outside.newPage();
    const failures: string[] = [];
    try {
      for (const [route, url] of Object.entries(concrete)) {
        const visitor = SIGNED_OUT_ROUTES.has(route) ? signedOut : page;
        await visitor.goto(url);
        await visitor.waitForLoadState("networkidle");
        for (const problem of await layoutProblems(visitor)) failures.push(`${url}: ${problem}`);
      }
    } finally {
      await outside.close();
    }
    expect(failures).toEqual([]);
  });

  test("the header's panels open inside the screen", async ({ page }) => {
    await signIn(page, admin);
    await page.goto("/projects");
    for (const button of [/^Notifications/, /^Theme:/, /^Account menu/]) {
      await page.getByRole("button", { name: button }).click();
      const panel = page.locator(".popover:visible");
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
