import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { describe, expect, it } from "vitest";
import { z } from "zod";

// Configuration is read by the apps' composition roots and handed down: no
// library may parse the environment when it is imported (a module-level
// `parseEnv(..., process.env)` would make every importer, tests and tools
// included, depend on the variables of that package). Each library entry
// point is imported in a fresh Node process whose environment every
// package's schema refuses; an import that reads it fails there.

const root = fileURLToPath(new URL("../../../", import.meta.url));
const packagesDir = path.join(root, "packages");

/** Development and test helpers that run as programs, not libraries. */
const notLibraries = new Set(["dev-stack", "test-support"]);

const ZManifestSchema = z.object({ exports: z.record(z.string(), z.string()) });

function libraryEntryPoints(): string[] {
  return readdirSync(packagesDir)
    .filter((name) => !notLibraries.has(name))
    .flatMap((name) => {
      const folder = path.join(packagesDir, name);
      const manifest = ZManifestSchema.parse(
        JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")),
      );
      // Modules only: a stylesheet export (the UI kit's CSS) runs no code.
      return Object.values(manifest.exports)
        .filter((file) => /\.(?:[cm]?[jt]s|tsx)$/.test(file))
        .map((file) => pathToFileURL(path.join(folder, file)).href);
    });
}

/** Values each package's env schema refuses (production without secrets, malformed URLs and numbers). */
const poisonedEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: "production",
  LOG_LEVEL: "not-a-level",
  LOG_FORMAT: "not-a-format",
  DATABASE_URL: "not a url",
  DATABASE_APP_URL: "not a url",
  DB_SLOW_QUERY_MS: "soon",
  OTEL_EXPORTER_OTLP_ENDPOINT: "not a url",
  REDIS_URL: "not a url",
  CORS_ORIGINS: "*",
  API_MAX_BODY_BYTES: "many",
  API_RATE_LIMIT_PER_USER: "many",
  SMTP_URL: "not a url",
  MAIL_FROM: "not an address",
};

function runModule(source: string): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "--eval", source],
    {
      cwd: path.join(root, "tooling/deploy-check"),
      env: poisonedEnv,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// Each case starts a Node process that imports every library (tens of
// seconds on a loaded two-core machine): bounded by the child's own limit.
const CHILD_LIMIT = { timeout: 90_000 };

describe("importing a library", () => {
  it("reads no environment variable", CHILD_LIMIT, () => {
    const entries = libraryEntryPoints();
    expect(entries.length).toBeGreaterThan(20);
    const source = `
      const failures = [];
      for (const entry of ${JSON.stringify(entries)}) {
        try { await import(entry); } catch (error) { failures.push(entry + ": " + (error?.message ?? error)); }
      }
      console.log(JSON.stringify({ failures }));
    `;
    const { status, output } = runModule(source);
    expect(status, output).toBe(0);
    const line = output.split("\n").find((l) => l.startsWith('{"failures"'));
    expect(JSON.parse(line ?? '{"failures":["no report"]}')).toEqual({ failures: [] });
  });

  it("would fail on that environment, had a package read it", CHILD_LIMIT, () => {
    // The control: the same environment is refused by the readers the apps
    // call at start-up, so the test above is not passing on a harmless one.
    const readers = [
      ["logger/src/env.ts", "loggerEnv"],
      ["db/src/env.ts", "dbEnv"],
      ["auth/src/env.ts", "authEnv"],
      ["rate-limit/src/env.ts", "rateLimitEnv"],
    ].map(([file, name]) => [pathToFileURL(path.join(packagesDir, file ?? "")).href, name]);
    const source = `
      const refused = [];
      for (const [entry, name] of ${JSON.stringify(readers)}) {
        const module = await import(entry);
        try { module[name](); } catch { refused.push(name); }
      }
      console.log(JSON.stringify({ refused }));
    `;
    const { output } = runModule(source);
    const line = output.split("\n").find((l) => l.startsWith('{"refused"'));
    expect(JSON.parse(line ?? '{"refused":[]}')).toEqual({
      refused: ["loggerEnv", "dbEnv", "authEnv", "rateLimitEnv"],
    });
  });
});
