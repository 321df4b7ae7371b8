import { constants } from "node:os";

/** How a child's first process ended: an exit code, or the signal that killed it. */
export interface ExitReason {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running child as the supervisor sees it (a process group in real use, a fake in tests). */
export interface ChildHandle {
  readonly pid: number | undefined;
  /** Resolves once the child's first process has exited. */
  readonly exited: Promise<ExitReason>;
  /** Signals every process the child started. */
  signal(signal: NodeJS.Signals): void;
  /** Whether any process the child started is still running. */
  alive(): boolean;
}

export interface ChildSpec {
  /** Short name used in the log: "web", "api", "worker". */
  name: string;
  start(): ChildHandle;
}

/** The part of a pino logger the supervisor writes to. */
export interface SupervisorLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface SupervisorPolicy {
  /** Wait before the first restart after a crash; doubled for each crash in a row. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A child that ran this long before crashing starts again from firstDelayMs. */
  stableAfterMs: number;
  /** More crashes than this within crashWindowMs and the supervisor gives up. */
  maxCrashes: number;
  crashWindowMs: number;
  /** How long a stopping child gets after SIGTERM before its group is killed. */
  stopTimeoutMs: number;
}

export const DEFAULT_POLICY: SupervisorPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 30_000,
  maxCrashes: 5,
  crashWindowMs: 60_000,
  stopTimeoutMs: 10_000,
};

export interface GiveUp {
  name: string;
  crashes: number;
  last: ExitReason;
}

export interface SupervisorOptions {
  log: SupervisorLog;
  policy?: Partial<SupervisorPolicy>;
  /**
   * Called once when a child keeps crashing. The supervisor restarts
   * nothing after it; the caller stops everything and exits non-zero.
   */
  onGiveUp: (giveUp: GiveUp) => void;
}

interface Child {
  spec: ChildSpec;
  handle: ChildHandle | null;
  startedAt: number;
  /** Crashes in a row, each after a short run: sets the back-off. */
  inARow: number;
  /** When it crashed recently, for the give-up window. */
  crashTimes: number[];
  pending: ReturnType<typeof setTimeout> | null;
}

const KILL_GRACE_MS = 5_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * "signal SIGKILL", "exit code 1", or "exit code 137, SIGKILL" when a shell
 * in between reported its command's death by signal as 128 + its number.
 */
export function describeExit(exit: ExitReason): string {
  if (exit.signal) return `signal ${exit.signal}`;
  if (exit.code === null) return "unknown exit";
  const signal = exit.code > 128 ? signalName(exit.code - 128) : undefined;
  return signal ? `exit code ${exit.code}, ${signal}` : `exit code ${exit.code}`;
}

function signalName(number: number): string | undefined {
  return Object.entries(constants.signals).find(([, value]) => value === number)?.[0];
}

/** The wait before the next restart after `inARow` crashes in a row (1, 2, 4 … s, capped). */
export function backoffDelay(policy: SupervisorPolicy, inARow: number): number {
  return Math.min(policy.firstDelayMs * 2 ** Math.max(0, inARow - 1), policy.maxDelayMs);
}

/**
 * Keeps a set of long-running children up. A child that exits on its own,
 * whatever its exit code, has crashed: what is left of its process group is
 * stopped, the crash is logged (which child, how it ended, when the next try
 * is) and it is started again after a back-off. One that keeps crashing
 * makes the supervisor give up instead of restarting it forever.
 */
export class Supervisor {
  private readonly policy: SupervisorPolicy;
  private readonly children: Child[];
  private stopping = false;
  private gaveUp = false;

  constructor(
    specs: readonly ChildSpec[],
    private readonly options: SupervisorOptions,
  ) {
    this.policy = { ...DEFAULT_POLICY, ...options.policy };
    this.children = specs.map((spec) => ({
      spec,
      handle: null,
      startedAt: 0,
      inARow: 0,
      crashTimes: [],
      pending: null,
    }));
  }

  start(): void {
    for (const child of this.children) this.launch(child);
  }

