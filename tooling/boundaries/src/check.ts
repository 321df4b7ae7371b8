import { existsSync } from "node:fs";
import { join } from "node:path";

import { cruise, type ICruiseResult } from "dependency-cruiser";

import { boundaryRules } from "./rules";

/** The folders that hold workspaces; a tree may lack some of them. */
const workspaceRoots = ["apps", "packages", "tooling", "bench"];

export interface BoundaryViolation {
  /** The rule's name from `boundaryRules`. */
  rule: string;
  /** The importing file, relative to the tree's root. */
  from: string;
  /** The imported module: a file relative to the root, or a package name. */
  to: string;
}

/**
 * Reads every import under the workspace folders of `rootDir` (type-only
 * imports included, so a rule can allow exactly those) and returns the ones
 * that break a boundary rule.
 */
export async function findBoundaryViolations(rootDir: string): Promise<BoundaryViolation[]> {
  const roots = workspaceRoots.filter((folder) => existsSync(join(rootDir, folder)));
  const { output } = await cruise(roots, {
    baseDir: rootDir,
    validate: true,
    ruleSet: { forbidden: boundaryRules },
    tsPreCompilationDeps: true,
    // npm packages stay in the graph as import targets (rules name them)
    // but are not read themselves; build output and generated code are
    // not read at all.
    doNotFollow: { path: "(^|/)node_modules/" },
    exclude: { path: "(^|/)(dist|\\.next|\\.turbo|generated|coverage)/" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["types", "import", "require", "node", "default"],
      extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
    },
  });
  // The cruise returns the result object itself when no reporter is asked for.
  const result = output as ICruiseResult;
  return result.summary.violations.map((violation) => ({
    rule: violation.rule.name,
    from: violation.from,
    to: violation.to,
  }));
}
