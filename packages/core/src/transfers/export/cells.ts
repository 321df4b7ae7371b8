import { neutraliseFormula } from "./formula";

/** A value of a flat (CSV, XLSX) row. */
export type ExportCell = string | number | boolean | Date | null;

/** A value of a nested (NDJSON, JSON) record: what JSON can hold, dates as ISO text. */
export type ExportJson =
  string | number | boolean | null | ExportJson[] | { [key: string]: ExportJson };

/**
 * Any value as one cell: scalars stay what they are (text neutralised),
 * dates stay dates, objects and lists become their JSON text.
 */
export function toCell(value: unknown): ExportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return neutraliseFormula(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "bigint") return value.toString();
  return neutraliseFormula(JSON.stringify(value));
}

/** A database value as JSON: dates as ISO text, everything else as it is. */
export function toJson(value: unknown): ExportJson {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item)]));
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  return null;
}
