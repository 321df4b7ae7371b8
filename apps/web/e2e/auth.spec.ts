import {
  admin,
  expect,
  newAccount,
  register,
  requireChromium,
  signIn,
  test,
} from "./support/fixtures";

requireChromium();

test.describe("signing in and out", () => {
  test("a new user registers and lands on the overview, signed in", async ({ page }) => {
    const account = newAccount("Reggie");
    await register(page, account);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(account.name);
    // Nobody gave them administrative permissions: no admin links.
    await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  });

  test("registration shows the schema's field errors before calling the API", async ({ page }) => {
    await page.goto("/register");
    await page.getByLabel("Name").fill("Shorty");
    await page.getByLabel("E-mail").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter a valid e-mail address")).toBeVisible();
    await expect(page.getByText("At least 8 characters", { exact: true })).toBeVisible();
    await expect(page.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/register$/);
  });

  test("the admin signs in, sees the admin navigation, and signs out", async ({ page }) => {
    await signIn(page, admin);
    await expect(page.getByRole("link", { name: "Users" })).toBeVisible();
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    // Signed out for real: the app sends us back to sign in.
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a wrong password is refused with a message and no session", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill(admin.email);
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toContainText(
      "The e-mail or password is not correct.",
    );
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a signed-in user without admin permissions gets the 403 page on an admin URL", async ({
    page,
  }) => {
    const account = newAccount("Nosy");
    await register(page, account);
    for (const url of ["/admin/users", "/admin/roles", "/admin/activity", "/admin/system"]) {
      await page.goto(url);
      await expect(
        page.getByRole("heading", { name: "You do not have access to this page" }),
      ).toBeVisible();
    }
  });
});
