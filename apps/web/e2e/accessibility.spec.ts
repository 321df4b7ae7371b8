import AxeBuilder from "@axe-core/playwright";
import { type Page } from "@playwright/test";

import { mutate } from "./support/api";
import { admin, expect, requireChromium, signIn, test } from "./support/fixtures";
import { problemsOnEveryPage } from "./support/pages";

requireChromium();

/** The rules of WCAG 2.1 A and AA that axe checks automatically. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}) ${violation.help}: ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`accessibility, ${scheme}`, () => {
    test.use({ colorScheme: scheme });

    test(`every page has no serious or critical axe violation (${scheme})`, async ({
      page,
      browser,
      baseURL,
    }) => {
      test.setTimeout(180_000);
      await signIn(page, admin);
      // The saved theme wins over the system's: "system" lets the emulated scheme decide.
      await mutate(page.request, "users.settings.update", { theme: "system" });
      const failures = await problemsOnEveryPage(
        page,
        browser,
        { baseURL, colorScheme: scheme },
        seriousViolations,
      );
      expect(failures).toEqual([]);
    });
  });
}
