/*
 * Edits of prisma/schema.prisma as text, laid out the way `prisma format`
 * lays it out (so a later format changes nothing), without running the CLI.
 */

const FIELD_LINE = /^ {2}(\w+)\s+(\S+)(.*)$/;

function isField(line: string): boolean {
  const trimmed = line.trimStart();
  return FIELD_LINE.test(line) && !trimmed.startsWith("@@") && !trimmed.startsWith("//");
}

/** Aligns names, types and attributes in columns, per run of field lines, as `prisma format` does. */
export function alignModel(block: string): string {
  const lines = block.split("\n");
  let runStart = 0;
  while (runStart < lines.length) {
    if (!isField(lines[runStart] ?? "")) {
      runStart += 1;
      continue;
    }
    let runEnd = runStart;
    while (runEnd < lines.length && isField(lines[runEnd] ?? "")) runEnd += 1;
    const run = lines.slice(runStart, runEnd).map((line) => FIELD_LINE.exec(line));
    const nameWidth = Math.max(...run.map((match) => match?.[1]?.length ?? 0));
    const typeWidth = Math.max(...run.map((match) => match?.[2]?.length ?? 0));
    run.forEach((match, offset) => {
      const [, name = "", type = "", rest = ""] = match ?? [];
      const attributes = rest.trim();
      lines[runStart + offset] = attributes
        ? `  ${name.padEnd(nameWidth)} ${type.padEnd(typeWidth)} ${attributes}`
        : `  ${name.padEnd(nameWidth)} ${type}`;
    });
    runStart = runEnd;
  }
  return lines.join("\n");
}

/** The text of `model <name> { ... }`, with its offsets, or null. */
function findModel(schema: string, model: string): { start: number; end: number } | null {
  const start = schema.search(new RegExp(`^model ${model} \\{$`, "m"));
  if (start < 0) return null;
  const end = schema.indexOf("\n}", start);
  return end < 0 ? null : { start, end: end + 2 };
}

/**
 * Adds a list field (`invoices Invoice[]`) to an existing model, the back
 * side of a new relation: after its last field, before its `@@` lines.
 */
export function addBackRelation(schema: string, model: string, line: string): string {
  const found = findModel(schema, model);
  if (!found) throw new Error(`prisma/schema.prisma has no model ${model}`);
  const block = schema.slice(found.start, found.end);
  const lines = block.split("\n");
  const firstAttribute = lines.findIndex((text) => text.trimStart().startsWith("@@"));
  const closing = lines.length - 1;
  let at = firstAttribute >= 0 ? firstAttribute : closing;
  while (at > 1 && lines[at - 1]?.trim() === "") at -= 1;
  lines.splice(at, 0, `  ${line}`);
  return schema.slice(0, found.start) + alignModel(lines.join("\n")) + schema.slice(found.end);
}

/** Appends the rendered enums and model (aligned) to the end of the schema. */
export function appendModel(schema: string, rendered: string): string {
  const blocks = rendered
    .trim()
    .split(/\n(?=enum |model )/)
    // Conditional parts of the template leave blank lines behind: one at most, none before "}".
    .map((block) =>
      block
        .trim()
        .replace(/\n{3,}/g, "\n\n")
        .replace(/\n\n\}$/, "\n}"),
    )
    .map((block) => (block.startsWith("model ") ? alignModel(block) : block));
  return `${schema.trimEnd()}\n\n${blocks.join("\n\n")}\n`;
}
