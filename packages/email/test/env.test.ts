import { describe, expect, it } from "vitest";

import { EnvError } from "@fastnext/config";

import { readEmailEnv } from "../src";

function problemsOf(source: Record<string, string>): string[] {
  try {
    readEmailEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe("readEmailEnv", () => {
  it("writes to a folder in development by default", () => {
    const config = readEmailEnv({});
    expect(config.transport).toBe("file");
    expect(config.transport === "file" && config.dir).toMatch(/\.data[\\/]mail$/);
    expect(config.from).toContain("@");
  });

  it("sends through SMTP in production and then needs a server and a sender", () => {
    expect(problemsOf({ NODE_ENV: "production" }).sort()).toEqual(["MAIL_FROM", "SMTP_HOST"]);
    const config = readEmailEnv({
      NODE_ENV: "production",
      MAIL_FROM: "FastNext <no-reply@example.com>",
      SMTP_HOST: "smtp.example.com",
      SMTP_PORT: "465",
      SMTP_SECURE: "true",
      SMTP_USER: "mailer",
      SMTP_PASSWORD: "secret-password",
    });
    expect(config).toMatchObject({
      transport: "smtp",
      from: "FastNext <no-reply@example.com>",
      smtp: {
        host: "smtp.example.com",
        port: 465,
        secure: true,
        user: "mailer",
        password: "secret-password",
      },
    });
  });

  it("accepts one SMTP_URL instead of the SMTP_HOST family", () => {
    const config = readEmailEnv({
      MAIL_TRANSPORT: "smtp",
      MAIL_FROM: "a@example.com",
      SMTP_URL: "smtps://u:p@smtp.example.com:465",
    });
    expect(config).toMatchObject({
      transport: "smtp",
      smtp: { url: "smtps://u:p@smtp.example.com:465" },
    });
  });

  it("names every malformed variable", () => {
    expect(
      problemsOf({ MAIL_TRANSPORT: "pigeon", SMTP_PORT: "seventy", SMTP_URL: "http://x" }).sort(),
    ).toEqual(["MAIL_TRANSPORT", "SMTP_PORT", "SMTP_URL"]);
    expect(
      problemsOf({ MAIL_TRANSPORT: "smtp", MAIL_FROM: "a@b.c", SMTP_HOST: "h", SMTP_USER: "u" }),
    ).toEqual(["SMTP_PASSWORD"]);
  });
});
