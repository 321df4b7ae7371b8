import { createCipheriv, hkdfSync, randomBytes, randomUUID } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  decryptSecret,
  encryptSecret,
  totpSeedContext,
  type EncryptionKey,
  type EncryptionKeyRing,
} from "@fastnext/auth";

import { reencryptSecrets, runReencryptCommand } from "../src/admin";
import { createPrismaClient, type PrismaClient } from "../src";
import { createTestDatabase, type TestDatabase } from "../src/testing";

const OLD: EncryptionKey = { kid: "old", key: randomBytes(32) };
const NEW: EncryptionKey = { kid: "new", key: randomBytes(32) };
const GONE: EncryptionKey = { kid: "gone", key: randomBytes(32) };
/** The ring after the new key took first place, the old one still in it. */
const RING: EncryptionKeyRing = [NEW, OLD];

let db: TestDatabase;
/** Superuser SQL, to arrange rows and read them back; the code under test uses `system`. */
let sql: pg.Client;
let system: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  sql = new pg.Client({ connectionString: db.adminUrl });
  await sql.connect();
  system = createPrismaClient({ connectionString: db.systemUrl, max: 2 });
});
afterAll(async () => {
  await system.$disconnect();
  await sql.end();
  await db.drop();
});
beforeEach(async () => {
  await sql.query("DELETE FROM users");
});