  /** The current process id of each child (undefined while it waits for a restart). */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries(this.children.map((c) => [c.spec.name, c.handle?.pid]));
  }

  /**
   * Stops a child and starts it again at once, as asked (e.g. its source
   * changed). Not a crash: its crash count starts over, since new code
   * deserves a fresh start.
   */
  async restart(name: string, reason: string): Promise<void> {
    const child = this.children.find((c) => c.spec.name === name);
    if (!child || this.stopping || this.gaveUp) return;
    if (child.pending) clearTimeout(child.pending);
    child.pending = null;
    const handle = child.handle;
    child.handle = null;
    this.options.log.info({ process: name, reason }, `${name}: restarting (${reason})`);
    if (handle) await this.stopGroup(handle);
    child.inARow = 0;
    child.crashTimes = [];
    if (this.mayLaunch(child)) this.launch(child);
  }

  /** Stops every child: SIGTERM to each group, SIGKILL to what is left after stopTimeoutMs. */
  async stop(): Promise<void> {
    this.stopping = true;
    const handles: ChildHandle[] = [];
    for (const child of this.children) {
      if (child.pending) clearTimeout(child.pending);
      child.pending = null;
      if (child.handle) handles.push(child.handle);
      child.handle = null;
    }
    await Promise.all(handles.map((handle) => this.stopGroup(handle)));
  }

  private launch(child: Child): void {
    child.pending = null;
    const handle = child.spec.start();
    child.handle = handle;
    child.startedAt = Date.now();
    void handle.exited.then((exit) => this.exitedOnItsOwn(child, handle, exit));
  }

  private async exitedOnItsOwn(child: Child, handle: ChildHandle, exit: ExitReason): Promise<void> {
    // Asked to stop (restart or shutdown): the one asking takes care of it.
    if (child.handle !== handle || this.stopping || this.gaveUp) return;
    child.handle = null;
    const { name } = child.spec;
    const now = Date.now();
    if (now - child.startedAt >= this.policy.stableAfterMs) child.inARow = 0;
    child.inARow += 1;
    child.crashTimes = [...child.crashTimes, now].filter(
      (at) => now - at < this.policy.crashWindowMs,
    );

    // The first process may be gone while processes it started still hold
    // the port: they go before a new one starts.
    await this.stopGroup(handle);
    if (!this.active()) return;

    const crashes = child.crashTimes.length;
    if (crashes > this.policy.maxCrashes) {
      this.gaveUp = true;
      const windowSeconds = Math.round(this.policy.crashWindowMs / 1000);
      this.options.log.error(
        { process: name, code: exit.code, signal: exit.signal, crashes, windowSeconds },
        `${name} exited (${describeExit(exit)}) for the ${crashes}th time within ${windowSeconds} s; giving up`,
      );
      this.options.onGiveUp({ name, crashes, last: exit });
      return;
    }

    const delayMs = backoffDelay(this.policy, child.inARow);
    const restartInSeconds = delayMs / 1000;
    this.options.log.warn(
      { process: name, code: exit.code, signal: exit.signal, crashes, restartInSeconds },
      `${name} exited (${describeExit(exit)}); restarting in ${restartInSeconds} s`,
    );
    child.pending = setTimeout(() => {
      if (this.mayLaunch(child)) this.launch(child);
    }, delayMs);
  }

  /** Neither stopping nor given up (read fresh: it changes while a group is stopped). */
  private active(): boolean {
    return !this.stopping && !this.gaveUp;
  }

  private mayLaunch(child: Child): boolean {
    return this.active() && child.handle === null;
  }

  /**
   * Waits until no process of the group is left, killing it after
   * stopTimeoutMs. Bounded even then: a process stuck in the kernel (or a
   * zombie nobody reaps) must not hang the launcher.
   */
  private async stopGroup(handle: ChildHandle): Promise<void> {
    if (!handle.alive()) return;
    handle.signal("SIGTERM");
    const started = Date.now();
    let killed = false;
    while (handle.alive()) {
      const waited = Date.now() - started;
      if (!killed && waited >= this.policy.stopTimeoutMs) {
        handle.signal("SIGKILL");
        killed = true;
      }
      if (waited >= this.policy.stopTimeoutMs + KILL_GRACE_MS) {
        this.options.log.warn({ pid: handle.pid }, "processes survived SIGKILL; leaving them");
        return;
      }
      await sleep(100);
    }
  }
}
