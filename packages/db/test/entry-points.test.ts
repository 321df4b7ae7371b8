import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

// What the product loads from this package is the runtime client and its
// scoped transactions. Provisioning, migrations and seed (`./admin`), test
// databases (`./testing`), the statement counter and the access declarations
// that migrations are written from (`./policies`) are entry points of their
// own, and the runtime entry points never reach them.

const src = fileURLToPath(new URL("../src/", import.meta.url));
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  exports: Record<string, string>;
};

const RUNTIME_ENTRIES = [".", "./env", "./system"];
const RUNTIME_PACKAGES = ["@fastnext/config", "@prisma/adapter-pg", "pg", "zod"];
const GENERATED = path.join(src, "generated");

function resolveRelative(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  const file = [base, `${base}.ts`, path.join(base, "index.ts")].find(
    (candidate) => existsSync(candidate) && candidate.endsWith(".ts"),
  );
  if (!file) throw new Error(`${specifier} imported by ${from} does not resolve`);
  return file;
}

/** The package's own files and the packages an entry point loads, following relative imports. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [path.resolve(src, "..", entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    // The generated Prisma client is Prisma's own runtime.
    if (file.startsWith(GENERATED)) continue;
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/g)) {
      const specifier = match[1] ?? "";
      if (specifier.startsWith(".")) pending.push(resolveRelative(file, specifier));
      else if (!specifier.startsWith("node:")) packages.add(specifier);
    }
  }
  return { files, packages };
}

describe("the runtime entry points", () => {
  it.each(RUNTIME_ENTRIES)(
    "%s reaches neither admin, testing, policies nor the statement counter",
    (name) => {
      const entry = manifest.exports[name];
      expect(entry, name).toBeDefined();
      const { files } = reach(entry ?? "");
      const reached = [...files].map((file) => path.relative(src, file));
      expect(reached.length).toBeGreaterThan(0);
      expect(
        reached.filter(
          (file) =>
            file.startsWith("admin/") ||
            file.startsWith("testing/") ||
            file.startsWith("policies/") ||
            file === "statement-counter.ts",
        ),
      ).toEqual([]);
    },
  );

  it.each(RUNTIME_ENTRIES)("%s loads only the runtime's own dependencies", (name) => {
    const { packages } = reach(manifest.exports[name] ?? "");
    expect([...packages].filter((specifier) => !RUNTIME_PACKAGES.includes(specifier))).toEqual([]);
  });

  it("keeps the admin, policies, testing and statement-counter entry points apart from the runtime's", () => {
    expect(Object.keys(manifest.exports).sort()).toEqual(
      [...RUNTIME_ENTRIES, "./admin", "./policies", "./statement-counter", "./testing"].sort(),
    );
    // The walk does see them when asked: admin reaches the queue's schema.
    expect(reach(manifest.exports["./admin"] ?? "").packages.has("pg-boss")).toBe(true);
  });
});