/** A value in the format sealed before key ids (`v1.`), made with that format's algorithm. */
function sealedV1(plaintext: string, key: EncryptionKey, context: string): string {
  const iv = randomBytes(12);
  const subkey = Buffer.from(hkdfSync("sha256", key.key, Buffer.alloc(0), "fastnext:encrypt", 32));
  const cipher = createCipheriv("aes-256-gcm", subkey, iv);
  cipher.setAAD(Buffer.from(`fastnext-secret:${context}`, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

interface Seeded {
  id: string;
  /** The plaintext seeds, to compare after re-encryption. */
  secret: string | null;
  pending: string | null;
}

type Sealer = (plaintext: string, context: string) => string;
const under =
  (key: EncryptionKey): Sealer =>
  (plaintext, context) =>
    encryptSecret(plaintext, { keys: [key], context });
const legacyUnder =
  (key: EncryptionKey): Sealer =>
  (plaintext, context) =>
    sealedV1(plaintext, key, context);

/** Inserts a user whose seeds are sealed by `sealSecret` and `sealPending` (null: none). */
async function user(sealSecret: Sealer | null, sealPending: Sealer | null = null): Promise<Seeded> {
  const id = randomUUID();
  const secret = sealSecret && `SECRET${randomBytes(8).toString("hex").toUpperCase()}`;
  const pending = sealPending && `PENDING${randomBytes(8).toString("hex").toUpperCase()}`;
  const context = totpSeedContext(id);
  await sql.query(
    `INSERT INTO users (id, email, name, password_hash, updated_at, two_factor_enabled, two_factor_secret, two_factor_pending)
     VALUES ($1, $2, 'Someone', 'not-a-hash', now(), $3, $4, $5)`,
    [
      id,
      `${id}@example.com`,
      secret !== null,
      secret === null || sealSecret === null ? null : sealSecret(secret, context),
      pending === null || sealPending === null ? null : sealPending(pending, context),
    ],
  );
  return { id, secret, pending };
}

async function stored(id: string) {
  const { rows } = await sql.query<{
    two_factor_secret: string | null;
    two_factor_pending: string | null;
    updated_at: Date;
  }>("SELECT two_factor_secret, two_factor_pending, updated_at FROM users WHERE id = $1", [id]);
  const row = rows[0];
  if (!row) throw new Error(`no user ${id}`);
  return row;
}

/** Whether the user's seeds are under the newest key alone and still open to what was sealed. */
async function underNewestKey(seeded: Seeded): Promise<boolean> {
  const row = await stored(seeded.id);
  const context = totpSeedContext(seeded.id);
  for (const [sealed, plain] of [
    [row.two_factor_secret, seeded.secret],
    [row.two_factor_pending, seeded.pending],
  ] as const) {
    if (plain === null) {
      if (sealed !== null) return false;
      continue;
    }
    if (!sealed?.startsWith("v2.new.")) return false;
    expect(decryptSecret(sealed, { keys: [NEW], context })).toBe(plain);
  }
  return true;
}

/** underNewestKey of each, one after the other (one SQL connection). */
async function eachUnderNewestKey(users: Seeded[]): Promise<boolean[]> {
  const results: boolean[] = [];
  for (const seeded of users) results.push(await underNewestKey(seeded));
  return results;
}

/** Whether every seed still opens under the ring, re-encrypted or not. */
async function allReadable(users: Seeded[]): Promise<void> {
  for (const seeded of users) {
    const row = await stored(seeded.id);
    const context = totpSeedContext(seeded.id);
    if (seeded.secret !== null)
      expect(decryptSecret(row.two_factor_secret ?? "", { keys: RING, context })).toBe(
        seeded.secret,
      );
    if (seeded.pending !== null)
      expect(decryptSecret(row.two_factor_pending ?? "", { keys: RING, context })).toBe(
        seeded.pending,
      );
  }
}

describe("re-encrypting sealed secrets", () => {
  it("re-seals old-key and v1 values under the newest key, in committed batches that a re-run resumes", async () => {
    const old = [
      await user(legacyUnder(OLD)),
      await user(under(OLD), under(OLD)),
      await user(under(OLD)),
      await user(null, under(OLD)),
      await user(under(OLD)),
      await user(legacyUnder(OLD), under(OLD)),
    ];
    const current = await user(under(NEW));
    const without = await user(null);
    const updatedBefore = (await stored(old[1]!.id)).updated_at;

    // Interrupted: two batches of two users, then stop.
    const partial = await reencryptSecrets(system, { keys: RING, batchSize: 2, maxBatches: 2 });
    expect(partial).toMatchObject({
      newestKid: "new",
      alreadyCurrent: 1,
      batches: 2,
      complete: false,
      failures: [],
    });
    const doneAfterPartial = await eachUnderNewestKey(old);
    expect(doneAfterPartial.filter(Boolean)).toHaveLength(4);
    expect(partial.reencrypted).toBe(
      old
        .filter((_, i) => doneAfterPartial[i])
        .reduce((n, u) => n + (u.secret ? 1 : 0) + (u.pending ? 1 : 0), 0),
    );
    expect(partial.remaining).toBe(8 - partial.reencrypted);
    await allReadable([...old, current]);

    // The re-run skips what is done and finishes.
    const rest = await reencryptSecrets(system, { keys: RING, batchSize: 2 });
    expect(rest).toMatchObject({ complete: true, failures: [], remaining: 0 });
    expect(rest.alreadyCurrent).toBe(1 + partial.reencrypted);
    expect(partial.reencrypted + rest.reencrypted).toBe(8);
    for (const seeded of [...old, current]) expect(await underNewestKey(seeded)).toBe(true);
    expect(await stored(without.id)).toMatchObject({
      two_factor_secret: null,
      two_factor_pending: null,
    });
    // Re-sealing is not a change to the account.
    expect((await stored(old[1]!.id)).updated_at).toEqual(updatedBefore);

    // Nothing left: a third run changes nothing.
    const storedValues = async () => {
      const rows = [];
      for (const seeded of old) rows.push(await stored(seeded.id));
      return rows;
    };
    const values = await storedValues();
    const again = await reencryptSecrets(system, { keys: RING });
    expect(again).toMatchObject({ reencrypted: 0, alreadyCurrent: 9, batches: 0, complete: true });
    expect(await storedValues()).toEqual(values);
  });

  it("names a value it cannot decrypt, leaves it as it is and re-seals the others", async () => {
    const before = await user(under(OLD));
    const lost = await user(under(GONE), under(OLD));
    const after = await user(under(OLD));
    const lostSealed = (await stored(lost.id)).two_factor_secret;

    const report = await reencryptSecrets(system, { keys: RING, batchSize: 1 });
    expect(report.failures).toEqual([
      {
        userId: lost.id,
        column: "two_factor_secret",
        reason: "unknown_key",
        message: 'the secret is sealed under key "gone", which is not in the key ring',
      },
    ]);
    expect(report).toMatchObject({ reencrypted: 3, remaining: 1, complete: true });
    expect((await stored(lost.id)).two_factor_secret).toBe(lostSealed);
    // The same row's other column was re-sealed.
    expect((await stored(lost.id)).two_factor_pending).toMatch(/^v2\.new\./);
    expect(await underNewestKey(before)).toBe(true);
    expect(await underNewestKey(after)).toBe(true);
  });

  it("rolls a failing batch back whole, keeps the batches before it, and a re-run finishes", async () => {
    const users: Seeded[] = [];
    for (let i = 0; i < 6; i += 1) users.push(await user(under(OLD), under(OLD)));
    const byId = [...users].sort((a, b) => (a.id < b.id ? -1 : 1));
    // A real error from PostgreSQL half-way through the second batch (users 3 and 4 by id).
    const victim = byId[3]!.id;
    await sql.query(`
      CREATE FUNCTION test_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure'; END $$;
      CREATE TRIGGER test_refuse_update BEFORE UPDATE ON users
        FOR EACH ROW WHEN (OLD.id = '${victim}'::uuid) EXECUTE FUNCTION test_refuse_update();`);
    try {
      await expect(reencryptSecrets(system, { keys: RING, batchSize: 2 })).rejects.toThrow(
        /injected failure/,
      );
    } finally {
      await sql.query(
        "DROP TRIGGER test_refuse_update ON users; DROP FUNCTION test_refuse_update()",
      );
    }
    const done = await eachUnderNewestKey(byId);
    // The first batch committed; the second (its first row updated before the error) left nothing.
    expect(done).toEqual([true, true, false, false, false, false]);
    await allReadable(users);

    const rerun = await reencryptSecrets(system, { keys: RING, batchSize: 2 });
    expect(rerun).toMatchObject({ reencrypted: 8, alreadyCurrent: 4, remaining: 0, failures: [] });
    for (const seeded of users) expect(await underNewestKey(seeded)).toBe(true);
  });
});

describe("pnpm auth:reencrypt", () => {
  const ring = (...keys: EncryptionKey[]) =>
    keys.map(({ kid, key }) => `${kid}:${Buffer.from(key).toString("base64")}`).join(",");
  /** The environment the API runs with, with the ring given. */
  const environment = (keys: EncryptionKey[]) => ({
    NODE_ENV: "production",
    DATABASE_URL: db.ownerUrl,
    DATABASE_SYSTEM_URL: db.systemUrl,
    AUTH_JWT_SECRET: "jwt-secret-of-the-environment-0123456789",
    AUTH_ENCRYPTION_KEYS: ring(...keys),
  });
  async function command(env: Record<string, string>, ...args: string[]) {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runReencryptCommand(args, env, {
      log: (line) => stdout.push(line),
      error: (line) => stderr.push(line),
    });
    return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
  }

  it("prints counts, names an undecryptable row with a failed exit, and succeeds once it is dealt with", async () => {
    const fine = await user(under(OLD));
    const lost = await user(under(GONE));
    await sql.query(
      "INSERT INTO two_factor_backup_codes (id, user_id, code_hash) VALUES (gen_random_uuid(), $1, 'old.' || repeat('a', 64)), (gen_random_uuid(), $1, repeat('b', 64)), (gen_random_uuid(), $1, 'new.' || repeat('c', 64))",
      [fine.id],
    );

    const first = await command(environment([NEW, OLD]), "--batch-size", "10");
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(
      'Re-encrypting sealed secrets under key "new" (ring: new, old), 10 users a batch.',
    );
    expect(first.stdout).toContain("Re-encrypted: 1 in 1 batches");
    expect(first.stdout).toContain('Not under "new" yet: 1');
    expect(first.stderr).toContain(
      `users ${lost.id} two_factor_secret: the secret is sealed under key "gone", which is not in the key ring`,
    );
    expect(first.stdout).toMatch(/the key from before key ids: 1 unused, of 1 users/);
    expect(first.stdout).toMatch(/key "old": 1 unused, of 1 users/);
    expect(first.stdout).not.toMatch(/key "new": \d+ unused/);
    expect(await underNewestKey(fine)).toBe(true);

    // The operator resets that user's two-factor (the seed is lost with its key).
    await sql.query("UPDATE users SET two_factor_secret = NULL WHERE id = $1", [lost.id]);
    const second = await command(environment([NEW, OLD]));
    expect(second).toMatchObject({ code: 0, stderr: "" });
    expect(second.stdout).toContain("Re-encrypted: 0 in 0 batches");
    expect(second.stdout).toContain("Done: every sealed secret is under the newest key.");
  });

  it("refuses bad arguments and configuration before connecting", async () => {
    const bad = await command(environment([NEW]), "--batch-size", "0");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--batch-size: .*\nUsage: pnpm auth:reencrypt/s);
    expect((await command(environment([NEW]), "--nope")).stderr).toMatch(/Unknown option '--nope'/);
    const duplicate = await command({
      ...environment([NEW]),
      AUTH_ENCRYPTION_KEYS: ring(NEW, NEW),
    });
    expect(duplicate).toMatchObject({ code: 1, stdout: "" });
    expect(duplicate.stderr).toContain('AUTH_ENCRYPTION_KEYS: key id "new" is listed twice');
  });
});
