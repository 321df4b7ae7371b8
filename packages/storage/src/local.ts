import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import { ByteLimit } from "./limit";
import {
  assertValidKey,
  InvalidKeyError,
  ObjectNotFoundError,
  type ObjectStorage,
  type PutOptions,
  type StoredObject,
} from "./types";

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
}

/**
 * Objects as files under one root folder (by default in the data folder
 * beside the embedded database). A put writes a temporary file in the
 * root's `.incoming` folder and renames it into place once complete, so a
 * reader never sees half a file and a refused write leaves nothing.
 */
export function createLocalStorage(options: { root: string }): ObjectStorage {
  const root = path.resolve(options.root);
  const incoming = path.join(root, ".incoming");

  function fileOf(key: string): string {
    assertValidKey(key);
    const file = path.resolve(root, ...key.split("/"));
    // Belt and braces: the key check already forbids every way out.
    if (!file.startsWith(root + path.sep)) throw new InvalidKeyError(key);
    return file;
  }

  return {
    kind: "local",

    async put(key, body, putOptions: PutOptions): Promise<StoredObject> {
      const file = fileOf(key);
      await mkdir(incoming, { recursive: true });
      const temporary = path.join(incoming, `${randomUUID()}.part`);
      const limit = new ByteLimit(putOptions.maxBytes);
      try {
        const source = body instanceof Readable ? body : Readable.from(body);
        await pipeline(source, limit, createWriteStream(temporary, { flags: "wx" }));
        await mkdir(path.dirname(file), { recursive: true });
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return { size: limit.bytes };
    },

    async get(key) {
      const file = fileOf(key);
      try {
        await stat(file);
      } catch (error) {
        if (isMissing(error)) throw new ObjectNotFoundError(key);
        throw error;
      }
      return createReadStream(file);
    },

    async delete(key) {
      try {
        await unlink(fileOf(key));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    },

    async deletePrefix(prefix) {
      await rm(fileOf(prefix), { recursive: true, force: true });
    },

    async exists(key) {
      try {
        return (await stat(fileOf(key))).isFile();
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}
