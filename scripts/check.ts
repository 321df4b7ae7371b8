/**
 * `pnpm check` (what `npm test` runs): every check the project has, in one
 * command, ending with one line that counts what passed and failed.
 *
 *   1. lint, typecheck and the production build (Turborepo, all workspaces),
 *      and beside it the import boundaries between workspaces (`pnpm
 *      boundaries`) and the formatting (`prettier --check`)
 *   2. unit and integration tests (Vitest, against a real PostgreSQL:
 *      TEST_DATABASE_ADMIN_URL, or the embedded server when unset)
 *   3. the phone app's screen tests (Jest with jest-expo: React Native under
 *      Node), and browser tests (Playwright), when the web app has them
 *   4. the benchmark in smoke mode: a few seconds, asserting only that every
 *      request succeeded (never a speed), so the harness cannot rot
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";

interface StepResult {
  name: string;
  ok: boolean;
}

function run(name: string, command: string, args: string[]): StepResult {
  console.log(`\n=== ${name}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  return { name, ok: result.status === 0 };
}

interface BackgroundStep {
  /** Waits for the step and prints its output in one piece, under its heading. */
  finish: () => Promise<StepResult>;
}

/**
 * Starts a step beside the one in the foreground. Its output is held back
 * and printed when it is finished, so the two logs do not interleave.
 */
function runBeside(name: string, command: string, args: string[]): BackgroundStep {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  const output: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
  const exited = new Promise<boolean>((resolve) => {
    child.once("error", (error) => {
      output.push(Buffer.from(`${error.message}\n`));
      resolve(false);
    });
    child.once("close", (code) => resolve(code === 0));
  });
  return {
    finish: async () => {
      const ok = await exited;
      console.log(`\n=== ${name}: ${command} ${args.join(" ")}`);
      process.stdout.write(Buffer.concat(output));
      return { name, ok };
    },
  };
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
}

mkdirSync(".artifacts", { recursive: true });
const steps: StepResult[] = [];
// The boundaries and formatting checks read sources only and need nothing
// built: they run while Turborepo works, on the CPU time its task graph
// leaves idle (its start, and the build's single-threaded stretches).
const sourceChecks = [
  runBeside("import boundaries", "pnpm", ["boundaries"]),
  runBeside("formatting", "pnpm", ["format:check"]),
];
steps.push(
  run("static checks and build", "pnpm", [
    "turbo",
    "run",
    "lint",
    "typecheck",
    "build",
    "--continue",
  ]),
);
for (const check of sourceChecks) steps.push(await check.finish());

const vitestReport = ".artifacts/vitest.json";
steps.push(
  run("tests", "pnpm", [
    "exec",
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile=${vitestReport}`,
  ]),
);

let passed = 0;
let failed = 0;
let skipped = 0;
/** Steps whose failures are already counted test by test. */
const countedFailures = new Set<string>();
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, "utf8")) as VitestReport;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // The report, not only the exit status, decides: a library's exit hook in
  // the runner's process once turned failed runs into exit code 0.
  const testsStep = steps.at(-1);
  if (testsStep && report.numFailedTests > 0) testsStep.ok = false;
  if (report.numFailedTests > 0) countedFailures.add("tests");
}

// The phone app's screens run under Jest (jest-expo); its data layer's HTTP
// tests are in the Vitest run above. Its bundle was built and checked by
// the build step (`expo export`, apps/mobile/scripts/export.ts).
const mobileReport = ".artifacts/mobile-jest.json";
steps.push(
  run("phone app tests", "pnpm", [
    "--filter",
    "@fastnext/mobile",
    "exec",
    "jest",
    "--ci",
    "--json",
    `--outputFile=${process.cwd()}/${mobileReport}`,
  ]),
);
if (existsSync(mobileReport)) {
  const report = JSON.parse(readFileSync(mobileReport, "utf8")) as VitestReport;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  if (report.numFailedTests > 0) countedFailures.add("phone app tests");
}

const e2eReport = ".artifacts/e2e.json";
if (existsSync("apps/web/playwright.config.ts")) {
  steps.push(run("browser tests", "pnpm", ["--filter", "@fastnext/web", "test:e2e"]));
  if (existsSync(e2eReport)) {
    const report = JSON.parse(readFileSync(e2eReport, "utf8")) as {
      stats: { expected: number; unexpected: number; skipped: number; flaky: number };
    };
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    if (report.stats.unexpected > 0) countedFailures.add("browser tests");
    skipped += report.stats.skipped;
  }
}

steps.push(run("benchmark smoke run", "pnpm", ["--filter", "@fastnext/bench", "bench:smoke"]));

// A failed step that produced no failed-test count (lint, build, a crashed
// runner) still counts as a failure in the closing line.
const silentFailures = steps.filter((step) => !step.ok && !countedFailures.has(step.name)).length;
failed += silentFailures;

console.log("\n=== summary");
for (const step of steps) console.log(`${step.ok ? "ok  " : "FAIL"} ${step.name}`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(steps.every((step) => step.ok) ? 0 : 1);
