import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";

import { TEST_ENCRYPTION_KEYS } from "./process";

const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsx = path.join(workerDir, "node_modules/tsx/dist/cli.mjs");

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, [tsx, "src/main.ts"], {
    cwd: workerDir,
    env: { PATH: process.env.PATH ?? "", LOG_FORMAT: "json", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

describe("the worker process", () => {
  it("connects, reports ready, and stops cleanly on SIGTERM", async () => {
    const worker = startWorker({
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      DATABASE_SYSTEM_URL: db.systemUrl,
      MAIL_TRANSPORT: "file",
      MAIL_DIR: mkdtempSync(path.join(tmpdir(), "fastnext-mail-")),
      AUTH_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    });
    await expect.poll(worker.output, { timeout: 20_000 }).toContain('"msg":"worker ready"');
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('"msg":"worker stopped"');
  });

  it("refuses to start with bad configuration and names the variable", async () => {
    const worker = startWorker({
      DATABASE_URL: "mysql://x@y/z",
      WORKER_SHUTDOWN_TIMEOUT_MS: "soon",
    });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/WORKER_SHUTDOWN_TIMEOUT_MS/);
  });

  it("refuses to start when the database is unreachable", async () => {
    const worker = startWorker({
      DATABASE_URL: "postgresql://nobody:secret@127.0.0.1:1/none",
      MAIL_TRANSPORT: "file",
      AUTH_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toContain("database not ready");
  });

  it("needs the encryption key ring in production (it opens webhook secrets)", async () => {
    const worker = startWorker({
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      MAIL_TRANSPORT: "file",
    });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/AUTH_ENCRYPTION_KEYS/);
  });

  it("names missing mail settings when production would send through SMTP", async () => {
    const worker = startWorker({ DATABASE_URL: db.ownerUrl, DATABASE_APP_URL: db.appUrl });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/MAIL_FROM/);
    expect(worker.output()).toMatch(/SMTP_HOST/);
  });
});
