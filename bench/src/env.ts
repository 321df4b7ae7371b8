import { z } from "zod";

import { readApiEnv } from "@fastnext/api/env";
import { readAuthEnv } from "@fastnext/auth/env";
import { envFields, parseEnv } from "@fastnext/config";

export const benchEnvShape = {
  /** full: the data set and concurrencies of the budget. smoke: seconds, for CI. */
  BENCH_MODE: z.enum(["full", "smoke"]).default("full"),
  BENCH_SECONDS: z.coerce.number().min(1).max(120).default(8),
  BENCH_CONNECTIONS: z.coerce.number().int().min(1).max(512).default(32),
  BENCH_CPU_PROF: envFields.boolean(false),
  /** Run one target only (its name as printed), with the baseline. */
  BENCH_ONLY: z.string().optional(),
  /** auto: the Next.js route runs when apps/web has a production build (a full run makes one). */
  BENCH_NEXT: z.enum(["auto", "skip"]).default("auto"),
  /** Also measure cost growth (2,000 projects, 500,000 instances): minutes more. */
  BENCH_GROWTH: envFields.boolean(false),
  /** The soak (pnpm bench:soak): how long, and how often the server's RSS is read. */
  BENCH_SOAK_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  BENCH_SOAK_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3_600).default(30),
  /** The export benchmark (pnpm bench:export): items in the exported project. */
  BENCH_EXPORT_ROWS: z.coerce.number().int().min(1_000).max(5_000_000).default(500_000),
  BENCH_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** Superuser connection for the benchmark database; embedded server when unset. */
  BENCH_DATABASE_ADMIN_URL: envFields.postgresUrl().optional(),
  TEST_DATABASE_ADMIN_URL: envFields.postgresUrl().optional(),
  /** Set by the runner for the server process it starts. */
  BENCH_APP_URL: envFields.postgresUrl().optional(),
  BENCH_SYSTEM_URL: envFields.postgresUrl().optional(),
};

export const benchEnv = parseEnv("bench", benchEnvShape, process.env);

/** The environment a child process inherits, plus `extra`. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** The API's and the tokens' settings, for the benchmark's API server (read when it starts, not at import). */
export function serverConfig() {
  return { api: readApiEnv(process.env), auth: readAuthEnv(process.env) };
}
