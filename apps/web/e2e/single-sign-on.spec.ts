import { type APIRequestContext, type Page } from "@playwright/test";

import { registerUser } from "./support/api";
import { expect, newAccount, requireChromium, signIn, test } from "./support/fixtures";
import { readState } from "./support/state";

requireChromium();

let people = 0;

/** Names who signs in next at the test identity provider (a real oidc-provider). */
async function atProvider(
  request: APIRequestContext,
  person: { email: string; name: string; emailVerified?: boolean; sub?: string },
): Promise<string> {
  people += 1;
  const sub = person.sub ?? `sso-${Date.now().toString(36)}-${people}`;
  const response = await request.post(readState().oidcControlUrl, {
    data: {
      sub,
      email: person.email,
      emailVerified: person.emailVerified ?? true,
      name: person.name,
    },
  });
  expect(response.status()).toBe(204);
  return sub;
}

async function signInWithSso(page: Page): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
}

test.describe("single sign-on", () => {
  test("only the configured provider is offered", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("button", { name: "Sign in with Test SSO" })).toBeVisible();
    for (const off of ["GitHub", "Google", "Microsoft"]) {
      await expect(page.getByRole("button", { name: `Sign in with ${off}` })).toHaveCount(0);
    }
  });

  test("a new person signs in through the provider and cannot remove their only way in", async ({
    page,
  }) => {
    const person = newAccount("Sso");
    await atProvider(page.request, person);
    await signInWithSso(page);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

    await page.goto("/account");
    const linked = page.getByRole("list", { name: "Linked providers" });
    await expect(linked.getByRole("listitem")).toHaveCount(1);
    await expect(linked).toContainText(person.email);
    await linked.getByRole("button", { name: /^Remove Test SSO/ }).click();
    await expect(page.getByText(/only way to sign in/)).toBeVisible();
    await expect(linked.getByRole("listitem")).toHaveCount(1);
  });

  test("an unverified e-mail is refused", async ({ page }) => {
    const person = newAccount("Unverified");
    await atProvider(page.request, { ...person, emailVerified: false });
    await signInWithSso(page);
    await expect(page.getByText(/did not confirm your e-mail address/)).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  });

  test("an existing account is linked only after its owner signs in, then signs in through the provider", async ({
    page,
    browser,
    baseURL,
  }) => {
    const account = newAccount("Owner");
    await registerUser(page.request, account);
    const sub = await atProvider(page.request, account);

    // Same verified e-mail, but no proof of holding the account: no link, no session.
    await signInWithSso(page);
    await expect(page.getByText(/An account with this e-mail already exists/)).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

    // Signed in with the password, the owner links the provider from the account page.
    await signIn(page, account);
    await page.goto("/account");
    await page.getByRole("button", { name: "Link Test SSO" }).click();
    await expect(page).toHaveURL(/\/account$/);
    const linked = page.getByRole("list", { name: "Linked providers" });
    await expect(linked).toContainText(account.email);

    // Another browser now signs in to that account through the provider.
    const context = await browser.newContext({ baseURL });
    const other = await context.newPage();
    await atProvider(other.request, { ...account, sub });
    await signInWithSso(other);
    await expect(other.getByRole("navigation", { name: "Main" })).toBeVisible();
    await other.goto("/account");
    await expect(other.getByRole("list", { name: "Linked providers" })).toContainText(
      account.email,
    );
    await context.close();

    // With a password, the one provider may go.
    await page.reload();
    await linked.getByRole("button", { name: /^Remove Test SSO/ }).click();
    await expect(page.getByText("The provider was removed.")).toBeVisible();
    await expect(linked).toHaveCount(0);
  });
});
