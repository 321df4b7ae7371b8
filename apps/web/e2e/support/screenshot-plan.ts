/**
 * What the screenshot script (scripts/screenshots.ts) takes: every page of
 * the every-page map (support/pages.ts) at desktop and phone width, light
 * and dark. Kept apart from the browser so a unit test can check that the
 * plan covers every page route and names each file once.
 */
export const SCREENSHOT_VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

export type ScreenshotViewport = keyof typeof SCREENSHOT_VIEWPORTS;

export const SCREENSHOT_SCHEMES = ["light", "dark"] as const;

export type ScreenshotScheme = (typeof SCREENSHOT_SCHEMES)[number];

export interface Shot {
  /** The page route of the every-page map ("/projects/[projectId]"). */
  route: string;
  url: string;
  file: string;
}

/** A file name for a route: "/" is "dashboard", "/projects/[projectId]" is "projects-projectId". */
export function routeSlug(route: string): string {
  if (route === "/") return "dashboard";
  return route
    .replace(/^\//, "")
    .replace(/[[\]]/g, "")
    .replace(/[^a-zA-Z0-9]+/g, "-");
}

export function screenshotFile(
  name: string,
  viewport: ScreenshotViewport,
  scheme: ScreenshotScheme,
): string {
  return `${name}-${viewport}-${scheme}.png`;
}

/**
 * The shots for one viewport and scheme: one per entry of the every-page
 * map. Refuses a map whose routes are not exactly `routes` (the app's page
 * folders), so a new page cannot be left out of the screenshots.
 */
export function screenshotPlan(
  pages: Readonly<Record<string, string>>,
  routes: readonly string[],
  viewport: ScreenshotViewport,
  scheme: ScreenshotScheme,
): Shot[] {
  const mapped = Object.keys(pages).sort();
  const missing = routes.filter((route) => !(route in pages));
  const unknown = mapped.filter((route) => !routes.includes(route));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(
      `the every-page map and the app's pages differ: missing ${missing.join(", ") || "none"}; not a page ${unknown.join(", ") || "none"}`,
    );
  }
  return mapped.map((route) => ({
    route,
    url: pages[route] ?? route,
    file: screenshotFile(routeSlug(route), viewport, scheme),
  }));
}
