import { parseArgs } from "node:util";

import { z } from "zod";

import { readAuthEnv } from "@fastnext/auth/env";
import { type EnvSource } from "@fastnext/config";

import { createPrismaClient } from "../client";
import { readDbEnv } from "../env";
import { reencryptSecrets, type ReencryptionReport } from "./reencrypt-secrets";

export const REENCRYPT_USAGE = "pnpm auth:reencrypt [--batch-size <1-10000>] [--max-batches <n>]";

const ZReencryptArgsSchema = z.object({
  "batch-size": z.coerce.number().int().min(1).max(10_000).default(100),
  "max-batches": z.coerce.number().int().min(1).optional(),
});

export type ReencryptArgs = z.infer<typeof ZReencryptArgsSchema>;

/** The command's arguments, or an Error whose message says what is wrong and how to call it. */
export function parseReencryptArgs(argv: string[]): ReencryptArgs {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { "batch-size": { type: "string" }, "max-batches": { type: "string" } },
    }));
  } catch (error) {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\nUsage: ${REENCRYPT_USAGE}`,
    );
  }
  const parsed = ZReencryptArgsSchema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  --${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid arguments:\n${lines.join("\n")}\nUsage: ${REENCRYPT_USAGE}`);
  }
  return parsed.data;
}

export interface CommandOutput {
  log: (line: string) => void;
  error: (line: string) => void;
}

function printReport(report: ReencryptionReport, out: CommandOutput): void {
  out.log(`Already under "${report.newestKid}" before this run: ${report.alreadyCurrent}`);
  out.log(`Re-encrypted: ${report.reencrypted} in ${report.batches} batches`);
  out.log(`Not under "${report.newestKid}" yet: ${report.remaining}`);
  if (report.failures.length > 0) {
    out.error(`Could not decrypt ${report.failures.length} values (left unchanged):`);
    for (const failure of report.failures)
      out.error(`  users ${failure.userId} ${failure.column}: ${failure.message}`);
  }
  for (const { kid, codes, users } of report.backupCodesUnderOlderKeys) {
    const key = kid === null ? "the key from before key ids" : `key "${kid}"`;
    out.log(
      `Backup codes digested under ${key}: ${codes} unused, of ${users} users (they stop working when that key leaves the ring; turning two-factor off and on again issues new ones)`,
    );
  }
  if (!report.complete) out.log("Stopped at --max-batches: run again to go on.");
  else if (report.failures.length === 0)
    out.log("Done: every sealed secret is under the newest key.");
}

/**
 * `pnpm auth:reencrypt`: re-seals every stored secret under the newest key
 * of AUTH_ENCRYPTION_KEYS, as the system role (DATABASE_SYSTEM_URL, or
 * DATABASE_URL's server as fastnext_system). Returns the exit code: 0 when
 * the run finished and every value it met opened, 1 when a value could not
 * be decrypted (each is named), the run failed, or the arguments or
 * configuration are wrong. Safe to re-run at any time.
 */
export async function runReencryptCommand(
  argv: string[],
  source: EnvSource,
  out: CommandOutput,
): Promise<number> {
  let args: ReencryptArgs;
  let config: { db: ReturnType<typeof readDbEnv>; auth: ReturnType<typeof readAuthEnv> };
  try {
    args = parseReencryptArgs(argv);
    config = { db: readDbEnv(source), auth: readAuthEnv(source) };
  } catch (error) {
    out.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const keys = config.auth.encryptionKeys;
  out.log(
    `Re-encrypting sealed secrets under key "${keys[0].kid}" (ring: ${keys.map((k) => k.kid).join(", ")}), ${args["batch-size"]} users a batch.`,
  );
  const client = createPrismaClient({
    connectionString: config.db.systemUrl,
    max: 1,
    applicationName: "fastnext-reencrypt",
  });
  try {
    const report = await reencryptSecrets(client, {
      keys,
      batchSize: args["batch-size"],
      maxBatches: args["max-batches"],
      onBatch: ({ batch, reencrypted, failed }) => {
        out.log(`  batch ${batch}: ${reencrypted} re-encrypted, ${failed} failed (committed)`);
      },
    });
    printReport(report, out);
    return report.failures.length > 0 ? 1 : 0;
  } catch (error) {
    out.error(`Re-encryption stopped: ${error instanceof Error ? error.message : String(error)}`);
    out.error("Batches committed before the error stay done; run again to go on.");
    return 1;
  } finally {
    await client.$disconnect();
  }
}
