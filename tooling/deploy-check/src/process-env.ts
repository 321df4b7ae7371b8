import { type z } from "zod";

import { apiEnvShape } from "@fastnext/api/env";
import { authEnvShape } from "@fastnext/auth";
import { parseEnv, type EnvSource } from "@fastnext/config";
import { transferEnvShape } from "@fastnext/core/transfers";
import { webhookEnvShape } from "@fastnext/core/webhooks";
import { seedEnvShape } from "@fastnext/db/admin";
import { dbEnvShape } from "@fastnext/db/env";
import { emailEnvShape } from "@fastnext/email/env";
import { loggerEnvShape } from "@fastnext/logger/env";
import { metricsEnvShape, metricsTokenEnvShape } from "@fastnext/metrics/env";
import { rateLimitEnvShape } from "@fastnext/rate-limit/env";
import { storageEnvShape } from "@fastnext/storage/env";
import { webEnvShape } from "@fastnext/web/src/env";
import { apiServerEnvShape } from "@fastnext/api-server/src/env";
import { workerEnvShape } from "@fastnext/worker/src/env";

// What each deployed process reads from its environment, for every check
// of a deployment description (docker-compose.yml, deploy/k8s): a variable
// the process does not read is a mistake, and so is a required one unset.

export type EnvShape = Readonly<Record<string, z.ZodType>>;

export type ProcessName = "web" | "api" | "worker" | "migrate";

/** The env schemas each process loads, by the scope parseEnv reports. */
export const processes: Record<ProcessName, Record<string, EnvShape>> = {
  web: {
    web: webEnvShape,
    database: dbEnvShape,
    logger: loggerEnvShape,
    api: apiEnvShape,
    // Sign-in (tRPC auth.login and the next-auth cookie) signs access tokens.
    auth: authEnvShape,
    // The API's configuration reads the rate limiters' store too.
    "rate-limit": rateLimitEnvShape,
    metrics: metricsTokenEnvShape,
    webhooks: webhookEnvShape,
    // Attachments are uploaded and downloaded through either server.
    storage: storageEnvShape,
    // Exports are asked for, and downloaded, through either server.
    transfers: transferEnvShape,
  },
  api: {
    "api server": apiServerEnvShape,
    database: dbEnvShape,
    logger: loggerEnvShape,
    api: apiEnvShape,
    auth: authEnvShape,
    "rate-limit": rateLimitEnvShape,
    metrics: metricsEnvShape,
    webhooks: webhookEnvShape,
    storage: storageEnvShape,
    transfers: transferEnvShape,
  },
  worker: {
    worker: workerEnvShape,
    database: dbEnvShape,
    logger: loggerEnvShape,
    email: emailEnvShape,
    metrics: metricsEnvShape,
    webhooks: webhookEnvShape,
    // The clean-up of a deleted project's files, and exports' files.
    storage: storageEnvShape,
    transfers: transferEnvShape,
    // Only the key ring: it opens the webhook endpoints' sealed secrets.
    auth: {
      AUTH_ENCRYPTION_KEYS: authEnvShape.AUTH_ENCRYPTION_KEYS,
      AUTH_ENCRYPTION_KEY: authEnvShape.AUTH_ENCRYPTION_KEY,
    },
  },
  migrate: { database: dbEnvShape, seed: seedEnvShape },
};

export const processNames = Object.keys(processes) as ProcessName[];

/** The processes whose schemas read REDIS_URL: their limits or caches are shared through it. */
export const redisProcesses = processNames.filter((name) =>
  Object.values(processes[name]).some((shape) => "REDIS_URL" in shape),
);

/** Keys a schema has no default for and does not allow to be unset. */
export function requiredKeys(shape: EnvShape): string[] {
  return Object.keys(shape).filter((key) => shape[key]?.safeParse(undefined).success === false);
}

/**
 * Variables a process is given that none of its schemas reads. OTEL_* are
 * OpenTelemetry's standard variables, read by its SDK itself.
 */
export function unknownKeys(name: ProcessName, keys: Iterable<string>): string[] {
  const known = new Set(Object.values(processes[name]).flatMap((shape) => Object.keys(shape)));
  return [...keys].filter((key) => !known.has(key) && !key.startsWith("OTEL_"));
}

/** Required variables of a process that the given keys leave out. */
export function missingKeys(name: ProcessName, keys: Iterable<string>): string[] {
  const given = new Set(keys);
  return Object.values(processes[name])
    .flatMap(requiredKeys)
    .filter((key) => !given.has(key));
}

/** Parses the environment with each of the process's schemas; throws the first EnvError. */
export function parseProcessEnv(name: ProcessName, env: EnvSource): void {
  for (const [scope, shape] of Object.entries(processes[name])) parseEnv(scope, shape, env);
}
