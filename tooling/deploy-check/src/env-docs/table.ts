import { type EnvVariableDoc } from "@fastnext/config";
import { type z } from "zod";

import { type EnvSchemaEntry } from "./schemas";

/** One row of the configuration table. */
export interface EnvRow {
  variable: string;
  readBy: string;
  default: string;
  description: string;
}

interface SchemaDef {
  type: string;
  defaultValue?: unknown;
  in?: z.ZodType;
  innerType?: z.ZodType;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** The default a field's schema gives an unset variable, as the table shows it. */
export function describeDefault(schema: z.ZodType): string {
  const def = defOf(schema);
  if (def.type === "default") {
    const value = def.defaultValue;
    if (value === "") return "none";
    return typeof value === "string" ? `\`${value}\`` : String(value);
  }
  if (def.type === "pipe" && def.in) return describeDefault(def.in);
  if (def.type === "optional") return "unset";
  return "required";
}

function docOf(entry: EnvSchemaEntry, variable: string): EnvVariableDoc | undefined {
  const doc = entry.docs[variable];
  return typeof doc === "string" ? { description: doc } : doc;
}

/** Rows in the registry's order; a variable several readers parse is one row naming them all. */
export function envRows(entries: readonly EnvSchemaEntry[]): EnvRow[] {
  const byName = new Map<string, { readers: string[]; defaults: string[]; description: string }>();
  for (const entry of entries) {
    for (const [variable, schema] of Object.entries(entry.shape)) {
      const doc = docOf(entry, variable);
      const row = byName.get(variable) ?? { readers: [], defaults: [], description: "" };
      for (const reader of entry.readBy.split(", "))
        if (!row.readers.includes(reader)) row.readers.push(reader);
      const fallback = doc?.default ?? describeDefault(schema as z.ZodType);
      row.defaults.push(`${entry.readBy}: ${fallback}`);
      row.description ||= doc?.description ?? "";
      byName.set(variable, row);
    }
  }
  return [...byName].map(([variable, row]) => {
    const distinct = new Set(row.defaults.map((d) => d.slice(d.indexOf(": ") + 2)));
    return {
      variable,
      readBy: row.readers.join(", "),
      default: distinct.size === 1 ? ([...distinct][0] ?? "") : row.defaults.join("; "),
      description: row.description,
    };
  });
}

/** Variables that have no description in any of their schemas' docs. */
export function undescribed(entries: readonly EnvSchemaEntry[]): string[] {
  return envRows(entries)
    .filter((row) => row.description === "")
    .map((row) => row.variable);
}

const cell = (text: string) => text.replaceAll("|", "\\|");

/** The table as Markdown (Prettier aligns it). */
export function renderEnvTable(rows: readonly EnvRow[]): string {
  return [
    "| variable | read by | default | description |",
    "| --- | --- | --- | --- |",
    ...rows.map(
      (row) =>
        `| \`${row.variable}\` | ${cell(row.readBy)} | ${cell(row.default)} | ${cell(row.description)} |`,
    ),
  ].join("\n");
}

/** The rows of a rendered table, read back (for comparing README with the schemas). */
export function parseEnvTable(markdown: string): EnvRow[] {
  return markdown
    .split("\n")
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) => {
      const cells = line
        .slice(1, line.lastIndexOf("|"))
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replaceAll("\\|", "|"));
      return {
        variable: (cells[0] ?? "").replaceAll("`", ""),
        readBy: cells[1] ?? "",
        default: cells[2] ?? "",
        description: cells[3] ?? "",
      };
    });
}

export interface TableDifferences {
  /** In the schemas, not in README. */
  missing: string[];
  /** In README, read by nothing any more. */
  stale: string[];
  /** In both, with another default, reader or description. */
  changed: {
    variable: string;
    field: "default" | "readBy" | "description";
    readme: string;
    schemas: string;
  }[];
}

export function compareEnvTables(
  readme: readonly EnvRow[],
  schemas: readonly EnvRow[],
): TableDifferences {
  const inReadme = new Map(readme.map((row) => [row.variable, row]));
  const inSchemas = new Map(schemas.map((row) => [row.variable, row]));
  const changed: TableDifferences["changed"] = [];
  for (const row of schemas) {
    const documented = inReadme.get(row.variable);
    if (!documented) continue;
    for (const field of ["default", "readBy", "description"] as const)
      if (documented[field] !== row[field])
        changed.push({
          variable: row.variable,
          field,
          readme: documented[field],
          schemas: row[field],
        });
  }
  return {
    missing: schemas.filter((row) => !inReadme.has(row.variable)).map((row) => row.variable),
    stale: readme.filter((row) => !inSchemas.has(row.variable)).map((row) => row.variable),
    changed,
  };
}
