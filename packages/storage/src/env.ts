import path from "node:path";
import { fileURLToPath } from "node:url";

import { z } from "zod";

import { EnvError, envFields, parseEnv, type EnvDocs, type EnvSource } from "@fastnext/config";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The variables readStorageEnv reads, inspectable without reading them. */
export const storageEnvShape = {
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  STORAGE_LOCAL_DIR: z.string().min(1).default(path.join(repoRoot, ".data/storage")),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ENDPOINT: z.url().optional(),
  S3_FORCE_PATH_STYLE: envFields.boolean(false),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "letters, digits, '.', '_', '-' and '/' only")
    .optional(),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024 * 1024 * 1024)
    .default(10 * 1024 * 1024),
};

/** The README's configuration table (`pnpm docs:env`). */
export const storageEnvDocs: EnvDocs<typeof storageEnvShape> = {
  STORAGE_DRIVER:
    "where uploaded files are kept: `local` (a folder) or `s3` (an S3-compatible bucket)",
  STORAGE_LOCAL_DIR: {
    description:
      "the folder of the `local` driver; every process that serves or deletes files must see the same one",
    default: "`.data/storage`",
  },
  S3_BUCKET: { description: "the bucket of the `s3` driver (required with it)", default: "unset" },
  S3_REGION: "the bucket's region",
  S3_ENDPOINT: {
    description: "an S3-compatible server's URL (MinIO, Ceph, R2 …); unset: AWS",
    default: "unset: AWS",
  },
  S3_FORCE_PATH_STYLE:
    "puts the bucket in the path instead of the host name (most S3-compatible servers need it)",
  S3_ACCESS_KEY_ID: {
    description:
      "the access key; unset: the AWS SDK's default credential chain (environment, profile, instance role)",
    default: "unset",
  },
  S3_SECRET_ACCESS_KEY: { description: "the secret of `S3_ACCESS_KEY_ID`", default: "unset" },
  S3_KEY_PREFIX: {
    description: "prepended to every object key, so deployments can share a bucket",
    default: "unset",
  },
  ATTACHMENT_MAX_BYTES:
    "the largest file an item may carry; a larger upload is refused with 413 and nothing kept",
};

export type StorageEnv = z.infer<z.ZodObject<typeof storageEnvShape>>;

export function readStorageEnv(source: EnvSource): StorageEnv {
  const env = parseEnv("storage", storageEnvShape, source);
  const problems = [];
  if (env.STORAGE_DRIVER === "s3" && !env.S3_BUCKET)
    problems.push({ variable: "S3_BUCKET", message: "is required when STORAGE_DRIVER=s3" });
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY))
    problems.push({
      variable: env.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID",
      message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together",
    });
  if (problems.length > 0) throw new EnvError("storage", problems);
  return { ...env, STORAGE_LOCAL_DIR: path.resolve(repoRoot, env.STORAGE_LOCAL_DIR) };
}
