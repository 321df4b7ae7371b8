import { mutate } from "./support/api";
import { seriousViolations } from "./support/axe";
import { admin, expect, requireChromium, signIn, test } from "./support/fixtures";
import { problemsOnEveryPage } from "./support/pages";

requireChromium();

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
