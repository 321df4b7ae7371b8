import { readFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const workspace = resolve(packageDir, "../..");

/** Where server code lives: the server packages and server-only dependencies (in pnpm's store too). */
const SERVER_ONLY = [
  ...["api", "db", "auth"].map((name) => `${join(workspace, "packages", name)}${sep}`),
  /\/node_modules\/@fastnext\/(api|db|auth)\//,
  /\/node_modules\/@prisma\//,
  /\/node_modules\/(pg|pg-[^/]+)\//,
  /\/node_modules\/(@node-rs\/)?argon2[^/]*\//,
  /\/node_modules\/pino[^/]*\//,
];

/** The server-only paths among a metafile's inputs (which are relative to the build's working directory). */
function serverOnlyInputs(inputs: readonly string[]): string[] {
  return inputs
    .map((input) => resolve(packageDir, input))
    .filter((path) =>
      SERVER_ONLY.some((rule) =>
        typeof rule === "string" ? path.startsWith(rule) : rule.test(path),
      ),
    );
}

const MAX_BYTES = 64 * 1024;

describe("the client bundle", () => {
  it("contains no server code and stays small", async () => {
    const result = await build({
      absWorkingDir: packageDir,
      entryPoints: ["src/index.ts"],
      bundle: true,
      write: false,
      metafile: true,
      minify: true,
      format: "esm",
      platform: "browser",
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(serverOnlyInputs(inputs)).toEqual([]);
    // Sanity: the check looks at real paths (the workspace and pnpm's store).
    expect(inputs.some((path) => path.startsWith("src/"))).toBe(true);
    expect(inputs.some((path) => path.includes("node_modules/@trpc/client/"))).toBe(true);
    expect(inputs.some((path) => path.includes("node_modules/superjson/"))).toBe(true);

    const bytes = result.outputFiles.reduce((total, file) => total + file.contents.byteLength, 0);
    console.info(
      `@fastnext/client bundle: ${(bytes / 1024).toFixed(1)} KiB minified, ${inputs.length} inputs`,
    );
    expect(bytes).toBeLessThan(MAX_BYTES);
  });

  it("would notice server code (control: a bundle that pulls in @fastnext/auth)", async () => {
    const result = await build({
      absWorkingDir: packageDir,
      stdin: { contents: 'export * from "@fastnext/auth";', resolveDir: packageDir, loader: "ts" },
      bundle: true,
      write: false,
      metafile: true,
      platform: "node",
      format: "esm",
      external: ["jose", "zod", "@node-rs/argon2"],
      logLevel: "silent",
    });
    const flagged = serverOnlyInputs(Object.keys(result.metafile.inputs));
    expect(
      flagged.some((path) => path.endsWith(join("packages", "auth", "src", "access-token.ts"))),
    ).toBe(true);
  });

  it("depends on the API for types only", () => {
    const manifest = JSON.parse(
      readFileSync(new URL("../package.json", import.meta.url), "utf8"),
    ) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const runtime = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
    expect(runtime.sort()).toEqual(["@trpc/client", "@trpc/server", "superjson"]);
    expect(manifest.devDependencies).toHaveProperty("@fastnext/api");
  });
});
