import { z } from "zod";

import { AppError } from "../errors";

/** The one pagination input every list procedure accepts. */
export const ZPageInputSchema = z.object({
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).nullish(),
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

const ZPositionSchema = z.object({ at: z.iso.datetime(), id: z.uuid() });

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify({ at: position.at.toISOString(), id: position.id })).toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined): Position | null {
  if (!cursor) return null;
  try {
    const parsed = ZPositionSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { at: new Date(parsed.at), id: parsed.id };
  } catch {
    throw new AppError("VALIDATION", "Invalid cursor", { fieldErrors: { cursor: ["Invalid cursor"] } });
  }
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only tells that
 * another page exists.
 */
export function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => Position): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
