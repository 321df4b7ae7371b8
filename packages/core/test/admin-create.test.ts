/**
 * `pnpm admin:create` over the real server: the command spawned as an
 * operator runs it, the password fed on stdin; the database checked after.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword, verifyPassword } from "@fastnext/auth";
import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";

import { adminCreateCli } from "../src/admin/administrators";

const script = fileURLToPath(new URL("../scripts/create-admin.ts", import.meta.url));
let db: TestDatabase;
let admin: pg.Client;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The command as a child process, `stdin` written to it and closed. */
function runCommand(args: string[], stdin: string): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: path.dirname(script),
    env: { PATH: process.env.PATH, DATABASE_URL: db.ownerUrl, LOG_LEVEL: "silent" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The command in this process, with streams of its own (stdin is not a terminal). */
async function runInProcess(args: string[], stdin: string, env = { DATABASE_URL: db.ownerUrl }) {
  const input = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  input.end(stdin);
  const code = await adminCreateCli(args, env, { stdin: input, stdout, stderr });
  return { code, stdout: out, stderr: err };
}

async function account(email: string) {
  const { rows } = await admin.query<{
    id: string;
    password_hash: string;
    is_superuser: boolean;
    roles: string[];
    history: number;
  }>(
    `SELECT u.id, u.password_hash, u.is_superuser,
            ARRAY(SELECT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                   WHERE ur.user_id = u.id ORDER BY r.key)::text[] AS roles,
            (SELECT count(*)::int FROM password_history h WHERE h.user_id = u.id) AS history
       FROM users u WHERE u.email = $1`,
    [email],
  );
  return rows[0];
}

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new pg.Client({ connectionString: db.adminUrl });
  await admin.connect();
  await admin.query(
    `INSERT INTO users (id, email, name, password_hash, updated_at)
     VALUES (gen_random_uuid(), 'member@example.com', 'Member', $1, now())`,
    [await hashPassword("member-password")],
  );
  await admin.query(
    `INSERT INTO user_roles (user_id, role_id)
     SELECT u.id, r.id FROM users u, roles r WHERE u.email = 'member@example.com' AND r.key = 'member'`,
  );
});

afterAll(async () => {
  await admin.end();
  await db.drop();
});

describe("pnpm admin:create", () => {
  it("creates an administrator with the password read from stdin, and a second run changes nothing", async () => {
    const run = await runCommand(["--email", " New.Admin@Example.com "], "a-long-passphrase\n");
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Created administrator new.admin@example.com.");
    expect(run.code).toBe(0);
    const created = await account("new.admin@example.com");
    expect(created).toMatchObject({ is_superuser: true, roles: ["admin"], history: 1 });
    expect(await verifyPassword(created?.password_hash ?? "", "a-long-passphrase")).toBe(true);
    const { rows: trail } = await admin.query(
      "SELECT action FROM activities WHERE entity_id = $1",
      [created?.id],
    );
    expect(trail).toEqual([{ action: "user.create" }]);

    // Idempotent: no password asked, nothing written.
    const again = await runInProcess(["--email", "new.admin@example.com"], "");
    expect(again).toMatchObject({ code: 0, stderr: "" });
    expect(again.stdout).toContain("already is an administrator");
    expect(await account("new.admin@example.com")).toEqual(created);
  });

  it("promotes an existing account and keeps its password unless --set-password", async () => {
    const before = await account("member@example.com");
    const run = await runCommand(["--email", "member@example.com"], "");
    expect(run.stdout).toContain("member@example.com is now an administrator.");
    expect(run.code).toBe(0);
    const promoted = await account("member@example.com");
    expect(promoted).toMatchObject({ is_superuser: true, roles: ["admin", "member"] });
    expect(promoted?.password_hash).toBe(before?.password_hash);

    const changed = await runInProcess(
      ["--email", "member@example.com", "--set-password", "--password-stdin"],
      "another-long-passphrase\n",
    );
    expect(changed.stdout).toContain("already is an administrator. Its password was changed.");
    const after = await account("member@example.com");
    expect(await verifyPassword(after?.password_hash ?? "", "another-long-passphrase")).toBe(true);
    expect(after?.history).toBe(1);
  });

  it("refuses a password the operator's policy refuses, writing nothing", async () => {
    await admin.query(
      `INSERT INTO system_settings (key, value, updated_at)
       VALUES ('passwordPolicy', '{"minLength": 14, "requireDigit": true}', now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    );
    try {
      const run = await runCommand(["--email", "weak@example.com"], "only-letters\n");
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        "Password refused, nothing was written: At least 14 characters; At least one digit",
      );
      expect(await account("weak@example.com")).toBeUndefined();
      const { rows } = await admin.query(
        "SELECT 1 FROM activities WHERE action = 'user.create' AND changes::text LIKE '%weak@%'",
      );
      expect(rows).toEqual([]);

      // Promoting with a new password: refused whole, the role is not granted either.
      const before = await account("member@example.com");
      await admin.query(
        "DELETE FROM user_roles WHERE user_id = $1 AND role_id = (SELECT id FROM roles WHERE key = 'admin')",
        [before?.id],
      );
      const promote = await runInProcess(
        ["--email", "member@example.com", "--set-password"],
        "short-1\n",
      );
      expect(promote.code).toBe(1);
      expect(promote.stderr).toMatch(/At least 8 characters/);
      expect((await account("member@example.com"))?.roles).toEqual(["member"]);
    } finally {
      await admin.query("DELETE FROM system_settings WHERE key = 'passwordPolicy'");
    }
  });

  it("gives clear errors for a bad e-mail, a missing one, no password and an unreachable database", async () => {
    const bad = await runInProcess(["--email", "not-an-address"], "a-long-passphrase\n");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--email: Enter a valid e-mail address");

    const missing = await runInProcess([], "");
    expect(missing.stderr).toContain("--email: is required");

    const noPassword = await runInProcess(["--email", "nopass@example.com"], "");
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toContain("No password on standard input");
    expect(await account("nopass@example.com")).toBeUndefined();

    const unreachable = await runInProcess(["--email", "x@example.com"], "a-long-passphrase\n", {
      DATABASE_URL: "postgresql://fastnext_owner:secret@127.0.0.1:1/fastnext",
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      /^Cannot connect to the database at 127\.0\.0\.1:1\/fastnext/,
    );
    expect(unreachable.stderr).not.toContain("secret");
  });
});
