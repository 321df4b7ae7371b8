import { spawn } from "node:child_process";
import { type Transform } from "node:stream";

export interface ProgramResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program (a PostgreSQL client, the Prisma CLI) with its output
 * collected; `env` is added to this process's environment, which it needs
 * for PATH, locale and PG* settings.
 */
export function runProgram(
  binary: string,
  args: readonly string[],
  env: Record<string, string>,
  options: { cwd?: string } = {},
): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      cwd: options.cwd,
      // eslint-disable-next-line no-restricted-properties -- the program inherits our environment
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export interface PipelineResult {
  code: number;
  /** Both programs' error output, the producer's first. */
  stderr: string;
}

/**
 * `producer | transform | consumer`, e.g. pg_restore writing a script that
 * psql runs. The result's code is the first non-zero exit of the two.
 */
export function runPipeline(
  producer: { binary: string; args: readonly string[] },
  transform: Transform,
  consumer: { binary: string; args: readonly string[] },
  env: Record<string, string>,
): Promise<PipelineResult> {
  // eslint-disable-next-line no-restricted-properties -- the clients need PATH, locale and PG* settings
  const childEnv = { ...process.env, ...env };
  const from = spawn(producer.binary, producer.args, {
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const to = spawn(consumer.binary, consumer.args, {
    env: childEnv,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let fromErr = "";
  let toErr = "";
  from.stderr.on("data", (chunk: Buffer) => (fromErr += chunk.toString()));
  to.stderr.on("data", (chunk: Buffer) => (toErr += chunk.toString()));
  to.stdout.resume();
  // The consumer stopping early (ON_ERROR_STOP) closes the pipe: not an error of ours.
  to.stdin.on("error", () => {});
  from.stdout.pipe(transform).pipe(to.stdin);
  // Once the consumer has exited, the rest of the producer's output is read
  // and dropped: left unread, it fills the pipe and the producer never exits.
  to.once("exit", () => {
    transform.unpipe(to.stdin);
    transform.resume();
  });
  const exit = (child: ReturnType<typeof spawn>) =>
    new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve(code ?? 1));
    });
  return Promise.all([exit(from), exit(to)]).then(([fromCode, toCode]) => ({
    code: fromCode !== 0 ? fromCode : toCode,
    stderr: [fromErr.trim(), toErr.trim()].filter(Boolean).join("\n"),
  }));
}
