import { createInstance, createProject, publishReviewTemplate } from "./support/api";
import { admin, expect, requireChromium, signIn, test } from "./support/fixtures";

requireChromium();

/** The 8-byte PNG signature and an IHDR chunk header: enough for the type check. */
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from([0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]),
  Buffer.alloc(64),
]);

test.describe("attachments", () => {
  test("an owner attaches a file, downloads it, is refused a disguised one, and removes it", async ({
    page,
  }) => {
    await signIn(page, admin);
    const stamp = Date.now().toString(36);
    const templateKey = await publishReviewTemplate(page.request, `Files ${stamp}`);
    const projectId = await createProject(page.request, `Paperwork ${stamp}`);
    const instanceId = await createInstance(page.request, projectId, templateKey, "Contract");

    await page.goto(`/projects/${projectId}/instances/${instanceId}`);
    const files = page.getByRole("region", { name: "Files" });
    await expect(files.getByText("No files yet")).toBeVisible();

    await files
      .getByLabel(/Attach a file/)
      .setInputFiles({ name: "signature.png", mimeType: "image/png", buffer: PNG });
    const list = files.getByRole("list", { name: "Files" });
    await expect(list.getByRole("link", { name: "signature.png" })).toBeVisible();
    await expect(list).toContainText(`${PNG.length} B`);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      list.getByRole("link", { name: "signature.png" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("signature.png");

    // A page with an image's name is not an image.
    await files.getByLabel(/Attach a file/).setInputFiles({
      name: "holiday.png",
      mimeType: "image/png",
      buffer: Buffer.from("<html><script>alert(1)</script></html>"),
    });
    await expect(files.getByRole("alert")).toContainText("cannot be attached");
    await expect(list.getByRole("link", { name: "holiday.png" })).toHaveCount(0);

    await list.getByRole("button", { name: "Remove signature.png" }).click();
    await expect(files.getByText("No files yet")).toBeVisible();
  });
});
