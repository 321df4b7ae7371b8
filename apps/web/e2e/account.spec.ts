import { registerUser } from "./support/api";
import { expect, newAccount, register, requireChromium, signIn, test } from "./support/fixtures";
import { waitForMail } from "./support/mail";

requireChromium();

test.describe("account", () => {
  test("a user changes their password and signs out another device from the sessions list", async ({
    page,
    browser,
    baseURL,
  }) => {
    const account = newAccount("Pat");
    await register(page, account);

    const context = await browser.newContext({ baseURL });
    const other = await context.newPage();
    await signIn(other, account);

    await page.goto("/account");
    const devices = page.getByRole("list", { name: "Devices" });
    await expect(devices.getByRole("listitem")).toHaveCount(2);
    await devices
      .getByRole("button", { name: /^Sign out (?!this device)/ })
      .first()
      .click();
    await expect(devices.getByRole("listitem")).toHaveCount(1);
    await expect(devices).toContainText("This device");

    // The other device's session is over.
    await other.reload();
    await expect(other).toHaveURL(/\/sign-in/);
    await context.close();

    await page.getByLabel("Current password").fill(account.password);
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("At least 8 characters", { exact: true })).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill("a much longer new password");
    await page.getByLabel("Repeat the new password").fill("a much longer new password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed.")).toBeVisible();
  });

  test("a user who forgot their password resets it from the e-mailed link", async ({ page }) => {
    const account = newAccount("Fay");
    await registerUser(page.request, account);

    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("E-mail").fill(account.email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByText("Check your e-mail")).toBeVisible();

    const mail = await waitForMail(account.email, /reset-password\?token=/);
    const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_%-]+/.exec(mail)?.[0];
    expect(link).toBeTruthy();
    await page.goto(link ?? "");
    await page.getByLabel("New password", { exact: true }).fill("my brand new password");
    await page.getByLabel("Repeat the new password").fill("my brand new password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Your password was changed")).toBeVisible();

    await signIn(page, { ...account, password: "my brand new password" });
  });
});
