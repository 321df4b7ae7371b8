import { createLocalStorage } from "./local";
import { createS3Storage } from "./s3";
import { type ObjectStorage } from "./types";
import { type StorageEnv } from "./env";

export { createLocalStorage } from "./local";
export { createS3Storage, type S3StorageOptions } from "./s3";
export {
  assertValidKey,
  InvalidKeyError,
  ObjectNotFoundError,
  ObjectTooLargeError,
  type ObjectStorage,
  type PutOptions,
  type StoredObject,
} from "./types";

/** The storage the configuration names (the composition roots call this once). */
export function createObjectStorage(env: StorageEnv): ObjectStorage {
  if (env.STORAGE_DRIVER === "local") return createLocalStorage({ root: env.STORAGE_LOCAL_DIR });
  return createS3Storage({
    bucket: env.S3_BUCKET ?? "",
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    keyPrefix: env.S3_KEY_PREFIX,
    credentials:
      env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
        : undefined,
  });
}
