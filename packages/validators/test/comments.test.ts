import { describe, expect, it } from "vitest";

import {
  commentParts,
  mentionedUserIds,
  mentionToken,
  ZCommentBodySchema,
  ZCommentCreateInputSchema,
} from "../src";

const ada = "0b7e1c52-3f7a-4a53-9d58-2f4f1d7f6a01";
const bob = "5c7f8a10-91d2-4f0e-8e55-6a1b2c3d4e5f";

describe("comment bodies", () => {
  it("are trimmed, and hold 1 to 5000 characters", () => {
    expect(ZCommentBodySchema.parse("  hi  ")).toBe("hi");
    expect(ZCommentBodySchema.safeParse("   ").success).toBe(false);
    expect(ZCommentBodySchema.safeParse("x".repeat(5000)).success).toBe(true);
    expect(ZCommentBodySchema.safeParse("x".repeat(5001)).success).toBe(false);
    expect(ZCommentBodySchema.safeParse("a\u0000b").success).toBe(false);
  });

  it("need an instance id", () => {
    const parsed = ZCommentCreateInputSchema.safeParse({ instanceId: "nope", body: "x" });
    expect(parsed.success).toBe(false);
  });
});

describe("mentions", () => {
  it("are read from @[name](id) tokens, each user once, in order", () => {
    const body = `Hi @[Bob B.](${bob}), see @[Ada](${ada.toUpperCase()}) and again @[Bob](${bob})`;
    expect(mentionedUserIds(body)).toEqual([bob, ada]);
  });

  it("ignore tokens without a uuid and plain @names", () => {
    expect(
      mentionedUserIds("@bob @[Bob](not-a-uuid-at-all-but-36-characters-long) @[x]()"),
    ).toEqual([]);
  });

  it("cut the text into parts that rebuild it", () => {
    const body = `Ask @[Ada](${ada}) first`;
    expect(commentParts(body)).toEqual([
      { kind: "text", text: "Ask " },
      { kind: "mention", name: "Ada", userId: ada },
      { kind: "text", text: " first" },
    ]);
  });

  it("are inserted by a token that parses back to the same user, whatever the name holds", () => {
    const token = mentionToken({ id: ada, name: "Ada [admin]" });
    expect(token).toBe(`@[Ada  admin](${ada})`);
    expect(mentionedUserIds(`x ${token} y`)).toEqual([ada]);
  });
});
