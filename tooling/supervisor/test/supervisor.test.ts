import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import {
  backoffDelay,
  describeExit,
  DEFAULT_POLICY,
  Supervisor,
  type ChildHandle,
  type ExitReason,
  type GiveUp,
} from "../src";

let nextPid = 1000;

/** A child that lives until a test crashes it or the supervisor signals it. */
class FakeProcess implements ChildHandle {
  readonly pid = nextPid++;
  readonly exited: Promise<ExitReason>;
  readonly signals: NodeJS.Signals[] = [];
  /** Processes the first one started, which outlive it until signalled. */
  leftovers = false;
  /** Ignores SIGTERM (only SIGKILL ends it). */
  stubborn = false;
  private leaderAlive = true;
  private resolveExit!: (exit: ExitReason) => void;

  constructor() {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  crash(exit: ExitReason): void {
    this.leaderAlive = false;
    this.resolveExit(exit);
  }

  signal(signal: NodeJS.Signals): void {
    this.signals.push(signal);
    if (signal === "SIGTERM" && this.stubborn) return;
    this.leftovers = false;
    if (this.leaderAlive) this.crash({ code: null, signal });
  }

  alive(): boolean {
    return this.leaderAlive || this.leftovers;
  }
}

interface Line {
  level: "info" | "warn" | "error";
  fields: Record<string, unknown>;
  message: string;
}

function setup(names: string[], policy = {}) {
  const started = new Map<string, FakeProcess[]>(names.map((name) => [name, []]));
  const lines: Line[] = [];
  const gaveUp: GiveUp[] = [];
  const record = (level: Line["level"]) => (fields: object, message: string) =>
    lines.push({ level, fields: fields as Record<string, unknown>, message });
  const supervisor = new Supervisor(
    names.map((name) => ({
      name,
      start: () => {
        const process = new FakeProcess();
        started.get(name)?.push(process);
        return process;
      },
    })),
    {
      log: { info: record("info"), warn: record("warn"), error: record("error") },
      policy,
      onGiveUp: (giveUp) => gaveUp.push(giveUp),
    },
  );
  const latest = (name: string): FakeProcess => {
    const list = started.get(name) ?? [];
    const last = list.at(-1);
    if (!last) throw new Error(`${name} never started`);
    return last;
  };
  return { supervisor, started, lines, gaveUp, latest };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("backoffDelay", () => {
  it("doubles from one second and stops at the cap", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(DEFAULT_POLICY, n));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});

describe("Supervisor", () => {
  it("restarts a crashed child after 1 s, 2 s, 4 s and logs which, how and when", async () => {
    const { supervisor, started, lines, latest } = setup(["web", "worker"]);
    supervisor.start();

    latest("worker").crash({ code: null, signal: "SIGKILL" });
    await vi.advanceTimersByTimeAsync(0);
    expect(lines.at(-1)).toMatchObject({
      level: "warn",
      fields: { process: "worker", signal: "SIGKILL", restartInSeconds: 1 },
      message: "worker exited (signal SIGKILL); restarting in 1 s",
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(started.get("worker")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(started.get("worker")).toHaveLength(2);

    latest("worker").crash({ code: 1, signal: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(lines.at(-1)?.message).toBe("worker exited (exit code 1); restarting in 2 s");
    await vi.advanceTimersByTimeAsync(2_000);
    latest("worker").crash({ code: 1, signal: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(lines.at(-1)?.fields).toMatchObject({ restartInSeconds: 4, crashes: 3 });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(started.get("worker")).toHaveLength(4);
    // The other child was left alone.
    expect(started.get("web")).toHaveLength(1);
    expect(latest("web").signals).toEqual([]);
  });

  it("treats an exit with code 0 as a crash too", async () => {
    const { supervisor, started, lines, latest } = setup(["web"]);
    supervisor.start();
    latest("web").crash({ code: 0, signal: null });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(lines.at(-1)?.message).toBe("web exited (exit code 0); restarting in 1 s");
    expect(started.get("web")).toHaveLength(2);
  });

  it("starts the back-off over for a child that ran stably before crashing", async () => {
    const { supervisor, lines, latest } = setup(["api"], { stableAfterMs: 30_000 });
    supervisor.start();
    for (const wait of [1_000, 2_000]) {
      latest("api").crash({ code: 1, signal: null });
      await vi.advanceTimersByTimeAsync(wait);
    }
    await vi.advanceTimersByTimeAsync(40_000);
    latest("api").crash({ code: 1, signal: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(lines.at(-1)?.fields).toMatchObject({ restartInSeconds: 1 });
  });

  it("gives up on a child that crashes more than 5 times within 60 s, once, and restarts nothing after", async () => {
    const { supervisor, started, lines, gaveUp, latest } = setup(["worker", "web"]);
    supervisor.start();
    for (let crash = 1; crash <= 6; crash += 1) {
      latest("worker").crash({ code: 1, signal: null });
      await vi.advanceTimersByTimeAsync(backoffDelay(DEFAULT_POLICY, crash));
    }
    // 1 + 2 + 4 + 8 + 16 s of waiting: the sixth crash is within the minute.
    expect(gaveUp).toEqual([{ name: "worker", crashes: 6, last: { code: 1, signal: null } }]);
    expect(lines.at(-1)).toMatchObject({
      level: "error",
      message: "worker exited (exit code 1) for the 6th time within 60 s; giving up",
    });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(started.get("worker")).toHaveLength(6);
    // Another crash after giving up changes nothing either.
    latest("web").crash({ code: 1, signal: null });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(started.get("web")).toHaveLength(1);
    expect(gaveUp).toHaveLength(1);
  });

  it("keeps restarting a child whose crashes are spread out over more than the window", async () => {
    const { supervisor, started, gaveUp, latest } = setup(["worker"]);
    supervisor.start();
    for (let crash = 1; crash <= 8; crash += 1) {
      await vi.advanceTimersByTimeAsync(15_000);
      latest("worker").crash({ code: 1, signal: null });
      await vi.advanceTimersByTimeAsync(backoffDelay(DEFAULT_POLICY, crash));
    }
    expect(gaveUp).toEqual([]);
    expect(started.get("worker")).toHaveLength(9);
  });

  it("stops what is left of a crashed child's group before starting it again", async () => {
    const { supervisor, started, latest } = setup(["web"]);
    supervisor.start();
    const first = latest("web");
    first.leftovers = true;
    first.crash({ code: null, signal: "SIGKILL" });
    await vi.advanceTimersByTimeAsync(0);
    expect(first.signals).toEqual(["SIGTERM"]);
    expect(first.alive()).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started.get("web")).toHaveLength(2);
  });

  it("stop() signals every group, kills one that ignores SIGTERM, and restarts nothing", async () => {
    const { supervisor, started, lines, latest } = setup(["web", "api"], { stopTimeoutMs: 10_000 });
    supervisor.start();
    latest("api").stubborn = true;
    let stopped = false;
    void supervisor.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(latest("web").signals).toEqual(["SIGTERM"]);
    expect(latest("api").signals).toEqual(["SIGTERM"]);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(10_100);
    expect(latest("api").signals).toEqual(["SIGTERM", "SIGKILL"]);
    await vi.advanceTimersByTimeAsync(100);
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started.get("web")).toHaveLength(1);
    expect(started.get("api")).toHaveLength(1);
    expect(lines.filter((line) => line.level !== "info")).toEqual([]);
  });

  it("stop() during a back-off cancels the pending restart", async () => {
    const { supervisor, started, latest } = setup(["worker"]);
    supervisor.start();
    latest("worker").crash({ code: 1, signal: null });
    await vi.advanceTimersByTimeAsync(0);
    await supervisor.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(started.get("worker")).toHaveLength(1);
  });

  it("restart() replaces a child at once, not as a crash, and clears its crash count", async () => {
    const { supervisor, started, lines, gaveUp, latest } = setup(["api"]);
    supervisor.start();
    for (let crash = 1; crash <= 5; crash += 1) {
      latest("api").crash({ code: 1, signal: null });
      await vi.advanceTimersByTimeAsync(backoffDelay(DEFAULT_POLICY, crash));
    }
    const before = latest("api");
    await supervisor.restart("api", "source changed");
    expect(before.signals).toEqual(["SIGTERM"]);
    expect(started.get("api")).toHaveLength(7);
    expect(lines.at(-1)).toMatchObject({
      level: "info",
      message: "api: restarting (source changed)",
    });
    // A crash now is the first of a new series: 1 s, no give-up.
    latest("api").crash({ code: 1, signal: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(lines.at(-1)?.fields).toMatchObject({ restartInSeconds: 1, crashes: 1 });
    expect(gaveUp).toEqual([]);
  });
});

describe("describeExit", () => {
  it("names a signal, an exit code, and a shell's 128 + signal code", () => {
    expect(describeExit({ code: null, signal: "SIGKILL" })).toBe("signal SIGKILL");
    expect(describeExit({ code: 1, signal: null })).toBe("exit code 1");
    expect(describeExit({ code: 137, signal: null })).toBe("exit code 137, SIGKILL");
  });
});
