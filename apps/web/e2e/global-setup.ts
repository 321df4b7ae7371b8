import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { type FullConfig } from "@playwright/test";
import { z } from "zod";

import { chromiumAvailable, CHROMIUM_MISSING_REASON } from "./support/chromium";
import { publishState } from "./support/state";

const here = path.dirname(fileURLToPath(import.meta.url));
const ZReadySchema = z.object({
  baseUrl: z.url(),
  adminDbUrl: z.string().min(1),
  mailDir: z.string().min(1),
  oidcControlUrl: z.url(),
});

/**
 * Starts what every browser test shares — a fresh database with the admin
 * seeded and the production server — in a child process (support/serve.ts).
 * The returned function is the teardown: the child stops the server and
 * drops the database.
 */
export default async function globalSetup(
  _config: FullConfig,
): Promise<(() => Promise<void>) | undefined> {
  if (!chromiumAvailable) {
    console.warn(`\n[e2e] SKIPPING every browser test: ${CHROMIUM_MISSING_REASON}\n`);
    return undefined;
  }
  // tsx as a loader in one process: SIGTERM reaches the environment itself.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "support/serve.ts")], {
    cwd: path.resolve(here, ".."),
    env: process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const ready = await new Promise<z.infer<typeof ZReadySchema>>((resolve, reject) => {
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n").find((candidate) => candidate.startsWith("{"));
      if (line) resolve(ZReadySchema.parse(JSON.parse(line)));
    });
    child.once("exit", (code) =>
      reject(
        new Error(`the e2e environment exited (${code}) before it was ready:\n${output}${stdout}`),
      ),
    );
  });
  publishState(ready);

  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    if (process.env.E2E_SERVER_LOG) console.log(output);
  };
}
