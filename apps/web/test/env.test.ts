import { describe, expect, it } from "vitest";

import { lanAddresses } from "@fastnext/config/network";

import { allowedDevOrigins } from "../src/dev-server-env";
import { DEVELOPMENT_NEXTAUTH_SECRET, readWebEnv } from "../src/env";

const database = { DATABASE_URL: "postgresql://owner:pw@localhost:5432/app" };
const secret = "a-private-random-value-of-at-least-32-chars";
/** Production also requires the token keys (the API's configuration is read with the web app's). */
const production = {
  NODE_ENV: "production",
  AUTH_JWT_SECRET: "access-token-secret-for-tests-only-0123456789",
  AUTH_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

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
      expect(() => readWebEnv({ ...database, ...production, NEXTAUTH_SECRET: value })).toThrow(
        /NEXTAUTH_SECRET: must be set to a private random value in production/,
      );
    }
    expect(
      readWebEnv({ ...database, ...production, NEXTAUTH_SECRET: secret }).NEXTAUTH_SECRET,
    ).toBe(secret);
  });

  it("refuses a short secret or a malformed NEXTAUTH_URL", () => {
    expect(() => readWebEnv({ ...database, NEXTAUTH_SECRET: "short" })).toThrow(
      /NEXTAUTH_SECRET: must be at least 32/,
    );
    expect(() => readWebEnv({ ...database, NEXTAUTH_URL: "not a url" })).toThrow(/NEXTAUTH_URL/);
  });
});

describe("web env: the URL next-auth uses", () => {
  it("comes from the request's host in development when NEXTAUTH_URL is unset", () => {
    expect(readWebEnv({ ...database }).authUrlFromHost).toBe(true);
    expect(readWebEnv({ ...database, NODE_ENV: "development" }).authUrlFromHost).toBe(true);
  });

  it("is fixed when NEXTAUTH_URL is set, and always in production and tests", () => {
    expect(readWebEnv({ ...database, NEXTAUTH_URL: "http://localhost:3000" }).authUrlFromHost).toBe(
      false,
    );
    const inProduction = readWebEnv({ ...database, ...production, NEXTAUTH_SECRET: secret });
    expect(inProduction.authUrlFromHost).toBe(false);
    expect(inProduction.NEXTAUTH_URL).toBe("http://localhost:3000");
    expect(readWebEnv({ ...database, NODE_ENV: "test" }).authUrlFromHost).toBe(false);
  });
});

describe("dev server env: allowed origins", () => {
  it("allows localhost, 127.0.0.1, the LAN addresses and ALLOWED_DEV_ORIGINS", () => {
    const hosts = allowedDevOrigins({ ALLOWED_DEV_ORIGINS: " Dev.Example.test, *.tunnel.test " });
    expect(hosts.slice(0, 2)).toEqual(["localhost", "127.0.0.1"]);
    expect(hosts).toEqual(
      expect.arrayContaining([...lanAddresses(), "dev.example.test", "*.tunnel.test"]),
    );
    expect(allowedDevOrigins({})).toEqual(["localhost", "127.0.0.1", ...lanAddresses()]);
  });

  it("refuses a URL where a host name belongs, and names the variable", () => {
    expect(() =>
      allowedDevOrigins({ ALLOWED_DEV_ORIGINS: "http://dev.example.test:3000" }),
    ).toThrow(/ALLOWED_DEV_ORIGINS/);
  });
});
