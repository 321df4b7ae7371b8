import { describe, expect, it } from "vitest";
import { z } from "zod";

import { EnvError, envFields, parseEnv } from "../src";

const shape = {
  DATABASE_URL: envFields.postgresUrl(),
  PORT: envFields.port(3000),
  FLAG: envFields.boolean(false),
  NAME: z.string().default("x"),
};

describe("parseEnv", () => {
  it("returns typed values with defaults", () => {
    const env = parseEnv("t", shape, { DATABASE_URL: "postgresql://u@h/db", FLAG: "1" });
    expect(env).toEqual({ DATABASE_URL: "postgresql://u@h/db", PORT: 3000, FLAG: true, NAME: "x" });
  });

  it("names every bad variable and what is wrong with it", () => {
    let caught: unknown;
    try {
      parseEnv("web", shape, { DATABASE_URL: "mysql://u@h/db", PORT: "99999" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    const error = caught as EnvError;
    expect(error.problems.map((p) => p.variable).sort()).toEqual(["DATABASE_URL", "PORT"]);
    expect(error.message).toContain("Invalid configuration for web");
    expect(error.message).toMatch(/DATABASE_URL: must be a postgres/);
  });

  it("treats an empty value as unset and reports a missing one as required", () => {
    expect(() => parseEnv("t", shape, { DATABASE_URL: "" })).toThrow(/DATABASE_URL: is required/);
  });
});
