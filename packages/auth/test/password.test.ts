import { describe, expect, it } from "vitest";

import {
  burnPasswordVerification,
  hashPassword,
  PASSWORD_MAX_LENGTH,
  verifyPassword,
} from "../src";

describe("passwords", () => {
  it("hash with argon2id and verify only the right password", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "Correct horse battery staple")).toBe(false);
  });

  it("salt every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("refuse passwords over the length limit", async () => {
    const tooLong = "x".repeat(PASSWORD_MAX_LENGTH + 1);
    await expect(hashPassword(tooLong)).rejects.toThrow(RangeError);
    const hash = await hashPassword("x".repeat(PASSWORD_MAX_LENGTH));
    expect(await verifyPassword(hash, tooLong)).toBe(false);
  });

  it("treat a malformed hash as a mismatch", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });

  it("burn a verification when no user matches", async () => {
    await expect(burnPasswordVerification("whatever")).resolves.toBeUndefined();
  });
});
