import { existsSync } from "node:fs";

/**
 * Debian's Chromium, never a browser Playwright downloads (`playwright
 * install` cannot run here). Without one the browser tests are skipped and
 * say why; they never pass silently.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export const chromiumAvailable = existsSync(CHROMIUM_PATH);

export const CHROMIUM_MISSING_REASON = `no Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`;

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
