import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";

import { afterAll, describe, expect, it } from "vitest";

import {
  createS3Storage,
  InvalidKeyError,
  ObjectNotFoundError,
  ObjectTooLargeError,
  type ObjectStorage,
} from "../src";

const BUCKET = "attachments-test";

interface LocalS3 {
  storage: ObjectStorage;
  stop: () => Promise<void>;
}

/**
 * An S3-compatible server in this process (s3rver: plain JavaScript, a
 * folder for its data), so the adapter is tested against the S3 wire
 * protocol with the real SDK. Null, with the reason, when it cannot run.
 */
async function startLocalS3(): Promise<LocalS3 | string> {
  let directory: string | undefined;
  try {
    const { default: S3rver } = await import("s3rver");
    directory = await mkdtemp(path.join(tmpdir(), "s3rver-"));
    const server = new S3rver({
      address: "127.0.0.1",
      port: 0,
      silent: true,
      directory,
      configureBuckets: [{ name: BUCKET }],
    });
    const address = await server.run();
    const storage = createS3Storage({
      bucket: BUCKET,
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${address.port}`,
      forcePathStyle: true,
      // s3rver's fixed development credentials.
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      keyPrefix: "deployment-a",
    });
    const dir = directory;
    return {
      storage,
      stop: async () => {
        await server.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (directory) await rm(directory, { recursive: true, force: true });
    return `the local S3-compatible server did not start (${error instanceof Error ? error.message : String(error)})`;
  }
}

const local = await startLocalS3();
if (typeof local === "string") console.warn(`${local}: S3 storage tests skipped`);
const s3 = typeof local === "string" ? null : local;

function chunks(total: number, size = 64 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < total; sent += size) {
        yield Buffer.alloc(Math.min(size, total - sent), 7);
      }
    })(),
  );
}

describe.skipIf(!s3)("S3 storage", () => {
  const storage = s3?.storage as ObjectStorage;

  afterAll(async () => {
    await s3?.stop();
  });

  it("stores, reads back and deletes an object", async () => {
    const body = Buffer.from("%PDF-1.7 not really\n");
    const stored = await storage.put("proj/inst/file", Readable.from([body]), {
      maxBytes: 1000,
      contentType: "application/pdf",
    });
    expect(stored.size).toBe(body.length);
    expect(await storage.exists("proj/inst/file")).toBe(true);
    expect(await buffer(await storage.get("proj/inst/file"))).toEqual(body);
    await storage.delete("proj/inst/file");
    expect(await storage.exists("proj/inst/file")).toBe(false);
    await expect(storage.get("proj/inst/file")).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it("streams a body larger than one upload part", async () => {
    const size = 6 * 1024 * 1024 + 123;
    const stored = await storage.put("proj/inst/large", chunks(size), {
      maxBytes: 8 * 1024 * 1024,
    });
    expect(stored.size).toBe(size);
    expect((await buffer(await storage.get("proj/inst/large"))).length).toBe(size);
  });

  it("stops a write past the limit and keeps no object", async () => {
    await expect(
      storage.put("proj/inst/too-big", chunks(300 * 1024), { maxBytes: 100 * 1024 }),
    ).rejects.toBeInstanceOf(ObjectTooLargeError);
    expect(await storage.exists("proj/inst/too-big")).toBe(false);
  });

  it("deletes a prefix and refuses bad keys", async () => {
    await storage.put("proj-x/a/1", Readable.from([Buffer.from("1")]), { maxBytes: 10 });
    await storage.put("proj-x/b/2", Readable.from([Buffer.from("2")]), { maxBytes: 10 });
    await storage.put("proj-xy/c/3", Readable.from([Buffer.from("3")]), { maxBytes: 10 });
    await storage.deletePrefix("proj-x");
    expect(await storage.exists("proj-x/a/1")).toBe(false);
    expect(await storage.exists("proj-x/b/2")).toBe(false);
    expect(await storage.exists("proj-xy/c/3")).toBe(true);
    await expect(storage.get("../escape")).rejects.toBeInstanceOf(InvalidKeyError);
  });
});
