import { type Readable } from "node:stream";

/** Refused because the object grew past the limit the caller set; nothing was kept. */
export class ObjectTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The object is larger than ${limitBytes} bytes`);
    this.name = "ObjectTooLargeError";
  }
}

/** A key that could leave the storage root or is not a plain relative path. */
export class InvalidKeyError extends Error {
  constructor(key: string) {
    super(`Invalid storage key: ${JSON.stringify(key)}`);
    this.name = "InvalidKeyError";
  }
}

/** No object under that key. */
export class ObjectNotFoundError extends Error {
  constructor(key: string) {
    super(`No stored object under ${JSON.stringify(key)}`);
    this.name = "ObjectNotFoundError";
  }
}

export interface PutOptions {
  /** The write stops, and nothing is kept, once more bytes than this arrive. */
  maxBytes: number;
  contentType?: string;
}

export interface StoredObject {
  /** Bytes written. */
  size: number;
}

/**
 * Where files live: a flat key space of slash-separated relative keys.
 * Implementations keep nothing of a put that failed (too large, aborted
 * source), so a refused upload leaves no partial object behind.
 */
export interface ObjectStorage {
  /** Which implementation this is, for logs and probes. */
  readonly kind: "local" | "s3";
  put(
    key: string,
    body: Readable | AsyncIterable<Uint8Array>,
    options: PutOptions,
  ): Promise<StoredObject>;
  /** The object's bytes; ObjectNotFoundError when there is none. */
  get(key: string): Promise<Readable>;
  /** Removes the object; a missing one is not an error (deletes are retried). */
  delete(key: string): Promise<void>;
  /** Removes every object whose key starts with `prefix/`. */
  deletePrefix(prefix: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Keys are made by the application (ids joined by slashes), never from a
 * file's name: a key with an empty, dot or dot-dot segment, a backslash,
 * a leading slash or any other character is refused, so no key can name a
 * place outside the storage root on disk or a surprising object in a bucket.
 */
export function assertValidKey(key: string): void {
  if (key.length === 0 || key.length > 512) throw new InvalidKeyError(key);
  for (const segment of key.split("/")) {
    if (!SEGMENT.test(segment) || segment === "." || segment === "..") {
      throw new InvalidKeyError(key);
    }
  }
}
