import { createHmac, timingSafeEqual } from "node:crypto";
import { type z } from "zod";

import { purposeKey, type EncryptionKeyRing } from "@fastnext/auth";
import { ZTextSchema } from "@fastnext/validators";

import { AppError } from "../errors";

/*
 * Cursors are opaque to clients and tamper-evident: `<payload>.<tag>`, the
 * payload base64url JSON, the tag its HMAC-SHA256 under a key the
 * composition root derives from the newest key of AUTH_ENCRYPTION_KEYS.
 * Only positions this server wrote come back, so a cursor can never carry
 * a date or key the database would choke on. A cursor from before a new
 * key took the ring's first place is refused like any other bad cursor
 * (the client starts again from the first page): cursors live for one
 * listing, not worth keeping old keys for.
 */

export const INVALID_CURSOR = "Invalid cursor";

/** `<base64url payload>.<base64url HMAC-SHA256>`: what every cursor this server writes looks like. */
const CURSOR_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/;

/**
 * A cursor as an input field: refused at the edge (a field error on it)
 * unless it has the shape of one this server signs. The signature itself
 * is checked when the service opens it (`CursorSigner.open`), with the
 * process's key.
 */
export const ZCursorSchema = ZTextSchema.max(1000).refine(
  (cursor) => CURSOR_SHAPE.test(cursor),
  INVALID_CURSOR,
);

/**
 * The refusal of a cursor this server did not sign, or whose position does
 * not fit: worded like the edge's sentence for a bad field, so both read
 * the same to the client.
 */
export function invalidCursor(): AppError {
  return new AppError("VALIDATION", `cursor: ${INVALID_CURSOR}`, {
    fieldErrors: { cursor: [INVALID_CURSOR] },
  });
}

/** Seals positions into cursors and opens them again, under one key. */
export class CursorSigner {
  constructor(private readonly key: Uint8Array) {}

  /** The signer under a key of its own, derived from the ring's newest master key. */
  static fromKeyRing(keys: EncryptionKeyRing): CursorSigner {
    return new CursorSigner(purposeKey("pagination-cursor", { keys }));
  }

  seal(position: unknown): string {
    const payload = Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
    return `${payload}.${this.tagOf(payload).toString("base64url")}`;
  }

  /** The position a signed cursor holds, checked against `schema`; VALIDATION on `cursor` otherwise. */
  open<T>(cursor: string, schema: z.ZodType<T>): T {
    const parsed = schema.safeParse(this.unseal(cursor));
    if (!parsed.success) throw invalidCursor();
    return parsed.data;
  }

  private tagOf(payload: string): Buffer {
    return createHmac("sha256", this.key).update(payload, "utf8").digest();
  }

  /** The JSON a cursor carries when its tag is right; undefined otherwise. */
  private unseal(cursor: string): unknown {
    const [payload, tag, extra] = cursor.split(".");
    if (!payload || !tag || extra !== undefined) return undefined;
    const given = Buffer.from(tag, "base64url");
    const expected = this.tagOf(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    } catch {
      return undefined;
    }
  }
}
