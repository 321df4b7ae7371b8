import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  createLocalStorage,
  InvalidKeyError,
  ObjectNotFoundError,
  ObjectTooLargeError,
  type ObjectStorage,
} from "../src";

/** A body that arrives in several chunks, like an HTTP upload. */
function chunks(total: number, size = 1024): Readable {
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < total; sent += size) {
        yield Buffer.alloc(Math.min(size, total - sent), sent % 251);
      }
    })(),
  );
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe("local storage", () => {
  let root: string;
  let storage: ObjectStorage;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "storage-test-"));
    storage = createLocalStorage({ root });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("stores, reads back, reports and deletes an object", async () => {
    const body = Buffer.from("hello, attachments\n");
    const stored = await storage.put("p/one/file-1", Readable.from([body]), { maxBytes: 100 });
    expect(stored.size).toBe(body.length);
    expect(await storage.exists("p/one/file-1")).toBe(true);
    expect(await buffer(await storage.get("p/one/file-1"))).toEqual(body);
    await storage.delete("p/one/file-1");
    expect(await storage.exists("p/one/file-1")).toBe(false);
    await expect(storage.get("p/one/file-1")).rejects.toBeInstanceOf(ObjectNotFoundError);
    // A second delete (a retried job) is not an error.
    await storage.delete("p/one/file-1");
  });

  it("streams a body of many chunks exactly at the limit", async () => {
    const stored = await storage.put("p/two/exact", chunks(64 * 1024), { maxBytes: 64 * 1024 });
    expect(stored.size).toBe(64 * 1024);
    expect((await buffer(await storage.get("p/two/exact"))).length).toBe(64 * 1024);
  });

  it("stops a write past the limit and keeps no partial file", async () => {
    const before = await filesUnder(root);
    await expect(
      storage.put("p/three/big", chunks(200 * 1024), { maxBytes: 100 * 1024 }),
    ).rejects.toBeInstanceOf(ObjectTooLargeError);
    expect(await storage.exists("p/three/big")).toBe(false);
    expect(await filesUnder(root)).toEqual(before);
  });

  it("keeps nothing when the source fails half-way", async () => {
    const before = await filesUnder(root);
    const failing = Readable.from(
      (async function* () {
        yield Buffer.alloc(1024);
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error("client went away");
      })(),
    );
    await expect(storage.put("p/four/cut", failing, { maxBytes: 10_000 })).rejects.toThrow(
      "client went away",
    );
    expect(await filesUnder(root)).toEqual(before);
  });

  it("refuses keys that could leave the root", async () => {
    const bad = [
      "../outside",
      "a/../../outside",
      "/etc/passwd",
      "a//b",
      "a/./b",
      "a\\..\\b",
      "",
      ".hidden",
      "a/",
      "C:/windows",
    ];
    for (const key of bad) {
      await expect(
        storage.put(key, Readable.from([Buffer.from("x")]), { maxBytes: 10 }),
        key,
      ).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(storage.get(key), key).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(storage.exists(key), key).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(storage.delete(key), key).rejects.toBeInstanceOf(InvalidKeyError);
    }
    await expect(storage.deletePrefix("..")).rejects.toBeInstanceOf(InvalidKeyError);
  });

  it("deletes everything under a prefix and nothing beside it", async () => {
    const one = () => Readable.from([Buffer.from("x")]);
    await storage.put("proj-a/i1/f1", one(), { maxBytes: 10 });
    await storage.put("proj-a/i2/f2", one(), { maxBytes: 10 });
    await storage.put("proj-ab/i3/f3", one(), { maxBytes: 10 });
    await storage.deletePrefix("proj-a");
    expect(await storage.exists("proj-a/i1/f1")).toBe(false);
    expect(await storage.exists("proj-a/i2/f2")).toBe(false);
    expect(await storage.exists("proj-ab/i3/f3")).toBe(true);
    // A prefix with nothing under it is not an error.
    await storage.deletePrefix("proj-none");
  });
});
