import { type Page } from "@playwright/test";

/**
 * What a phone user would see as broken on the current page: the page
 * scrolling sideways, or something drawn past the screen's left or right
 * edge. Content inside a region that scrolls or clips on its own (a board's
 * columns, a table in a scroll box) is that region's business: only the
 * region itself must fit.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    const width = root.clientWidth;
    if (root.scrollWidth > width + 1) {
      problems.push(`the page scrolls sideways: ${root.scrollWidth}px of content in ${width}px`);
    }
    const describe = (element: Element) => {
      const label =
        element.getAttribute("aria-label") ??
        element.textContent.trim().replace(/\s+/g, " ").slice(0, 40);
      const classes = element.getAttribute("class");
      return `<${element.tagName.toLowerCase()}${classes ? ` class="${classes}"` : ""}> “${label}”`;
    };
    const containedByItsOwnRegion = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body;) {
        const overflow = getComputedStyle(parent).overflowX;
        if (overflow !== "visible") return true;
        parent = parent.parentElement;
      }
      return false;
    };
    for (const element of Array.from(document.body.querySelectorAll("*"))) {
      const rect = element.getBoundingClientRect();
      // Zero-sized and one-pixel boxes are nothing a person sees (the visually-hidden pattern).
      if (rect.width <= 1 || rect.height <= 1) continue;
      if (rect.left >= -1 && rect.right <= width + 1) continue;
      const style = getComputedStyle(element);
      if (style.visibility === "hidden" || style.opacity === "0") continue;
      if (containedByItsOwnRegion(element)) continue;
      problems.push(
        `${describe(element)} spans ${Math.round(rect.left)}..${Math.round(rect.right)}px of ${width}px`,
      );
    }
    return problems.slice(0, 10);
  });
}
