import { z } from "zod";

import { parseEnv, type EnvSource, type EnvDocs } from "@fastnext/config";
import { devHosts } from "@fastnext/config/network";

/**
 * What next.config.ts reads. Apart from env.ts because the config is loaded
 * before the app, by Next itself, and must not load the database package.
 */
export const devServerEnvShape = {
  /**
   * More host names the development server may be opened at (a tunnel, a
   * name in /etc/hosts), comma-separated, `*.example.test` patterns allowed.
   */
  ALLOWED_DEV_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^(\*\.)?[a-z0-9.-]+$|^\[?[0-9a-f:]+\]?$/,
            "must be host names without scheme or port",
          ),
      ),
    ),
};

/** The README's configuration table (`pnpm docs:env`). */
export const devServerEnvDocs: EnvDocs<typeof devServerEnvShape> = {
  ALLOWED_DEV_ORIGINS:
    "more host names `next dev` serves its scripts to, besides localhost, 127.0.0.1 and the LAN addresses (comma-separated, `*.example.test` allowed)",
};

/**
 * The hosts `next dev` serves its scripts and live-reload socket to:
 * localhost, 127.0.0.1, this machine's LAN addresses and
 * ALLOWED_DEV_ORIGINS. Next refuses them to any other origin, and a page
 * opened there would never hydrate.
 */
export function allowedDevOrigins(source: EnvSource): string[] {
  return devHosts(parseEnv("web", devServerEnvShape, source).ALLOWED_DEV_ORIGINS);
}
