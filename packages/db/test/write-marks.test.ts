import { describe, expect, it } from "vitest";

import { MemoryWriteMarks, parseLsn } from "../src";

describe("WAL positions and write marks", () => {
  it("reads a pg_lsn as one number, in WAL order, and refuses anything else", () => {
    expect(parseLsn("0/3000AF8")).toBe(0x3000af8n);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn("1/0") > parseLsn("0/FFFFFFFF")).toBe(true);
    for (const bad of ["", "3000AF8", "0/", "x/1", "0/1/2"]) expect(() => parseLsn(bad)).toThrow();
  });

  it("keeps the latest position per caller, never lowered, until it expires", async () => {
    const marks = new MemoryWriteMarks();
    expect(await marks.latest("a")).toBeNull();
    await marks.raise("a", 10n, 60_000);
    await marks.raise("a", 5n, 60_000);
    expect(await marks.latest("a")).toBe(10n);
    expect(await marks.latest("b")).toBeNull();
    await marks.raise("b", 7n, 0);
    expect(await marks.latest("b")).toBeNull();
  });
});
