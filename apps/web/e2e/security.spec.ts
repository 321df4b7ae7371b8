import { type Page } from "@playwright/test";

import { expect, newAccount, register, requireChromium, test } from "./support/fixtures";

requireChromium();

const SECRET = "secret-password-in-the-form";

/** Records every request a page makes, to check none carries the password. */
function recordRequests(page: Page): { method: string; url: string }[] {
  const requests: { method: string; url: string }[] = [];
  page.on("request", (request) => requests.push({ method: request.method(), url: request.url() }));
  return requests;
}

function expectPostedWithoutSecret(
  requests: { method: string; url: string }[],
  forms: number,
): void {
  const submissions = requests.filter((request) =>
    request.url.includes("/api/form-without-script"),
  );
  expect(submissions).toHaveLength(forms);
  for (const submission of submissions) expect(submission.method).toBe("POST");
  for (const request of requests) expect(request.url).not.toContain(SECRET);
}

test.describe("password forms submitted by the browser itself", () => {
  test("with JavaScript off, sign-in, registration and reset never put a password in the URL", async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const page = await context.newPage();
    const requests = recordRequests(page);
    const forms = [
      { path: "/sign-in", fields: ["E-mail", "Password"], submit: "Sign in" },
      { path: "/register", fields: ["Name", "E-mail", "Password"], submit: "Create account" },
      {
        path: "/reset-password?token=a-reset-token-of-the-right-length",
        fields: ["New password", "Repeat the new password"],
        submit: "Change password",
      },
    ];
    for (const form of forms) {
      await page.goto(form.path);
      for (const field of form.fields) {
        await page
          .getByLabel(field, { exact: true })
          .fill(field === "E-mail" ? "someone@example.com" : SECRET);
      }
      await page.getByRole("button", { name: form.submit, exact: true }).click();
      await page.waitForLoadState("load");
      // Sent back to the form, with nothing of it in the address.
      expect(new URL(page.url()).pathname).toBe(new URL(form.path, baseURL).pathname);
    }
    expectPostedWithoutSecret(requests, forms.length);
    await context.close();
  });

  test("before hydration, the password-change form never puts a password in the URL", async ({
    page,
    browser,
    baseURL,
  }) => {
    const account = newAccount("Early");
    await register(page, account);
    // The page's own inline scripts run (they reveal the streamed content),
    // but its bundles never load: React never takes the form over.
    const context = await browser.newContext({
      baseURL,
      storageState: await page.context().storageState(),
    });
    await context.route("**/_next/static/chunks/**", (route) => route.abort());
    const early = await context.newPage();
    const requests = recordRequests(early);
    await early.goto("/account");
    await early.getByLabel("Current password").fill(SECRET);
    await early.getByLabel("New password", { exact: true }).fill(SECRET);
    await early.getByLabel("Repeat the new password").fill(SECRET);
    await early.getByRole("button", { name: "Change password" }).click();
    await early.waitForLoadState("load");
    expect(new URL(early.url()).pathname).toBe("/account");
    expectPostedWithoutSecret(requests, 1);
    await context.close();
  });
});

test.describe("the Content-Security-Policy guard", () => {
  test("fails a test whose page breaks the policy", async ({ page }) => {
    test.fail(true, "an injected inline script must be reported as a violation");
    await page.goto("/sign-in");
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.append(script);
    });
    await expect.poll(() => page.evaluate(() => "__injected" in window)).toBe(false);
  });
});
