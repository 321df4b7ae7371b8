import { describe, expect, it } from "vitest";

import { neighbourColumn } from "../src/components/workflows/board-keyboard";

describe("neighbourColumn (where the arrow keys take a picked-up card)", () => {
  const columns = ["open", "in_review", "done"];

  it("steps one column left or right", () => {
    expect(neighbourColumn(columns, "open", 1)).toBe("in_review");
    expect(neighbourColumn(columns, "done", -1)).toBe("in_review");
    expect(neighbourColumn(columns, "in_review", 1)).toBe("done");
  });

  it("stops at either end instead of wrapping round", () => {
    expect(neighbourColumn(columns, "done", 1)).toBe("done");
    expect(neighbourColumn(columns, "open", -1)).toBe("open");
  });

  it("starts from the first column when the current one is not shown (a filter hid it)", () => {
    expect(neighbourColumn(columns, "archived", 1)).toBe("open");
    expect(neighbourColumn([], "open", 1)).toBe("open");
  });
});
