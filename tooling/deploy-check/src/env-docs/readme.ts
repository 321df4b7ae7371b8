import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import * as prettier from "prettier";

import { envSchemas } from "./schemas";
import { envRows, renderEnvTable } from "./table";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
export const readmePath = path.join(repoRoot, "README.md");

export const BEGIN =
  "<!-- env-table:begin (pnpm docs:env writes this table from the env schemas) -->";
export const END = "<!-- env-table:end -->";

/** The part of README between the markers. */
export function tableSection(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`README.md lacks the markers ${BEGIN} … ${END}`);
  return readme.slice(start + BEGIN.length, end);
}

/** README with the table regenerated from the schemas, formatted as `pnpm format` would. */
export async function regeneratedReadme(
  readme = readFileSync(readmePath, "utf8"),
): Promise<string> {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`README.md lacks the markers ${BEGIN} … ${END}`);
  const table = renderEnvTable(envRows(envSchemas));
  const next = `${readme.slice(0, start + BEGIN.length)}\n\n${table}\n\n${readme.slice(end)}`;
  const options = (await prettier.resolveConfig(readmePath)) ?? {};
  return prettier.format(next, { ...options, filepath: readmePath });
}
