import { describe, expect, it } from "vitest";

import { loggableText } from "../src/query-text";

describe("loggableText", () => {
  it("leaves placeholders and replaces every string literal", () => {
    expect(
      loggableText(
        "BEGIN; SELECT * FROM app.begin_request('8f0c…'::uuid, 'user.read,user.manage', E'it\\'s', 'o''clock') WHERE x = $1",
      ),
    ).toBe("BEGIN; SELECT * FROM app.begin_request(?::uuid, ?, ?, ?) WHERE x = $1");
  });

  it("bounds the length", () => {
    const text = loggableText(`SELECT ${"x, ".repeat(2_000)}1`);
    expect(text.length).toBe(2_001);
    expect(text.endsWith("…")).toBe(true);
  });
});
