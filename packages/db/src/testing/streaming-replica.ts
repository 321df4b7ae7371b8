import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";

import { createDatabase, ensureRoles } from "../admin/provision";
import { withDatabase } from "../env";
import {
  runDatabaseName,
  TEST_APP_PASSWORD,
  TEST_DB_PREFIX,
  TEST_OWNER_PASSWORD,
  TEST_SYSTEM_PASSWORD,
  testRoleUrls,
} from "./server";

/** A primary and its streaming replica, both started by the test in a temporary directory. */
export interface StreamingReplica {
  /** Role URLs of the migrated database on the primary (as `createTestDatabase` gives). */
  primary: ReturnType<typeof testRoleUrls> & { name: string };
  /** The same database on the replica: superuser and application role. */
  replica: { adminUrl: string; appUrl: string };
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp: () => Promise<void>;
  /** Stops the replica server (connections are refused until `startReplica`). */
  stopReplica: () => Promise<void>;
  startReplica: () => Promise<void>;
  close: () => Promise<void>;
}

/** Debian's server binaries, newest major version first (they carry pg_basebackup). */
function serverBinaries(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, "bin");
    if (
      ["initdb", "pg_ctl", "pg_basebackup", "pg_dump", "pg_restore"].every((tool) =>
        existsSync(path.join(bin, tool)),
      )
    )
      return bin;
  }
  return null;
}

/** The OS user to run the servers as: PostgreSQL refuses to run as root. */
function serverUser(): { uid: number; gid: number } | null | "self" {
  if (process.getuid?.() !== 0) return "self";
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

/** Why a streaming replica cannot be started here, or null when it can. */
export function streamingReplicaUnavailable(): string | null {
  if (process.platform !== "linux") return "streaming replica tests run on Linux only";
  if (!serverBinaries())
    return "no PostgreSQL server binaries with pg_basebackup under /usr/lib/postgresql (Debian's postgresql package)";
  if (serverUser() === null)
    return "running as root without a `postgres` OS user to run the test servers as";
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a fresh primary (initdb, wal_level=replica; initdb's own pg_hba
 * allows replication from loopback), copies the shared test server's
 * migrated template into a database on it, then a hot standby made with `pg_basebackup -R`
 * streaming from it. Nothing of the machine's PostgreSQL is used or changed.
 * Call `streamingReplicaUnavailable()` first and skip when it gives a reason.
 */
export async function startStreamingReplica(): Promise<StreamingReplica> {
  const bin = serverBinaries();
  const user = serverUser();
  if (!bin || user === null) throw new Error(streamingReplicaUnavailable() ?? "unavailable");
  const dir = mkdtempSync(path.join(tmpdir(), "fastnext-replica-"));
  const owned = user === "self" ? {} : user;
  if (user !== "self") chownSync(dir, user.uid, user.gid);

  const run = (tool: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      execFile(path.join(bin, tool), args, { ...owned, cwd: dir }, (error, _out, stderr) => {
        if (error) reject(new Error(`${tool} failed: ${stderr || error.message}`));
        else resolve();
      });
    });
  // Client tools connect by URL and run as this process's user.
  const client = (tool: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      execFile(path.join(bin, tool), args, (error, _out, stderr) => {
        if (error) reject(new Error(`${tool} failed: ${stderr || error.message}`));
        else resolve();
      });
    });
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const serverOptions = (port: number) =>
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const primaryDir = path.join(dir, "primary");
  const replicaDir = path.join(dir, "replica");
  const start = (dataDir: string, port: number, log: string) =>
    run("pg_ctl", [
      "-D",
      dataDir,
      "-w",
      "-l",
      path.join(dir, log),
      "-o",
      serverOptions(port),
      "start",
    ]);
  const stop = (dataDir: string, mode: "fast" | "immediate") =>
    run("pg_ctl", ["-D", dataDir, "-w", "-m", mode, "stop"]);

  let replicaRunning = false;
  try {
    await run("initdb", [
      "-D",
      primaryDir,
      "-U",
      "postgres",
      "-A",
      "trust",
      "--no-sync",
      "-E",
      "UTF8",
    ]);
    await run("pg_ctl", [
      "-D",
      primaryDir,
      "-w",
      "-l",
      path.join(dir, "primary.log"),
      "-o",
      `${serverOptions(primaryPort)} -c wal_level=replica -c max_wal_senders=4`,
      "start",
    ]);
    const serverAdminUrl = `postgresql://postgres@127.0.0.1:${primaryPort}/postgres`;
    // A copy of the shared test server's migrated template: restoring a dump
    // takes a second where running the migrations again takes many.
    const sourceAdminUrl = process.env.FASTNEXT_TEST_ADMIN_URL;
    const template = process.env.FASTNEXT_TEST_TEMPLATE;
    if (!sourceAdminUrl || !template)
      throw new Error("run through vitest with the shared global setup (it migrates the template)");
    await ensureRoles(serverAdminUrl, TEST_OWNER_PASSWORD, TEST_APP_PASSWORD, TEST_SYSTEM_PASSWORD);
    const name = runDatabaseName(TEST_DB_PREFIX, "replica");
    await createDatabase(serverAdminUrl, name);
    const dump = path.join(dir, "template.dump");
    await client("pg_dump", ["-Fc", "-f", dump, "-d", withDatabase(sourceAdminUrl, template)]);
    await client("pg_restore", [
      ...["--exit-on-error", "--single-transaction"],
      ...["-d", withDatabase(serverAdminUrl, name), dump],
    ]);
    await run("pg_basebackup", [
      ...["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres"],
      ...["-D", replicaDir, "-R", "-X", "stream", "-c", "fast", "--no-sync"],
    ]);
    await start(replicaDir, replicaPort, "replica.log");
    replicaRunning = true;

    const primary = { name, ...testRoleUrls(serverAdminUrl, name) };
    const replicaUrls = testRoleUrls(
      `postgresql://postgres@127.0.0.1:${replicaPort}/postgres`,
      name,
    );
    const query = async (url: string, sql: string): Promise<string> => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ value: string }>(sql);
        return rows[0]?.value ?? "";
      } finally {
        await client.end();
      }
    };
    return {
      primary,
      replica: { adminUrl: replicaUrls.adminUrl, appUrl: replicaUrls.appUrl },
      caughtUp: async () => {
        const target = await query(primary.adminUrl, "SELECT pg_current_wal_lsn()::text AS value");
        const deadline = Date.now() + 10_000;
        for (;;) {
          const done = await query(
            replicaUrls.adminUrl,
            `SELECT (pg_last_wal_replay_lsn() >= '${target}'::pg_lsn)::text AS value`,
          );
          if (done === "true") return;
          if (Date.now() > deadline) throw new Error("the replica did not catch up in 10 s");
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
      stopReplica: async () => {
        await stop(replicaDir, "fast");
        replicaRunning = false;
      },
      startReplica: async () => {
        await start(replicaDir, replicaPort, "replica.log");
        replicaRunning = true;
      },
      close: async () => {
        if (replicaRunning) await stop(replicaDir, "immediate").catch(() => undefined);
        await stop(primaryDir, "immediate").catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (replicaRunning) await stop(replicaDir, "immediate").catch(() => undefined);
    if (existsSync(path.join(primaryDir, "postmaster.pid")))
      await stop(primaryDir, "immediate").catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
