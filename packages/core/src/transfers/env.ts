import { z } from "zod";

import { parseEnv, type EnvDocs, type EnvSource } from "@fastnext/config";

import { type ImportLimits } from "./import/limits";

/** What asking for transfers (the servers) and running them (the worker) share. */
export const transferEnvShape = {
  /** How long a download link works once made. */
  TRANSFER_LINK_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  /** How long an export's file is kept before the clean-up removes it. */
  TRANSFER_EXPORT_RETENTION_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 90)
    .default(72),
  /** The largest file an export may write; a larger one fails and keeps nothing. */
  TRANSFER_EXPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024 * 1024)
    .default(2 * 1024 * 1024 * 1024),
  /** The largest file an import accepts; a larger upload is refused with 413 and nothing kept. */
  TRANSFER_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(50 * 1024 * 1024),
  /** The longest row (a CSV record, a JSON object, an XLSX row's text) an import accepts. */
  TRANSFER_IMPORT_MAX_ROW_BYTES: z.coerce
    .number()
    .int()
    .min(256)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
  /** The most data rows one import file may have. */
  TRANSFER_IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
  /** Progress is recorded (and pushed to the requester) at least every this many rows. */
  TRANSFER_PROGRESS_EVERY_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(5_000),
  /** Longest one transfer may run (its job's time-out and its transaction's). */
  TRANSFER_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(24 * 3600)
    .default(3_600),
  /** When the files of expired exports are removed (cron, UTC). */
  TRANSFER_CLEANUP_CRON: z
    .string()
    .trim()
    .regex(/^\S+( \S+){4}$/, "must be a five-field cron expression")
    .default("23 * * * *"),
};

/** The README's configuration table (`pnpm docs:env`). */
export const transferEnvDocs: EnvDocs<typeof transferEnvShape> = {
  TRANSFER_LINK_TTL_SECONDS: "how long an export's download link works once made",
  TRANSFER_EXPORT_RETENTION_HOURS:
    "how long an export's file is kept (then removed, and its links stop working)",
  TRANSFER_EXPORT_MAX_BYTES: "the largest file an export may write; a larger one fails",
  TRANSFER_IMPORT_MAX_BYTES:
    "the largest file an import accepts; a larger upload is refused with 413 and nothing kept",
  TRANSFER_IMPORT_MAX_ROW_BYTES:
    "the longest row an import accepts (a CSV record, a JSON object, an XLSX row's text), in characters",
  TRANSFER_IMPORT_MAX_ROWS: "the most data rows one import file may have",
  TRANSFER_PROGRESS_EVERY_ROWS:
    "how often, in rows, a running export or import records its progress and tells the requester",
  TRANSFER_TIMEOUT_SECONDS: "longest one export or import may run before it is failed and retried",
  TRANSFER_CLEANUP_CRON: "when the files of expired exports are removed (cron, UTC)",
};

export type TransferEnv = z.infer<z.ZodObject<typeof transferEnvShape>>;

export function readTransferEnv(source: EnvSource): TransferEnv {
  return parseEnv("transfers", transferEnvShape, source);
}

/** An import's limits, from the transfer variables. */
export function importLimitsOf(env: TransferEnv): ImportLimits {
  return {
    maxFileBytes: env.TRANSFER_IMPORT_MAX_BYTES,
    maxRowBytes: env.TRANSFER_IMPORT_MAX_ROW_BYTES,
    maxRows: env.TRANSFER_IMPORT_MAX_ROWS,
  };
}
