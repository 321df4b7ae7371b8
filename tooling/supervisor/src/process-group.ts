import { spawn, type SpawnOptions } from "node:child_process";

import { type ChildHandle, type ExitReason } from "./supervisor";

/**
 * Starts a command in a process group of its own, so that signalling the
 * group reaches everything it starts (tsx and the app it runs, next and its
 * workers), and so that a terminal's Ctrl-C reaches only the launcher,
 * which then stops children in order.
 */
export function spawnProcessGroup(
  command: string,
  args: readonly string[],
  options: Omit<SpawnOptions, "detached"> = {},
): ChildHandle {
  const child = spawn(command, args, { stdio: "inherit", ...options, detached: true });
  const exited = new Promise<ExitReason>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    // Could not start at all (e.g. the command is missing): a crash too.
    child.once("error", () => resolve({ code: child.exitCode ?? 127, signal: null }));
  });
  const pid = child.pid;
  return {
    pid,
    exited,
    signal(signal) {
      if (pid === undefined) return;
      try {
        process.kill(-pid, signal);
      } catch {
        // The group is already gone.
      }
    },
    alive() {
      if (pid === undefined) return false;
      try {
        process.kill(-pid, 0);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Whether a process runs (EPERM: it does, as another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}
