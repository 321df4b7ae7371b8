import { z } from "zod";

import { envFields, parseEnv } from "@fastnext/config";
import { readDbEnv } from "@fastnext/db";

export const webEnvShape = {
  NODE_ENV: envFields.nodeEnv(),
  PORT: envFields.port(3000),
  APP_URL: z.url().default("http://localhost:3000"),
};

/**
 * Validated once at start-up (instrumentation.ts): a bad value stops the
 * server with the variable's name instead of failing on the first request.
 */
export function readWebEnv(source: Readonly<Record<string, string | undefined>>) {
  const web = parseEnv("web", webEnvShape, source);
  return { ...web, db: readDbEnv(source) };
}

let cached: ReturnType<typeof readWebEnv> | undefined;

/** Read on first use, not at import: `next build` imports routes without runtime env. */
export function webEnv(): ReturnType<typeof readWebEnv> {
  cached ??= readWebEnv(process.env);
  return cached;
}
