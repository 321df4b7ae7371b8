import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/** A free TCP port on loopback, for a server whose URL must be known before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface ChildUnderTest {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
  /** Its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit. */
  stop: () => Promise<void>;
}

export interface EntryPointOptions {
  cwd: string;
  /** The child's whole environment: nothing is inherited unless passed here. */
  env: NodeJS.ProcessEnv;
  /** Node flags before the script (e.g. --cpu-prof). */
  nodeArgs?: readonly string[];
}

/**
 * Runs a TypeScript entry point (a server, the worker) as production does,
 * through tsx, with its output collected. tsx runs as a loader in ONE
 * process — the tsx command would run the script in a child of its own,
 * which a SIGKILL of the command leaves running — and the child is killed
 * when this process exits, so a test run never leaves servers behind.
 */
export function spawnEntryPoint(script: string, options: EntryPointOptions): ChildUnderTest {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", script], {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      process.removeListener("exit", killOnExit);
      resolve(code);
    }),
  );
  return {
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * Resolves once `text` appears in the child's output; rejects, with the
 * output so far, when it exits first or `timeoutMs` passes. Usable where
 * `expect.poll` is not (in `beforeAll`).
 */
export function waitForOutput(
  process: ChildUnderTest,
  text: string,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!process.output().includes(text)) return;
      done();
      resolve();
    };
    const fail = (why: string) => {
      done();
      reject(new Error(`${why} before printing ${text}; its output:\n${process.output()}`));
    };
    const onExit = () => fail("the process exited");
    const timer = setTimeout(() => fail(`${timeoutMs} ms passed`), timeoutMs);
    const done = () => {
      clearTimeout(timer);
      process.child.stdout?.off("data", check);
      process.child.stderr?.off("data", check);
      process.child.off("exit", onExit);
    };
    process.child.stdout?.on("data", check);
    process.child.stderr?.on("data", check);
    process.child.once("exit", onExit);
    check();
  });
}
