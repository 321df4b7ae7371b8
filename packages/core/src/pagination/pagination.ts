import { z } from "zod";

import { ZDateSchema } from "@fastnext/validators";

import { ZCursorSchema, type CursorSigner } from "./cursor";

/** The one pagination input every list procedure accepts. */
export const ZPageInputSchema = z.object({
  limit: z.number().int().min(1).max(100).default(25),
  cursor: ZCursorSchema.nullish(),
});

export type PageInput = z.infer<typeof ZPageInputSchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function pageOutputSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * Keyset position: the sort key and id of the last row of a page. Rows
 * inserted while someone pages sort before or after it, never into a page
 * already read, so paging sees no duplicates and no gaps.
 */
export interface Position {
  at: Date;
  id: string;
}

// Checked even though signed: a position is only ever one the database can compare against.
const ZPositionSchema = z.object({
  at: z.iso
    .datetime()
    .transform((at) => new Date(at))
    .pipe(ZDateSchema),
  id: z.uuid(),
});

export function encodeCursor(cursors: CursorSigner, position: Position): string {
  return cursors.seal({ at: position.at.toISOString(), id: position.id });
}

export function decodeCursor(
  cursors: CursorSigner,
  cursor: string | null | undefined,
): Position | null {
  return cursor ? cursors.open(cursor, ZPositionSchema) : null;
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only tells that
 * another page exists.
 */
export function toPage<T>(
  cursors: CursorSigner,
  rows: T[],
  limit: number,
  positionOf: (row: T) => Position,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(cursors, positionOf(last)) : null,
  };
}
