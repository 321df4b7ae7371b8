/**
 * `pnpm boundaries`: fails when an import crosses a layer the rules in
 * `rules.ts` keep apart, printing each one with the rule it breaks.
 */
import { fileURLToPath } from "node:url";

import { findBoundaryViolations } from "./check";
import { boundaryRules } from "./rules";

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));
const violations = await findBoundaryViolations(repositoryRoot);

for (const violation of violations) {
  const rule = boundaryRules.find((candidate) => candidate.name === violation.rule);
  console.error(`${violation.rule}: ${violation.from} → ${violation.to}`);
  if (rule?.comment) console.error(`  ${rule.comment}`);
}
console.log(
  violations.length === 0
    ? `Import boundaries: ${boundaryRules.length} rules kept.`
    : `Import boundaries: ${violations.length} import(s) break a rule.`,
);
process.exit(violations.length === 0 ? 0 : 1);
