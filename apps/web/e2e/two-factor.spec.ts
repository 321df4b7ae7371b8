import { readFile } from "node:fs/promises";

import { expect, newAccount, register, requireChromium, test } from "./support/fixtures";
import { totpCode } from "./support/totp";

requireChromium();

test.describe("two-factor sign-in", () => {
  test("a user turns it on, then signing in asks for the code; a backup code works too", async ({
    page,
  }) => {
    const account = newAccount("Toto");
    await register(page, account);

    await page.goto("/account");
    const card = page.getByRole("region", { name: "Two-factor sign-in" });
    await card.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    // A QR code of the otpauth URI, and the key by hand in groups of four.
    const qr = card.getByRole("img", { name: "QR code for your authenticator app" });
    await expect(qr).toBeVisible();
    expect(await qr.locator("path").count()).toBeGreaterThan(0);
    await expect(card.getByRole("button", { name: "Copy key" })).toBeVisible();
    const grouped = (await card.getByLabel("Secret key").textContent())?.trim() ?? "";
    expect(grouped).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const secret = grouped.replaceAll(" ", "");
    await card.getByLabel("Code from the app").fill("000000");
    await card.getByRole("button", { name: "Turn on" }).click();
    await expect(card.getByText("The code is not correct")).toBeVisible();
    await expect(card.getByLabel("Code from the app")).toHaveAttribute("aria-invalid", "true");
    await card.getByLabel("Code from the app").fill(totpCode(secret));
    await card.getByRole("button", { name: "Turn on" }).click();
    await expect(card.getByText("Save your backup codes now")).toBeVisible();
    const backupCode = (await card.locator(".backup-codes li").first().textContent())?.trim() ?? "";
    expect(backupCode).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    await expect(card.getByRole("button", { name: "Copy codes" })).toBeVisible();
    const saving = page.waitForEvent("download");
    await card.getByRole("button", { name: "Download as .txt" }).click();
    const download = await saving;
    expect(download.suggestedFilename()).toBe("fastnext-backup-codes.txt");
    const saved = await readFile(await download.path(), "utf8");
    const shown = await card.locator(".backup-codes li").allTextContents();
    expect(shown).toHaveLength(10);
    for (const code of shown) expect(saved).toContain(code.trim());
    await expect(card.getByText("On", { exact: true })).toBeVisible();

    // The user's own trail on the overview reads as sentences, not keys.
    await page.goto("/");
    const trail = page.getByRole("region", { name: "Your recent activity" });
    await expect(trail).toContainText("Turned on two-factor authentication");
    await expect(trail).toContainText("Started setting up two-factor authentication");
    await expect(trail).not.toContainText("two_factor");

    // Sign out, then in again: the password alone is not enough.
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.getByLabel("E-mail").fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const code = page.getByLabel("Authentication code");
    await expect(code).toBeVisible();
    await code.fill("123456");
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toContainText(
      "That code is not correct",
    );
    // The next 30-second step's code: the current one was spent turning two-factor
    // on (a code is not accepted twice), and one step of clock drift is allowed.
    await code.fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

    // A backup code signs in once.
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.getByLabel("E-mail").fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByLabel("Authentication code").fill(backupCode);
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  });
});
