import { describe, expect, it } from "vitest";

import { pageRoutes } from "../e2e/support/pages";
import {
  SCREENSHOT_SCHEMES,
  SCREENSHOT_VIEWPORTS,
  screenshotPlan,
  type ScreenshotViewport,
} from "../e2e/support/screenshot-plan";

/** A map like the every-page map's, with a concrete URL per route. */
function mapOf(routes: readonly string[]): Record<string, string> {
  return Object.fromEntries(routes.map((route) => [route, route.replace(/\[(\w+)\]/g, "x-$1")]));
}

const viewports = Object.keys(SCREENSHOT_VIEWPORTS) as ScreenshotViewport[];

describe("the screenshot script's plan", () => {
  it("takes every page route of the app at both widths in light and dark, each in a file of its own", () => {
    const routes = pageRoutes();
    expect(routes.length).toBeGreaterThan(10);
    const shots = viewports.flatMap((viewport) =>
      SCREENSHOT_SCHEMES.flatMap((scheme) =>
        screenshotPlan(mapOf(routes), routes, viewport, scheme),
      ),
    );
    expect(shots).toHaveLength(routes.length * 4);
    expect(new Set(shots.map((shot) => shot.file)).size).toBe(shots.length);
    for (const route of routes) {
      expect(shots.filter((shot) => shot.route === route).map((shot) => shot.file)).toHaveLength(4);
    }
    expect(shots.map((shot) => shot.file)).toContain("projects-projectId-phone-dark.png");
    expect(shots.map((shot) => shot.file)).toContain("dashboard-desktop-light.png");
  });

  it("refuses a map that leaves a page out or names one the app does not have", () => {
    const routes = pageRoutes();
    const [first, ...rest] = routes;
    expect(() => screenshotPlan(mapOf(rest), routes, "phone", "dark")).toThrow(
      `missing ${first ?? ""}`,
    );
    expect(() =>
      screenshotPlan(mapOf([...routes, "/no-such-page"]), routes, "desktop", "light"),
    ).toThrow("not a page /no-such-page");
  });
});
