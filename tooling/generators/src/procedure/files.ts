import { PERMISSIONS_FILE } from "../repository";
import type { FileEdit, GeneratedFile } from "../resource/spec";
import type { ProcedureSpec } from "./spec";

/** The files `gen:procedure` creates: the procedure, its service and test, and the schema homes it starts. */
export function procedureFiles(spec: ProcedureSpec): GeneratedFile[] {
  const files: GeneratedFile[] = [
    { path: `${spec.routerDir}/${spec.kebab}.ts`, template: "procedure/procedure.ts.hbs" },
    { path: `${spec.coreDir}/${spec.kebab}.ts`, template: "procedure/service.ts.hbs" },
    { path: spec.testFile, template: "procedure/test.ts.hbs" },
  ];
  if (!spec.inputFile.exists)
    files.push({ path: spec.inputFile.path, template: "procedure/input.ts.hbs" });
  if (!spec.viewFile.exists)
    files.push({ path: spec.viewFile.path, template: "procedure/view.ts.hbs" });
  if (spec.newPermission) {
    files.push({
      path: `${spec.migrationDir}/migration.sql`,
      template: "procedure/migration.sql.hbs",
    });
  }
  return files;
}

/** Where it is registered and what it appends to: the router, the domain's index, the schema homes, the catalogue. */
export function procedureEdits(spec: ProcedureSpec): FileEdit[] {
  const routerIndex = `${spec.routerDir}/index.ts`;
  const edits: FileEdit[] = [
    {
      path: routerIndex,
      pattern: /\nexport const \w+ = router\(/,
      template: "procedure/router-import.ts.hbs",
    },
    { path: routerIndex, pattern: /,?\s*\}\);\s*$/, template: "procedure/router-entry.ts.hbs" },
    {
      path: `packages/core/src/${spec.domain}/index.ts`,
      pattern: /$/,
      template: "procedure/core-exports.ts.hbs",
    },
  ];
  if (spec.inputFile.exists) {
    edits.push({ path: spec.inputFile.path, pattern: /$/, template: "procedure/input.ts.hbs" });
  }
  if (spec.viewFile.exists) {
    edits.push({ path: spec.viewFile.path, pattern: /$/, template: "procedure/view.ts.hbs" });
  }
  if (spec.newPermission) {
    edits.push({
      path: PERMISSIONS_FILE,
      pattern: "} as const satisfies Record<string, { category: string; description: string }>;",
      template: "procedure/permission.ts.hbs",
    });
  }
  return edits;
}
