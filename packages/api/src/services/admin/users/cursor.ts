import { z } from "zod";

import { AppError } from "../../../errors";

/**
 * Keyset position for a sorted user list: the sort it belongs to, the last
 * row's sort key and its id. Each sort pages on (sortKey, id), so rows
 * inserted meanwhile land before or after the position, never into pages
 * already read. A cursor is refused with another sort than its own.
 */
export const USER_SORTS = ["createdAt", "name", "email"] as const;
export type UserSort = (typeof USER_SORTS)[number];

export interface UserPosition {
  sort: UserSort;
  key: string;
  id: string;
}

const ZUserPositionSchema = z.object({ s: z.enum(USER_SORTS), k: z.string().max(400), id: z.uuid() });

export function encodeUserCursor(position: UserPosition): string {
  return Buffer.from(JSON.stringify({ s: position.sort, k: position.key, id: position.id })).toString("base64url");
}

function invalid(): AppError {
  return new AppError("VALIDATION", "Invalid cursor", { fieldErrors: { cursor: ["Invalid cursor"] } });
}

export function decodeUserCursor(cursor: string | null | undefined, sort: UserSort): UserPosition | null {
  if (!cursor) return null;
  let parsed: z.infer<typeof ZUserPositionSchema>;
  try {
    parsed = ZUserPositionSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw invalid();
  }
  if (parsed.s !== sort) throw invalid();
  if (sort === "createdAt" && Number.isNaN(Date.parse(parsed.k))) throw invalid();
  return { sort: parsed.s, key: parsed.k, id: parsed.id };
}
