import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { childEnv } from "./env";

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ServerProcess {
  port: number;
  pid: number;
  /** Resident memory of the server process, in MiB. */
  rssMiB: () => number;
  stop: () => Promise<void>;
}

/** Starts one of this folder's server scripts and waits for its port. */
export async function startServer(script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, "--import", "tsx", path.join(here, script)], {
      env: childEnv({ LOG_LEVEL: "warn", NODE_ENV: "production", LOG_FORMAT: "json", ...env }),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /"listening":(\d+)/.exec(chunk.toString());
      if (match?.[1]) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  const pid = child.pid ?? 0;
  return {
    port,
    pid,
    rssMiB: () => {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kib / 1024);
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
