import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";

import { simpleParser, type ParsedMail } from "mailparser";
import { pino } from "pino";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createFileMailer, createSmtpMailer, welcomeEmail } from "../src";

const received: { from: string; to: string[]; mail: ParsedMail }[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            mail,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const message = {
  to: "ann@example.com",
  ...welcomeEmail({ name: "Ann <b>", signInUrl: "https://app.example.com/login" }),
};

describe("the SMTP mailer", () => {
  it("delivers the message with both bodies to a real SMTP server", async () => {
    const mailer = createSmtpMailer({
      from: "FastNext <no-reply@example.com>",
      smtp: { host: "127.0.0.1", port, secure: false, user: undefined, password: undefined },
      timeoutMs: 5_000,
    });
    const sent = await mailer.send(message);
    await mailer.close();
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got?.from).toBe("no-reply@example.com");
    expect(got?.to).toEqual(["ann@example.com"]);
    expect(got?.mail.subject).toBe("Welcome to FastNext");
    expect(got?.mail.messageId).toBe(sent.messageId);
    expect(got?.mail.text).toContain("Hello Ann <b>,");
    expect(got?.mail.html).toContain("Hello Ann &lt;b&gt;,");
  });

  it("fails within its time limit when the server never answers", async () => {
    // A socket that accepts and never greets: the greeting time-out must fire.
    const mute = createServer(() => undefined);
    await new Promise<void>((resolve) => mute.listen(0, "127.0.0.1", resolve));
    const mailer = createSmtpMailer({
      from: "a@example.com",
      smtp: {
        host: "127.0.0.1",
        port: (mute.address() as AddressInfo).port,
        secure: false,
        user: undefined,
        password: undefined,
      },
      timeoutMs: 300,
    });
    const started = Date.now();
    await expect(mailer.send(message)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);
    await mailer.close();
    mute.close();
  });
});

describe("the development file mailer", () => {
  it("writes each message as a MIME file and logs a one-line preview", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fastnext-mail-"));
    const lines: Record<string, unknown>[] = [];
    const logger = pino(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      }),
    );
    const mailer = createFileMailer({ from: "FastNext <no-reply@localhost>", dir, logger });
    await mailer.send(message);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const parsed = await simpleParser(readFileSync(path.join(dir, files[0] ?? "")));
    expect(parsed.subject).toBe("Welcome to FastNext");
    expect(parsed.text).toContain("Hello Ann <b>,");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: "mail written",
      to: "ann@example.com",
      subject: "Welcome to FastNext",
    });
  });
});
