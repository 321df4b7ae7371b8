import { createHmac, timingSafeEqual } from "node:crypto";

import { type z } from "zod";

import { purposeKey } from "@fastnext/auth";
import { ZTextSchema } from "@fastnext/validators";

import { AppError } from "../errors";

/*
 * Cursors are opaque to clients and tamper-evident: `<payload>.<tag>`, the
 * payload base64url JSON, the tag its HMAC-SHA256 under a key derived from
 * AUTH_ENCRYPTION_KEY. Only positions this server wrote come back, so a
 * cursor can never carry a date or key the database would choke on. A
 * cursor from before a key change is refused like any other bad cursor
 * (the client starts again from the first page).
 */

let key: Buffer | undefined;

function tagOf(payload: string): Buffer {
  key ??= purposeKey("pagination-cursor");
  return createHmac("sha256", key).update(payload, "utf8").digest();
}

export function sealCursor(position: unknown): string {
  const payload = Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
  return `${payload}.${tagOf(payload).toString("base64url")}`;
}

/** The JSON a cursor carries when its tag is right; undefined otherwise. */
function unseal(cursor: string): unknown {
  const [payload, tag, extra] = cursor.split(".");
  if (!payload || !tag || extra !== undefined) return undefined;
  const given = Buffer.from(tag, "base64url");
  const expected = tagOf(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

export const INVALID_CURSOR = "Invalid cursor";

/** A cursor as an input field: refused at the edge (a field error on it) unless this server signed it. */
export const ZCursorSchema = ZTextSchema.max(1000).refine(
  (cursor) => unseal(cursor) !== undefined,
  INVALID_CURSOR,
);

export function invalidCursor(): AppError {
  return new AppError("VALIDATION", INVALID_CURSOR, { fieldErrors: { cursor: [INVALID_CURSOR] } });
}

/** The position a signed cursor holds, checked against `schema`; VALIDATION on `cursor` otherwise. */
export function openCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(unseal(cursor));
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}
