import { z } from "zod";

import { createInstance, createProject, mutate, publishReviewTemplate, query } from "./support/api";
import { admin, expect, requireChromium, signIn, test } from "./support/fixtures";

requireChromium();

test.describe("command palette and shortcuts", () => {
  test("Ctrl+K finds a project and an item by name and opens them with the keyboard", async ({
    page,
  }) => {
    const stamp = Date.now().toString(36);
    await signIn(page, admin);
    const projectId = await createProject(page.request, `Palette ${stamp}`);
    const key = await publishReviewTemplate(page.request, `Palette flow ${stamp}`);
    const itemId = await createInstance(page.request, projectId, key, `Laptop for ${stamp}`);

    const palette = page.getByRole("dialog", { name: "Jump to" });
    // Keys reach the app once it has hydrated; until then a press does nothing.
    await expect(async () => {
      await page.keyboard.press("Control+K");
      await expect(palette).toBeVisible({ timeout: 1_000 });
    }).toPass();
    const box = palette.getByRole("combobox", { name: "Search pages, projects, items and users" });
    await expect(box).toBeFocused();
    await box.fill(stamp);
    await expect(palette.getByRole("option", { name: /Palette \w+ Projects/ })).toBeVisible();
    const item = palette.getByRole("option", { name: new RegExp(`Laptop for ${stamp}`) });
    await expect(item).toBeVisible();
    // The first result is selected; arrows move the selection down to the item.
    await expect(palette.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
    while ((await item.getAttribute("aria-selected")) !== "true") await box.press("ArrowDown");
    await box.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/instances/${itemId}$`));
    await expect(palette).toBeHidden();

    // Pages are found without the API; Escape closes and nothing happens.
    await page.keyboard.press("Control+K");
    await box.fill("roles");
    await expect(palette.getByRole("option", { name: /^Roles/ })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(palette).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/instances/${itemId}$`));
  });

  test("a user result opens the users page filtered to that user", async ({ page }) => {
    await signIn(page, admin);
    await page.getByRole("button", { name: "Search" }).click();
    const palette = page.getByRole("dialog", { name: "Jump to" });
    await palette.getByRole("combobox").fill(admin.email);
    await palette
      .getByRole("option", { name: new RegExp(admin.email.replace(/[.+]/g, "\\$&")) })
      .click();
    await expect(page).toHaveURL(/\/admin\/users\?search=/);
    await expect(page.getByRole("searchbox")).toHaveValue(admin.email);
  });

  test("? lists the shortcuts, and G then P goes to projects", async ({ page }) => {
    await signIn(page, admin);
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(async () => {
      await page.keyboard.press("?");
      await expect(help).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await expect(help.getByRole("cell", { name: "Open the command palette" })).toBeVisible();
    await page.keyboard.press("Escape");
    await page.keyboard.press("g");
    await page.keyboard.press("p");
    await expect(page).toHaveURL(/\/projects$/);
    // In a text field the same keys are typing.
    await page.getByLabel("Search projects").fill("");
    await page.getByLabel("Search projects").press("?");
    await expect(help).toBeHidden();
  });

  test("offline, a change waits under a banner and is sent when the connection is back", async ({
    page,
    context,
  }) => {
    await signIn(page, admin);
    const savedTheme = async () =>
      z.object({ theme: z.string() }).parse(await query(page.request, "users.settings.get")).theme;
    const next = (await savedTheme()) === "dark" ? "Light" : "Dark";
    await context.setOffline(true);
    await expect(page.getByText("You are offline.")).toBeVisible();
    await page.getByRole("button", { name: /^Theme:/ }).click();
    await page.getByRole("menuitemradio", { name: next }).click();
    await expect(page.getByText("1 change is waiting")).toBeVisible();

    await context.setOffline(false);
    await expect(page.getByText("You are offline.")).toBeHidden();
    await expect(page.getByText(/change (is|has)/)).toBeHidden();
    await expect.poll(savedTheme).toBe(next.toLowerCase());
    // The admin is shared by every test: back to following the system.
    await mutate(page.request, "users.settings.update", { theme: "system" });
  });
});
