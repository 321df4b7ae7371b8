import { describe, expect, it } from "vitest";

import { moveAt } from "../src/components/workflows/editor/draft";

describe("moveAt (the editor's state order, which the board's columns follow)", () => {
  const states = ["open", "done", "in_review"];

  it("takes the item out and puts it back at the target position", () => {
    expect(moveAt(states, 2, 1)).toEqual(["open", "in_review", "done"]);
    expect(moveAt(states, 0, 2)).toEqual(["done", "in_review", "open"]);
    expect(moveAt(states, 2, 0)).toEqual(["in_review", "open", "done"]);
  });

  it("leaves the order alone for a move onto itself or outside the list, and never mutates", () => {
    expect(moveAt(states, 1, 1)).toEqual(states);
    expect(moveAt(states, -1, 0)).toEqual(states);
    expect(moveAt(states, 0, 3)).toEqual(states);
    expect(moveAt(states, 3, 0)).toEqual(states);
    expect(states).toEqual(["open", "done", "in_review"]);
    expect(moveAt(states, 1, 1)).not.toBe(states);
  });
});
