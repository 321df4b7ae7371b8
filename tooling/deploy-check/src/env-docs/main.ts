/**
 * `pnpm docs:env`: rewrites README's configuration table from the
 * applications' environment schemas. `--check` only says whether it is current.
 */
import { readFileSync, writeFileSync } from "node:fs";

import { envSchemas } from "./schemas";
import { readmePath, regeneratedReadme } from "./readme";
import { undescribed } from "./table";

const missing = undescribed(envSchemas);
if (missing.length > 0) {
  console.error(
    `No description for ${missing.join(", ")}: add it to the docs map next to its env shape.`,
  );
  process.exit(1);
}
const current = readFileSync(readmePath, "utf8");
const next = await regeneratedReadme(current);
if (process.argv.includes("--check")) {
  if (next !== current) {
    console.error("README.md's configuration table is out of date: run pnpm docs:env");
    process.exit(1);
  }
  console.log("README.md's configuration table matches the env schemas.");
} else if (next === current) {
  console.log("README.md's configuration table is current.");
} else {
  writeFileSync(readmePath, next);
  console.log("README.md's configuration table rewritten from the env schemas.");
}
