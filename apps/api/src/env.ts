import { z } from "zod";

import { readApiConfig } from "@fastnext/api/env";
import { envFields, parseEnv, type EnvSource, type EnvDocs } from "@fastnext/config";
import { readMetricsEnv } from "@fastnext/metrics/env";

export const apiServerEnvShape = {
  API_PORT: envFields.port(4000),
  /** Interface to listen on; 0.0.0.0 in containers. */
  API_HOST: z.string().min(1).default("127.0.0.1"),
  /**
   * After SIGTERM, how long the server keeps serving with readiness failed
   * before it closes, so load balancers stop sending it requests first.
   * Behind Kubernetes or a cloud balancer set it to a few seconds (5000).
   */
  API_SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  /** How long shutdown then waits for requests in flight before cutting them. */
  API_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
};

/** The README's configuration table (`pnpm docs:env`). */
export const apiServerEnvDocs: EnvDocs<typeof apiServerEnvShape> = {
  API_PORT: "the standalone API server's port",
  API_HOST: "interface the API server listens on; `0.0.0.0` in containers",
  API_SHUTDOWN_DELAY_MS:
    "on SIGTERM, how long the server keeps serving with `/ready` failing before it closes, so load balancers stop sending first (`docs/operations/scale-out.md`)",
  API_SHUTDOWN_TIMEOUT_MS: "how long shutdown waits for requests in flight",
};

export function readApiServerEnv(source: EnvSource) {
  // The router's own settings (CORS, proxies, limits, database, tokens) are
  // checked here too, so a bad one stops start-up with its name before
  // anything listens.
  return {
    ...parseEnv("api server", apiServerEnvShape, source),
    api: readApiConfig(source),
    metrics: readMetricsEnv(source),
  };
}

export type ApiServerEnv = ReturnType<typeof readApiServerEnv>;

export function apiServerEnv(): ApiServerEnv {
  return readApiServerEnv(process.env);
}
