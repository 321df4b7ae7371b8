import { describe, expect, it } from "vitest";

import { Prisma } from "@fastnext/db";

import {
  keysetAfter,
  keysetAfterSql,
  keysetOrderBy,
  NEWEST_FIRST,
  OLDEST_FIRST,
  type Beyond,
  type KeysetAfter,
  type KeysetOrder,
} from "../src/pagination/keyset";

interface Row {
  createdAt: number;
  id: string;
}

function passes(value: string | number, test: Beyond<string | number> | string | number): boolean {
  if (typeof test !== "object") return value === test;
  return "lt" in test ? value < test.lt : value > test.gt;
}

/**
 * What PostgreSQL does with the condition, for rows of plain values: a row
 * matches a branch of the OR when it passes every field's test.
 */
function matches(row: Row, where: KeysetAfter<"createdAt", "id", number>): boolean {
  return where.OR.some((branch) =>
    Object.entries(branch).every(([field, test]) =>
      passes(row[field as keyof Row], test as Beyond<string | number> | string | number),
    ),
  );
}

/** Pages through `rows` as a list does: sort, take `limit` after the last row read, repeat. */
function pageThrough(rows: Row[], order: KeysetOrder<"createdAt", "id">, limit: number): Row[][] {
  const sign = order.direction === "desc" ? -1 : 1;
  const sorted = [...rows].sort(
    (a, b) => sign * (a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
  );
  const pages: Row[][] = [];
  let last: Row | undefined;
  for (;;) {
    const from = last;
    const page = sorted
      .filter((row) => !from || matches(row, keysetAfter(order, from.createdAt, from.id)))
      .slice(0, limit);
    if (page.length === 0) return pages;
    pages.push(page);
    last = page.at(-1);
  }
}

describe("keysetAfter", () => {
  const at = new Date("2026-12-01T10:00:00.000Z");
  const id = "0190d5a8-0000-7000-8000-000000000001";

  it("descending: earlier on the sort column, or the same and a smaller tie-breaker", () => {
    expect(keysetAfter(NEWEST_FIRST, at, id)).toEqual({
      OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }],
    });
  });

  it("ascending: later on the sort column, or the same and a greater tie-breaker", () => {
    expect(keysetAfter(OLDEST_FIRST, at, id)).toEqual({
      OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: id } }],
    });
  });

  it("names the order's own columns", () => {
    const byName = { sort: "name", tieBreaker: "userId", direction: "asc" } as const;
    expect(keysetAfter(byName, "Ada", id)).toEqual({
      OR: [{ name: { gt: "Ada" } }, { name: "Ada", userId: { gt: id } }],
    });
    expect(keysetOrderBy(byName)).toEqual([{ name: "asc" }, { userId: "asc" }]);
  });

  it("orders both columns the order's way", () => {
    expect(keysetOrderBy(NEWEST_FIRST)).toEqual([{ createdAt: "desc" }, { id: "desc" }]);
    expect(keysetOrderBy(OLDEST_FIRST)).toEqual([{ createdAt: "asc" }, { id: "asc" }]);
  });

  it("pages through ties on the sort column without a duplicate or a gap, both ways", () => {
    // Five rows share one timestamp, so only the tie-breaker tells them apart.
    const rows: Row[] = [3, 1, 2, 2, 2, 2, 2, 4, 1].map((createdAt, n) => ({
      createdAt,
      id: `id-${String.fromCharCode(105 - n)}`,
    }));
    for (const order of [NEWEST_FIRST, OLDEST_FIRST]) {
      const pages = pageThrough(rows, order, 2);
      expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 2, 1]);
      const read = pages.flat();
      expect(new Set(read.map((row) => row.id)).size).toBe(rows.length);
      const sign = order.direction === "desc" ? -1 : 1;
      for (let n = 1; n < read.length; n++) {
        const [before, row] = [read[n - 1], read[n]];
        expect(before && row && sign * (row.createdAt - before.createdAt)).toBeGreaterThanOrEqual(
          0,
        );
      }
    }
  });
});

describe("keysetAfterSql", () => {
  const at = new Date("2026-12-01T10:00:00.000Z");
  const id = "0190d5a8-0000-7000-8000-000000000001";

  it("is one row comparison in the order's direction, the position passed as typed parameters", () => {
    const newest = keysetAfterSql(Prisma.sql`p.created_at, p.id`, "desc", at, id);
    expect(newest.sql).toBe("(p.created_at, p.id) < (?::timestamptz, ?::uuid)");
    expect(newest.values).toEqual([at, id]);
    const oldest = keysetAfterSql(Prisma.sql`h.created_at, h.id`, "asc", at, id);
    expect(oldest.sql).toBe("(h.created_at, h.id) > (?::timestamptz, ?::uuid)");
  });
});
