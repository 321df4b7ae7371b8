import { z } from "zod";

import { readApiConfig } from "@fastnext/api/env";
import { envFields, parseEnv, type EnvSource } from "@fastnext/config";
import { readMetricsEnv } from "@fastnext/metrics/env";

export const apiServerEnvShape = {
  API_PORT: envFields.port(4000),
  /** Interface to listen on; 0.0.0.0 in containers. */
  API_HOST: z.string().min(1).default("127.0.0.1"),
  /** How long shutdown waits for requests in flight. */
  API_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
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
