import { z } from "zod";

import { ZDateSchema } from "@fastnext/validators";

import { invalidCursor, type CursorSigner } from "../../pagination/cursor";

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

const ZUserPositionSchema = z.object({
  s: z.enum(USER_SORTS),
  k: z.string().max(400),
  id: z.uuid(),
});

export function encodeUserCursor(cursors: CursorSigner, position: UserPosition): string {
  return cursors.seal({ s: position.sort, k: position.key, id: position.id });
}

const ZCreatedAtKeySchema = z.iso
  .datetime()
  .transform((at) => new Date(at))
  .pipe(ZDateSchema);

export function decodeUserCursor(
  cursors: CursorSigner,
  cursor: string | null | undefined,
  sort: UserSort,
): UserPosition | null {
  if (!cursor) return null;
  const parsed = cursors.open(cursor, ZUserPositionSchema);
  if (parsed.s !== sort) throw invalidCursor();
  if (sort === "createdAt" && !ZCreatedAtKeySchema.safeParse(parsed.k).success)
    throw invalidCursor();
  return { sort: parsed.s, key: parsed.k, id: parsed.id };
}
