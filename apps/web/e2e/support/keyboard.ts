import { type Locator, type Page } from "@playwright/test";

import { expect } from "./fixtures";

/** What has focus, and whether a person can see where it is. */
interface FocusedElement {
  description: string;
  ringVisible: boolean;
}

/**
 * The focused element and whether it shows a focus ring: an outline or a
 * box-shadow on it, or on a near ancestor that draws the ring for it
 * (`:focus-within`, as the command palette's field does).
 */
async function focused(page: Page): Promise<FocusedElement> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) {
      return { description: "nothing (the page itself)", ringVisible: false };
    }
    const draws = (candidate: Element) => {
      const style = getComputedStyle(candidate);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      return outline || style.boxShadow !== "none";
    };
    let ringVisible = false;
    let candidate: Element | null = element;
    for (let depth = 0; candidate && depth < 3 && !ringVisible; depth += 1) {
      ringVisible = draws(candidate);
      candidate = candidate.parentElement;
    }
    const name =
      element.getAttribute("aria-label") ??
      (element.textContent.trim() || element.getAttribute("name") || "");
    return {
      description: `<${element.tagName.toLowerCase()}> “${name.slice(0, 60)}”`,
      ringVisible,
    };
  });
}

/** Fails unless the focused element shows a focus ring. */
export async function expectFocusRing(page: Page): Promise<void> {
  const element = await focused(page);
  expect(element.ringVisible, `a focus ring on ${element.description}`).toBe(true);
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until `target` has focus, and
 * checks at every stop on the way that the focused element shows a ring:
 * a person moving by keyboard sees where they are at each step. Fails when
 * `target` is not reached within `limit` presses (unreachable by keyboard).
 */
export async function tabTo(
  page: Page,
  target: Locator,
  { limit = 60, backwards = false }: { limit?: number; backwards?: boolean } = {},
): Promise<void> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    await expectFocusRing(page);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${target.toString()} was not reached in ${limit} presses of Tab`);
}
