import { type EnvDocs } from "@fastnext/config";
import { type z } from "zod";

import { apiEnvDocs, apiEnvShape } from "@fastnext/api/env";
import {
  authEnvDocs,
  authEnvShape,
  identityProvidersEnvDocs,
  identityProvidersEnvShape,
} from "@fastnext/auth/env";
import { adminCreateEnvDocs, adminCreateEnvShape } from "@fastnext/core/admin";
import { transferEnvDocs, transferEnvShape } from "@fastnext/core/transfers";
import { webhookEnvDocs, webhookEnvShape } from "@fastnext/core/webhooks";
import { backupEnvDocs, backupEnvShape, seedEnvDocs, seedEnvShape } from "@fastnext/db/admin";
import { dbEnvDocs, dbEnvShape } from "@fastnext/db/env";
import { localServerEnvDocs, localServerEnvShape } from "@fastnext/dev-database";
import { devStackEnvDocs, devStackEnvShape } from "@fastnext/dev-stack/env";
import { emailEnvDocs, emailEnvShape } from "@fastnext/email/env";
import { loggerEnvDocs, loggerEnvShape } from "@fastnext/logger/env";
import {
  metricsEnvDocs,
  metricsEnvShape,
  metricsTokenEnvDocs,
  metricsTokenEnvShape,
} from "@fastnext/metrics/env";
import { rateLimitEnvDocs, rateLimitEnvShape } from "@fastnext/rate-limit/env";
import { storageEnvDocs, storageEnvShape } from "@fastnext/storage/env";
import { tracingEnvDocs, tracingEnvShape } from "@fastnext/tracing";
import { apiServerEnvDocs, apiServerEnvShape } from "@fastnext/api-server/src/env";
import { devServerEnvDocs, devServerEnvShape } from "@fastnext/web/src/dev-server-env";
import { webEnvDocs, webEnvShape } from "@fastnext/web/src/env";
import { workerEnvDocs, workerEnvShape } from "@fastnext/worker/src/env";
import { mobileEnvDocs, mobileEnvShape } from "@fastnext/mobile/src/env";

/** One environment schema: whose it is, the shape its reader parses, its descriptions. */
export interface EnvSchemaEntry {
  /** The exported name of the shape, e.g. `dbEnvShape`. */
  name: string;
  /** Who reads it, as the table says: processes or commands. */
  readBy: string;
  shape: z.ZodRawShape;
  docs: EnvDocs<z.ZodRawShape>;
}

const entry = <TShape extends z.ZodRawShape>(
  name: string,
  readBy: string,
  shape: TShape,
  docs: EnvDocs<TShape>,
): EnvSchemaEntry => ({ name, readBy, shape, docs });

const SERVERS = "web, API server";
const PROCESSES = "web, API server, worker";

/**
 * Every environment schema of the apps, packages and tooling, in the
 * order of the README's table. A new `…EnvShape` exported anywhere fails
 * the README check until it is listed here.
 */
export const envSchemas: readonly EnvSchemaEntry[] = [
  entry("dbEnvShape", PROCESSES, dbEnvShape, dbEnvDocs),
  entry("authEnvShape", SERVERS, authEnvShape, authEnvDocs),
  entry("apiEnvShape", SERVERS, apiEnvShape, apiEnvDocs),
  entry("identityProvidersEnvShape", SERVERS, identityProvidersEnvShape, identityProvidersEnvDocs),
  entry("rateLimitEnvShape", SERVERS, rateLimitEnvShape, rateLimitEnvDocs),
  entry("webEnvShape", "web", webEnvShape, webEnvDocs),
  entry("devServerEnvShape", "web (`next dev`)", devServerEnvShape, devServerEnvDocs),
  entry("apiServerEnvShape", "API server", apiServerEnvShape, apiServerEnvDocs),
  entry("workerEnvShape", "worker", workerEnvShape, workerEnvDocs),
  entry(
    "mobileEnvShape",
    "phone app (at `expo start` / `expo export`)",
    mobileEnvShape,
    mobileEnvDocs,
  ),
  entry("webhookEnvShape", PROCESSES, webhookEnvShape, webhookEnvDocs),
  entry("storageEnvShape", PROCESSES, storageEnvShape, storageEnvDocs),
  entry("transferEnvShape", PROCESSES, transferEnvShape, transferEnvDocs),
  entry("emailEnvShape", "worker", emailEnvShape, emailEnvDocs),
  entry("metricsTokenEnvShape", "web", metricsTokenEnvShape, metricsTokenEnvDocs),
  entry("metricsEnvShape", "API server, worker", metricsEnvShape, metricsEnvDocs),
  entry("loggerEnvShape", "every process", loggerEnvShape, loggerEnvDocs),
  entry("tracingEnvShape", PROCESSES, tracingEnvShape, tracingEnvDocs),
  entry("backupEnvShape", "`pnpm db:backup`, `pnpm db:restore`", backupEnvShape, backupEnvDocs),
  entry("adminCreateEnvShape", "`pnpm admin:create`", adminCreateEnvShape, adminCreateEnvDocs),
  entry("seedEnvShape", "`pnpm db:seed`, `turbo dev`", seedEnvShape, seedEnvDocs),
  entry("localServerEnvShape", "`turbo dev`", localServerEnvShape, localServerEnvDocs),
  entry("devStackEnvShape", "`turbo dev`", devStackEnvShape, devStackEnvDocs),
];
