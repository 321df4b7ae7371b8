import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { spawnEntryPoint } from "@fastnext/test-support";

import { childEnv } from "./env";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The servers run with NODE_ENV=production, which refuses the public
 * development secrets: each run gets fresh ones.
 */
const runSecrets = {
  AUTH_JWT_SECRET: randomBytes(32).toString("base64url"),
  AUTH_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
};

export interface ServerProcess {
  port: number;
  pid: number;
  /** Resident memory of the server process, in MiB. */
  rssMiB: () => number;
  stop: () => Promise<void>;
}

/** Starts one of this folder's server scripts and waits for its port. */
export async function startServer(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const server = spawnEntryPoint(path.join(here, script), {
    cwd: here,
    env: childEnv({
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      LOG_FORMAT: "json",
      ...runSecrets,
      ...env,
    }),
    nodeArgs,
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.child.stdout?.on("data", () => {
      const match = /"listening":(\d+)/.exec(server.output());
      if (match?.[1]) resolve(Number(match[1]));
    });
    void server.exited.then((code) =>
      reject(new Error(`${script} exited with ${code}:\n${server.output()}`)),
    );
  });
  const pid = server.child.pid ?? 0;
  return {
    port,
    pid,
    rssMiB: () => {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kib / 1024);
    },
    stop: server.stop,
  };
}
