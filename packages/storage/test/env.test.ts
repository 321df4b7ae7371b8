import path from "node:path";

import { describe, expect, it } from "vitest";

import { EnvError } from "@fastnext/config";

import { readStorageEnv } from "../src/env";

describe("storage configuration", () => {
  it("defaults to a folder in the data folder and a 10 MB limit", () => {
    const env = readStorageEnv({});
    expect(env.STORAGE_DRIVER).toBe("local");
    expect(env.STORAGE_LOCAL_DIR.endsWith(path.join(".data", "storage"))).toBe(true);
    expect(env.ATTACHMENT_MAX_BYTES).toBe(10 * 1024 * 1024);
  });

  it("wants a bucket for s3, and both halves of a key", () => {
    expect(() => readStorageEnv({ STORAGE_DRIVER: "s3" })).toThrow(EnvError);
    expect(() =>
      readStorageEnv({ STORAGE_DRIVER: "s3", S3_BUCKET: "files", S3_ACCESS_KEY_ID: "k" }),
    ).toThrow(/S3_SECRET_ACCESS_KEY/);
    const env = readStorageEnv({
      STORAGE_DRIVER: "s3",
      S3_BUCKET: "files",
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_FORCE_PATH_STYLE: "true",
    });
    expect(env.S3_FORCE_PATH_STYLE).toBe(true);
  });

  it("refuses a limit that is not a positive number", () => {
    expect(() => readStorageEnv({ ATTACHMENT_MAX_BYTES: "0" })).toThrow(/ATTACHMENT_MAX_BYTES/);
    expect(() => readStorageEnv({ ATTACHMENT_MAX_BYTES: "ten" })).toThrow(/ATTACHMENT_MAX_BYTES/);
  });
});
