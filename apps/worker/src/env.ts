import { z } from "zod";

import { parseEnv, type EnvSource } from "@fastnext/config";
import { readDbEnv } from "@fastnext/db";

export const workerEnvShape = {
  /** How long shutdown waits for work in hand before giving up. */
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
};

export function readWorkerEnv(source: EnvSource) {
  const worker = parseEnv("worker", workerEnvShape, source);
  return { ...worker, db: readDbEnv(source) };
}

export type WorkerEnv = ReturnType<typeof readWorkerEnv>;

/** The worker's configuration from the process environment. */
export function workerEnv(): WorkerEnv {
  return readWorkerEnv(process.env);
}
