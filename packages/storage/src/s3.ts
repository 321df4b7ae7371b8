import { Readable } from "node:stream";

import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";

import { ByteLimit } from "./limit";
import {
  assertValidKey,
  ObjectNotFoundError,
  type ObjectStorage,
  type PutOptions,
  type StoredObject,
} from "./types";

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** An S3-compatible server's address; unset: AWS itself. */
  endpoint?: string;
  /** Bucket in the path instead of the host name (most S3-compatible servers want it). */
  forcePathStyle: boolean;
  /** Unset: the SDK's default chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Prepended to every key, so several deployments can share a bucket. */
  keyPrefix?: string;
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof NoSuchKey ||
    error instanceof NotFound ||
    (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode === 404
  );
}

/**
 * Objects in an S3 bucket (AWS or any S3-compatible server). A put streams
 * through a multipart upload, so a body of unknown length is never held
 * whole; a put refused half-way aborts its upload, which leaves no object.
 */
export function createS3Storage(options: S3StorageOptions, client?: S3Client): ObjectStorage {
  const s3 =
    client ??
    new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // Checksums only where the API requires them: S3-compatible servers
      // differ in which of the newer checksum headers they understand.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  const bucket = options.bucket;
  const prefix = options.keyPrefix ? `${options.keyPrefix.replace(/\/+$/, "")}/` : "";
  const keyOf = (key: string) => {
    assertValidKey(key);
    return prefix + key;
  };

  return {
    kind: "s3",

    async put(key, body, putOptions: PutOptions): Promise<StoredObject> {
      const limit = new ByteLimit(putOptions.maxBytes);
      const source = body instanceof Readable ? body : Readable.from(body);
      const limited = source.pipe(limit);
      source.once("error", (error) => limit.destroy(error));
      const upload = new Upload({
        client: s3,
        params: {
          Bucket: bucket,
          Key: keyOf(key),
          Body: limited,
          ContentType: putOptions.contentType,
        },
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (error) {
        // The upload library reports the source's own error wrapped or as is.
        const cause = limit.errored ?? source.errored ?? error;
        throw cause;
      }
      return { size: limit.bytes };
    },

    async get(key) {
      try {
        const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
        if (!(answer.Body instanceof Readable))
          throw new Error("S3 answered without a body stream");
        return answer.Body;
      } catch (error) {
        if (isNotFound(error)) throw new ObjectNotFoundError(key);
        throw error;
      }
    },

    async delete(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
    },

    async deletePrefix(keyPrefix) {
      const listed = `${keyOf(keyPrefix)}/`;
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: listed, ContinuationToken: token }),
        );
        const keys = (page.Contents ?? []).flatMap((item) => (item.Key ? [{ Key: item.Key }] : []));
        if (keys.length > 0) {
          await s3.send(
            new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }),
          );
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },

    async exists(key) {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
  };
}
