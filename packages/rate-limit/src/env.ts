import { z } from "zod";

import { parseEnv, type EnvSource, type EnvDocs } from "@fastnext/config";

/** The variables readRateLimitEnv reads, inspectable without reading them. */
export const rateLimitEnvShape = {
  /**
   * Shared store for rate-limit counters, so limits hold across app
   * instances. Unset: each process counts on its own (fine for development).
   */
  REDIS_URL: z
    .url()
    .refine((v) => /^rediss?:\/\//.test(v), "must be a redis:// or rediss:// URL")
    .optional(),
};

/** The README's configuration table (`pnpm docs:env`). */
export const rateLimitEnvDocs: EnvDocs<typeof rateLimitEnvShape> = {
  REDIS_URL: {
    description:
      "shares rate-limit counters between instances; unset, each process counts on its own",
    default: "unset: limits kept in memory",
  },
};

export type RateLimitEnv = z.infer<z.ZodObject<typeof rateLimitEnvShape>>;

export function readRateLimitEnv(source: EnvSource): RateLimitEnv {
  return parseEnv("rate-limit", rateLimitEnvShape, source);
}

let cached: RateLimitEnv | undefined;

/** Read lazily, on first use, so importing the package never reads process.env. */
export function rateLimitEnv(): RateLimitEnv {
  cached ??= readRateLimitEnv(process.env);
  return cached;
}
