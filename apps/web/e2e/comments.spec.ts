import {
  addMember,
  createInstance,
  createProject,
  publishReviewTemplate,
  registerUser,
} from "./support/api";
import { admin, expect, newAccount, requireChromium, signIn, test } from "./support/fixtures";

requireChromium();

test.describe("comments on a work item", () => {
  test("an owner comments mentioning a member, edits and deletes their own; the member is notified and sees it in the history", async ({
    page,
    browser,
    baseURL,
  }) => {
    await signIn(page, admin);
    const stamp = Date.now().toString(36);
    const templateKey = await publishReviewTemplate(page.request, `Comments ${stamp}`);
    const projectId = await createProject(page.request, `Comments project ${stamp}`);
    const member = newAccount("Mona");
    const memberId = await registerUser(page.request, member);
    await addMember(page.request, projectId, memberId, "viewer");
    const title = `Printer ${stamp}`;
    const instanceId = await createInstance(page.request, projectId, templateKey, title);
    const url = `/projects/${projectId}/instances/${instanceId}`;

    await page.goto(url);
    const history = page.getByRole("list", { name: "History" });
    await expect(history).toContainText("created it in “Open”");

    // An empty comment is refused in place.
    await page.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(page.getByText("Write something")).toBeVisible();

    const box = page.getByRole("textbox", { name: "Comment" });
    await box.fill("Toner is out, can you order some?");
    await box.press("Home");
    await page.getByLabel("Mention a member").selectOption({ label: member.name });
    await expect(box).toHaveValue(
      `@[${member.name}](${memberId}) Toner is out, can you order some?`,
    );
    await page.getByRole("button", { name: "Comment", exact: true }).click();

    const comment = history.getByTestId("timeline-comment").first();
    await expect(comment).toContainText(`@${member.name} Toner is out, can you order some?`);
    await expect(box).toHaveValue("");
    // The history holds the creation and the comment together, oldest first.
    await expect(history.locator("li")).toHaveCount(2);

    await comment.getByRole("button", { name: "Edit" }).click();
    const editor = comment.getByRole("textbox", { name: "Comment" });
    await editor.fill(`@[${member.name}](${memberId}) Toner and paper are out.`);
    await comment.getByRole("button", { name: "Save" }).click();
    await expect(comment).toContainText(`@${member.name} Toner and paper are out.`);
    await expect(comment).toContainText("(edited)");

    // A second comment, deleted by its author.
    await box.fill("Wrong item, sorry");
    await page.getByRole("button", { name: "Comment", exact: true }).click();
    const wrong = history.getByTestId("timeline-comment").filter({ hasText: "Wrong item" });
    await expect(wrong).toBeVisible();
    await wrong.getByRole("button", { name: "Delete" }).click();
    await page
      .getByRole("dialog", { name: "Delete this comment?" })
      .getByRole("button", { name: "Delete comment" })
      .click();
    await expect(wrong).toHaveCount(0);
    await expect(history.getByTestId("timeline-comment")).toHaveCount(1);

    // The member hears of the mention, and finds the comment in the item's history.
    const context = await browser.newContext({ baseURL });
    const memberPage = await context.newPage();
    await signIn(memberPage, member);
    const bell = memberPage.getByRole("button", { name: /^Notifications, \d+ unread$/ });
    await expect(bell).toBeVisible({ timeout: 30_000 });
    await bell.click();
    const panel = memberPage.getByRole("region", { name: "Notifications", exact: true });
    await expect(panel).toContainText(`mentioned you on “${title}”`, { timeout: 30_000 });
    await memberPage.goto(url);
    const theirs = memberPage.getByRole("list", { name: "History" });
    await expect(theirs.getByTestId("timeline-comment")).toContainText("Toner and paper are out.");
    // A viewer comments too, but edits nobody else's.
    await expect(theirs.getByRole("button", { name: "Edit" })).toHaveCount(0);
    await expect(memberPage.getByRole("textbox", { name: "Comment" })).toBeVisible();
    await context.close();
  });
});
