/**
 * `pnpm docs:api`: rewrites docs/api.md from the OpenAPI document of the
 * REST surface. `--check` only says whether it is current.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

import { apiDocsPath, apiMarkdown } from "./markdown";

const next = await apiMarkdown();
const current = existsSync(apiDocsPath) ? readFileSync(apiDocsPath, "utf8") : "";
if (process.argv.includes("--check")) {
  if (next !== current) {
    console.error("docs/api.md is out of date: run pnpm docs:api");
    process.exit(1);
  }
  console.log("docs/api.md matches the OpenAPI document.");
} else if (next === current) {
  console.log("docs/api.md is current.");
} else {
  writeFileSync(apiDocsPath, next);
  console.log("docs/api.md rewritten from the OpenAPI document.");
}
