import { describe, expect, it } from "vitest";

import { DEVELOPMENT_NEXTAUTH_SECRET, readWebEnv } from "../src/env";

const database = { DATABASE_URL: "postgresql://owner:pw@localhost:5432/app" };
const secret = "a-private-random-value-of-at-least-32-chars";

describe("web env: next-auth", () => {
  it("defaults NEXTAUTH_URL to APP_URL and the secret to the development key", () => {
    const env = readWebEnv({ ...database, APP_URL: "https://app.example.com" });
    expect(env.NEXTAUTH_URL).toBe("https://app.example.com");
    expect(env.NEXTAUTH_SECRET).toBe(DEVELOPMENT_NEXTAUTH_SECRET);
    expect(readWebEnv({ ...database, NEXTAUTH_URL: "https://auth.example.com" }).NEXTAUTH_URL).toBe(
      "https://auth.example.com",
    );
  });

  it("requires a private NEXTAUTH_SECRET in production, and names it", () => {
    for (const value of [undefined, "", DEVELOPMENT_NEXTAUTH_SECRET]) {
      expect(() =>
        readWebEnv({ ...database, NODE_ENV: "production", NEXTAUTH_SECRET: value }),
      ).toThrow(/NEXTAUTH_SECRET: must be set to a private random value in production/);
    }
    expect(
      readWebEnv({ ...database, NODE_ENV: "production", NEXTAUTH_SECRET: secret }).NEXTAUTH_SECRET,
    ).toBe(secret);
  });

  it("refuses a short secret or a malformed NEXTAUTH_URL", () => {
    expect(() => readWebEnv({ ...database, NEXTAUTH_SECRET: "short" })).toThrow(
      /NEXTAUTH_SECRET: must be at least 32/,
    );
    expect(() => readWebEnv({ ...database, NEXTAUTH_URL: "not a url" })).toThrow(/NEXTAUTH_URL/);
  });
});
