import { performance } from "node:perf_hooks";

import { type Page } from "@playwright/test";

import { BOARD_PAGE_SIZE } from "../src/components/workflows/board-input";
import { createInstances, createProject, publishReviewTemplate } from "./support/api";
import { admin, expect, requireChromium, signIn, test } from "./support/fixtures";
import { PERCEIVED_ANNOTATION } from "./support/perceived-reporter";

requireChromium();

/** Measured runs per figure, after one unmeasured warm-up run. */
const RUNS = 5;
const ITEMS = 200;

/**
 * Runs `once` (which returns the milliseconds a person waited) a warm-up
 * time and `RUNS` times, and records the median for the reporter to print.
 * Figures only: no assertion is made on them, so a slow machine never fails.
 */
async function perceive(label: string, once: (run: number) => Promise<number>): Promise<void> {
  await once(0);
  const times: number[] = [];
  for (let run = 1; run <= RUNS; run += 1) times.push(await once(run));
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  test.info().annotations.push({
    type: PERCEIVED_ANNOTATION,
    description: `${label} ${Math.round(median)} ms (median of ${RUNS}; ${times
      .map((time) => Math.round(time))
      .join(", ")})`,
  });
}

/** Milliseconds from `act` starting until `done` resolves (waits poll on animation frames). */
async function timed(act: () => Promise<unknown>, done: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await act();
  await done();
  return performance.now() - start;
}

/** Signed out without the UI: off the app first, so no page of it reacts to the lost session. */
async function signOutByCookies(page: Page): Promise<void> {
  await page.goto("about:blank");
  await page.context().clearCookies();
}

test.describe("perceived speed", () => {
  test("sign-in to the dashboard, a board of 200 items, a transition to the new state", async ({
    page,
  }) => {
    // Seeding: one template, one project, 200 items in four batched requests.
    await signIn(page, admin);
    const stamp = Date.now().toString(36);
    const templateKey = await publishReviewTemplate(page.request, `Speed ${stamp}`);
    const projectId = await createProject(page.request, `Speed ${stamp}`);
    const ids = await createInstances(page.request, projectId, templateKey, "Speed item", ITEMS);
    expect(ids).toHaveLength(ITEMS);

    await perceive("sign-in→dashboard", async () => {
      await signOutByCookies(page);
      await page.goto("/sign-in");
      await page.getByLabel("E-mail").fill(admin.email);
      await page.getByLabel("Password", { exact: true }).fill(admin.password);
      return timed(
        () => page.getByRole("button", { name: "Sign in", exact: true }).click(),
        () => page.getByRole("heading", { name: `Welcome, ${admin.name}` }).waitFor(),
      );
    });

    const cards = page.getByRole("region", { name: "Board" }).locator(".board-card");
    await perceive(`board of ${ITEMS} items→first ${BOARD_PAGE_SIZE} cards visible`, async () => {
      await page.goto("/projects");
      return timed(
        () => page.goto(`/projects/${projectId}?template=${templateKey}`),
        () => cards.nth(BOARD_PAGE_SIZE - 1).waitFor(),
      );
    });
    await expect(cards).toHaveCount(BOARD_PAGE_SIZE);

    await perceive("transition click→new state shown", async (run) => {
      await page.goto(`/projects/${projectId}/instances/${ids[run] ?? ""}`);
      await page.getByRole("button", { name: "Submit, to In review" }).click();
      const dialog = page.getByRole("dialog", { name: "Submit" });
      return timed(
        () => dialog.getByRole("button", { name: "Submit" }).click(),
        () => page.getByTestId("instance-state").filter({ hasText: "In review" }).waitFor(),
      );
    });
    await expect(page.getByTestId("instance-state")).toHaveText("In review");
  });
});
