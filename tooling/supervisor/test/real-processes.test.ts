import { afterEach, describe, expect, it } from "vitest";

import {
  isRunning,
  spawnProcessGroup,
  Supervisor,
  type GiveUp,
  type SupervisorPolicy,
} from "../src";

interface Line {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

const fast: Partial<SupervisorPolicy> = {
  firstDelayMs: 200,
  maxDelayMs: 1_000,
  stopTimeoutMs: 2_000,
};

function node(script: string) {
  return () => spawnProcessGroup(process.execPath, ["-e", script], { stdio: "ignore" });
}

async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let running: Supervisor | null = null;

afterEach(async () => {
  await running?.stop();
  running = null;
});

function supervise(specs: { name: string; script: string }[], policy: Partial<SupervisorPolicy>) {
  const lines: Line[] = [];
  const gaveUp: GiveUp[] = [];
  const record = (level: string) => (fields: object, message: string) =>
    lines.push({ level, fields: fields as Record<string, unknown>, message });
  const supervisor = new Supervisor(
    specs.map(({ name, script }) => ({ name, start: node(script) })),
    {
      log: { info: record("info"), warn: record("warn"), error: record("error") },
      policy,
      onGiveUp: (giveUp) => gaveUp.push(giveUp),
    },
  );
  running = supervisor;
  supervisor.start();
  return { supervisor, lines, gaveUp };
}

describe("Supervisor on real processes", () => {
  it("restarts a child killed with SIGKILL, logs it, and stops every group on stop()", async () => {
    const { supervisor, lines } = supervise(
      [
        { name: "worker", script: "setInterval(() => {}, 1000)" },
        { name: "api", script: "setInterval(() => {}, 1000)" },
      ],
      fast,
    );
    const first = await waitFor("the worker", () => supervisor.pids().worker);
    const api = supervisor.pids().api;
    process.kill(first, "SIGKILL");

    const second = await waitFor("a new worker", () => {
      const pid = supervisor.pids().worker;
      return pid !== undefined && pid !== first ? pid : undefined;
    });
    expect(isRunning(second)).toBe(true);
    expect(lines).toContainEqual({
      level: "warn",
      fields: expect.objectContaining({
        process: "worker",
        signal: "SIGKILL",
        restartInSeconds: 0.2,
      }),
      message: "worker exited (signal SIGKILL); restarting in 0.2 s",
    });
    expect(supervisor.pids().api).toBe(api);

    await supervisor.stop();
    expect(isRunning(second)).toBe(false);
    expect(api !== undefined && isRunning(api)).toBe(false);
  });

  it("stops the processes a killed child had started before starting it again", async () => {
    // The child starts a grandchild in its group (as next dev and tsx do) and
    // prints its pid, then waits.
    const script = `
      const { spawn } = require("node:child_process");
      const grandchild = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
      require("node:fs").writeFileSync(process.env.GRANDCHILD_FILE, String(grandchild.pid));
      setInterval(() => {}, 1000);
    `;
    const { mkdtempSync, readFileSync, existsSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "supervisor-")), "grandchild");
    const supervisor = new Supervisor(
      [
        {
          name: "web",
          start: () =>
            spawnProcessGroup(process.execPath, ["-e", script], {
              stdio: "ignore",
              env: { ...process.env, GRANDCHILD_FILE: file },
            }),
        },
      ],
      {
        log: { info: () => undefined, warn: () => undefined, error: () => undefined },
        policy: fast,
        onGiveUp: () => undefined,
      },
    );
    running = supervisor;
    supervisor.start();
    const leader = await waitFor("the child", () => supervisor.pids().web);
    const grandchild = await waitFor("the grandchild", () =>
      existsSync(file) && readFileSync(file, "utf8")
        ? Number(readFileSync(file, "utf8"))
        : undefined,
    );
    process.kill(leader, "SIGKILL");
    await waitFor("a new child", () => {
      const pid = supervisor.pids().web;
      return pid !== undefined && pid !== leader ? pid : undefined;
    });
    expect(isRunning(grandchild)).toBe(false);
  });

  it("gives up on a child that exits at once every time, with its exit code", async () => {
    const { gaveUp, lines } = supervise(
      [
        { name: "broken", script: "process.exit(3)" },
        { name: "fine", script: "setInterval(() => {}, 1000)" },
      ],
      { ...fast, firstDelayMs: 50, maxCrashes: 3, crashWindowMs: 30_000 },
    );
    const giveUp = await waitFor("the give-up", () => gaveUp[0]);
    expect(giveUp).toEqual({ name: "broken", crashes: 4, last: { code: 3, signal: null } });
    expect(lines.filter((line) => line.level === "warn").map((line) => line.message)).toEqual([
      "broken exited (exit code 3); restarting in 0.05 s",
      "broken exited (exit code 3); restarting in 0.1 s",
      "broken exited (exit code 3); restarting in 0.2 s",
    ]);
    expect(lines.at(-1)?.message).toBe(
      "broken exited (exit code 3) for the 4th time within 30 s; giving up",
    );
  });
});
