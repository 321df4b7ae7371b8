/**
 * A form's text values turned into what its zod schema takes, one field at
 * a time. The schema decides what is valid; this only undoes what HTML
 * forms do to values: everything is text, an unchecked box is absent, an
 * empty optional field means "none". A required field left empty stays
 * absent, so the schema reports it as "Required".
 */
export type FieldKind = "text" | "number" | "boolean" | "datetime" | "json";

export function fieldValue(
  values: Record<string, string>,
  name: string,
  kind: FieldKind,
  optional: boolean,
): unknown {
  const raw = values[name];
  if (kind === "boolean") return raw === "true";
  if (raw === undefined || (raw.trim() === "" && kind !== "text")) {
    return optional ? null : undefined;
  }
  if (kind === "text") return optional && raw.trim() === "" ? null : raw;
  if (kind === "number") return Number(raw);
  // datetime-local inputs give local time without a zone; the Date is the moment they mean.
  if (kind === "datetime") return new Date(raw);
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    // Left as text: the schema refuses it with its own message.
    return raw;
  }
}

/** A Date as a datetime-local input shows it, in the browser's time zone. */
export function dateTimeInputValue(date: Date | null | undefined): string {
  if (!date) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A stored JSON value as a textarea shows it. */
export function jsonInputValue(value: unknown): string {
  return value === null || value === undefined ? "" : JSON.stringify(value, null, 2);
}

/** An enum value as people read it: `in_review` → "In review". */
export function enumLabel(value: string): string {
  const words = value.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
