import { Prisma } from "@fastnext/db";

/*
 * Keyset pagination: a list is ordered by a sort column, then by a unique
 * tie-breaker in the same direction, and the next page is the rows strictly
 * after the last one read. Every list builds its "after" condition here, so
 * the comparison always matches the order (`lt` for descending, `gt` for
 * ascending) and ties on the sort column are broken by the tie-breaker.
 */

export type SortDirection = "asc" | "desc";

/** A list's order: its sort column, then a unique tie-breaker, both one way. */
export interface KeysetOrder<S extends string, T extends string> {
  readonly sort: S;
  readonly tieBreaker: T;
  readonly direction: SortDirection;
}

/** Newest first on (createdAt, id): most lists. */
export const NEWEST_FIRST = { sort: "createdAt", tieBreaker: "id", direction: "desc" } as const;

/** Oldest first on (createdAt, id): lists read in the order things happened. */
export const OLDEST_FIRST = { sort: "createdAt", tieBreaker: "id", direction: "asc" } as const;

/** A Prisma comparison past a value in the order's direction. */
export type Beyond<V> = { lt: V } | { gt: V };

export type KeysetAfter<S extends string, T extends string, V> = {
  OR: [Record<S, Beyond<V>>, Record<S, V> & Record<T, Beyond<string>>];
};

function beyond<V>(direction: SortDirection, value: V): Beyond<V> {
  return direction === "desc" ? { lt: value } : { gt: value };
}

/** The Prisma `orderBy` of the order. */
export function keysetOrderBy<S extends string, T extends string>(
  order: KeysetOrder<S, T>,
): [Record<S, SortDirection>, Record<T, SortDirection>] {
  // Computed keys widen to `string` in TypeScript; the keys are exactly S and T.
  return [
    { [order.sort]: order.direction } as Record<S, SortDirection>,
    { [order.tieBreaker]: order.direction } as Record<T, SortDirection>,
  ];
}

/**
 * The Prisma condition for the rows after the one whose sort column holds
 * `key` and whose tie-breaker holds `id`: further along on the sort column,
 * or equal on it and further along on the tie-breaker.
 */
export function keysetAfter<S extends string, T extends string, V>(
  order: KeysetOrder<S, T>,
  key: V,
  id: string,
): KeysetAfter<S, T, V> {
  // Computed keys widen to `string` in TypeScript; the keys are exactly S and T.
  return {
    OR: [
      { [order.sort]: beyond(order.direction, key) } as Record<S, Beyond<V>>,
      {
        [order.sort]: key,
        [order.tieBreaker]: beyond(order.direction, id),
      } as Record<S, V> & Record<T, Beyond<string>>,
    ],
  };
}

/**
 * The same condition for a raw query ordered by a timestamp and a uuid, as
 * one row comparison (`(created_at, id) < (…)`), which PostgreSQL answers
 * from a two-column index in that order. `columns` names both, e.g.
 * Prisma.sql`p.created_at, p.id`.
 */
export function keysetAfterSql(
  columns: Prisma.Sql,
  direction: SortDirection,
  key: Date,
  id: string,
): Prisma.Sql {
  const comparison = direction === "desc" ? Prisma.raw("<") : Prisma.raw(">");
  return Prisma.sql`(${columns}) ${comparison} (${key}::timestamptz, ${id}::uuid)`;
}
