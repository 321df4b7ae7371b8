import { createHash } from "node:crypto";

import { z } from "zod";

/**
 * Keys that rotate are configured as a list, newest first:
 * `kid:value,kid:value`. The first entry is the one that signs or
 * encrypts; every entry verifies or decrypts, so a value made under an
 * older key keeps working until that key leaves the list. The key id is
 * written next to what the key made (a JWT's `kid` header, a sealed
 * secret's prefix), so the right key is found without trying them all.
 */

/** A non-empty list: the first entry is the one in use, the rest are still accepted. */
export type KeyList<T> = readonly [T, ...T[]];

/** Letters, digits, `_` and `-`: safe in a JWT header, in a sealed value's prefix and in an env line. */
const KEY_ID = /^[A-Za-z0-9_-]{1,40}$/;

export interface KeyEntry {
  readonly kid: string;
  readonly value: string;
}

/**
 * The key id a key configured on its own (AUTH_JWT_SECRET,
 * AUTH_ENCRYPTION_KEY) is known by: stable for the same key, different for
 * another, so a token or sealed value made under a replaced single key is
 * not mistaken for one made under its successor. 40 bits of a hash of a
 * random 32-byte key say nothing about the key.
 */
export function derivedKeyId(value: string): string {
  return `k${createHash("sha256").update(`fastnext-key-id:${value}`, "utf8").digest("hex").slice(0, 10)}`;
}

/**
 * A zod schema for a `kid:value,kid:value` list whose values pass
 * `valueSchema`. Problems name the entry by position and key id, never
 * by its value: the message ends up in logs.
 */
export function keyListSchema(valueSchema: z.ZodType<string>) {
  return z.string().transform((raw, ctx): KeyList<KeyEntry> => {
    const entries: KeyEntry[] = [];
    const seen = new Set<string>();
    let problems = 0;
    const problem = (message: string) => {
      problems += 1;
      ctx.addIssue({ code: "custom", message });
    };
    const parts = raw.split(",").map((part) => part.trim());
    parts.forEach((part, index) => {
      const position = `entry ${index + 1}`;
      const colon = part.indexOf(":");
      if (part === "") {
        problem(`${position} is empty (a stray comma?)`);
        return;
      }
      if (colon < 0) {
        problem(`${position} must be kid:key`);
        return;
      }
      const kid = part.slice(0, colon);
      const value = part.slice(colon + 1);
      if (!KEY_ID.test(kid)) {
        problem(`${position}: the key id must be 1 to 40 letters, digits, '_' or '-'`);
        return;
      }
      if (seen.has(kid)) {
        problem(`key id "${kid}" is listed twice`);
        return;
      }
      seen.add(kid);
      const checked = valueSchema.safeParse(value);
      if (!checked.success) {
        const reason = checked.error.issues[0]?.message ?? "is invalid";
        problem(`key "${kid}": ${reason}`);
        return;
      }
      entries.push({ kid, value });
    });
    const [first, ...rest] = entries;
    if (first === undefined) {
      if (problems === 0) problem("must list at least one kid:key");
      return z.NEVER;
    }
    return [first, ...rest];
  });
}

/** The list `entries` maps to, still non-empty. */
export function mapKeyList<T, U>(entries: KeyList<T>, map: (entry: T) => U): KeyList<U> {
  const [first, ...rest] = entries;
  return [map(first), ...rest.map(map)];
}
