import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";
import { z } from "zod";

import { apiEnvShape } from "@fastnext/api/env";
import { transferEnvShape } from "@fastnext/core/transfers";
import { webhookEnvShape } from "@fastnext/core/webhooks";
import { authEnvShape } from "@fastnext/auth";
import { seedEnvShape } from "@fastnext/db/admin";
import { localServerEnvShape } from "@fastnext/dev-database";
import { dbEnvShape } from "@fastnext/db/env";
import { devStackEnvShape } from "@fastnext/dev-stack/env";
import { emailEnvShape } from "@fastnext/email/env";
import { loggerEnvShape } from "@fastnext/logger/env";
import { metricsEnvShape } from "@fastnext/metrics/env";
import { rateLimitEnvShape } from "@fastnext/rate-limit";
import { tracingEnvShape } from "@fastnext/tracing";
import { apiServerEnvShape } from "@fastnext/api-server/src/env";
import { devServerEnvShape } from "@fastnext/web/src/dev-server-env";
import { webEnvShape } from "@fastnext/web/src/env";
import { workerEnvShape } from "@fastnext/worker/src/env";

// Turborepo runs tasks in strict environment mode: a variable turbo.json
// does not name never reaches them, so `PORT=3001 pnpm dev` would start the
// web app on 3000. Every variable a process of `turbo dev` reads must be
// passed through.

const root = fileURLToPath(new URL("../../../", import.meta.url));

const ZTurboJsonSchema = z.object({
  globalEnv: z.array(z.string()).default([]),
  globalPassThroughEnv: z.array(z.string()).default([]),
  tasks: z.record(
    z.string(),
    z.object({
      env: z.array(z.string()).default([]),
      passThroughEnv: z.array(z.string()).default([]),
    }),
  ),
});

const turbo = ZTurboJsonSchema.parse(
  JSON.parse(readFileSync(path.join(root, "turbo.json"), "utf8")),
);

/** Every variable read by the processes `turbo dev` starts: the apps and the dev stack. */
const devStackVariables = [
  webEnvShape,
  devServerEnvShape,
  apiServerEnvShape,
  workerEnvShape,
  apiEnvShape,
  authEnvShape,
  dbEnvShape,
  emailEnvShape,
  loggerEnvShape,
  metricsEnvShape,
  rateLimitEnvShape,
  tracingEnvShape,
  localServerEnvShape,
  seedEnvShape,
  devStackEnvShape,
  webhookEnvShape,
  transferEnvShape,
].flatMap((shape) => Object.keys(shape));

/** turbo.json's patterns: `*` matches any run of characters. */
function matches(pattern: string, name: string): boolean {
  const expression = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${expression}$`).test(name);
}

function availableTo(task: string): string[] {
  const config = turbo.tasks[task];
  if (!config) throw new Error(`turbo.json has no ${task} task`);
  return [
    ...turbo.globalEnv,
    ...turbo.globalPassThroughEnv,
    ...config.env,
    ...config.passThroughEnv,
  ];
}

describe("turbo.json", () => {
  it("passes every variable the dev stack reads through to the dev task", () => {
    const patterns = availableTo("dev");
    const missing = [...new Set(devStackVariables)].filter(
      (name) => !patterns.some((pattern) => matches(pattern, name)),
    );
    expect(missing).toEqual([]);
  });

  it("passes the published database's location to the readiness probe", () => {
    const patterns = availableTo("dev:ready");
    for (const name of Object.keys(devStackEnvShape))
      expect(patterns.some((pattern) => matches(pattern, name))).toBe(true);
  });

  it("fails a variable no pattern names", () => {
    expect(availableTo("dev").some((pattern) => matches(pattern, "NOT_PASSED_THROUGH"))).toBe(
      false,
    );
  });
});
