/** Words that make a field secret wherever they appear in its (dotted) name. */
const SECRET_WORD = /secret|token|hash|backup.?code|otp|totp|pending/i;

/**
 * Field names whose values never enter the trail. A password is the field
 * whose name ends in "password" (password, newPassword); settings ABOUT
 * passwords (`passwordPolicy.minLength`, `passwordChangedAt`) are not secret.
 */
const SECRET_FIELD = {
  test(key: string): boolean {
    const parts = key.split(".");
    return parts.some((part) => SECRET_WORD.test(part)) || /password$/i.test(parts.at(-1) ?? key);
  },
};

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function toJson(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === "object") {
    // fromEntries: a key such as "__proto__" stays a key, not the object's prototype.
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_FIELD.test(key) ? "[redacted]" : toJson(inner),
      ]),
    );
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  return null;
}

export interface Changes {
  before: Record<string, Json>;
  after: Record<string, Json>;
}

/**
 * The fields that differ between two versions of a record, each side
 * redacted. A secret field that changed shows as changed, never its value.
 */
export function diffRecords(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Changes | null {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const beforeEntries: [string, Json][] = [];
  const afterEntries: [string, Json][] = [];
  for (const key of keys) {
    const prior = toJson(before?.[key]);
    const next = toJson(after?.[key]);
    if (JSON.stringify(prior) === JSON.stringify(next)) continue;
    const secret = SECRET_FIELD.test(key);
    beforeEntries.push([key, secret && prior !== null ? "[redacted]" : prior]);
    afterEntries.push([key, secret && next !== null ? "[redacted]" : next]);
  }
  // fromEntries: keys stay own properties whatever they are called.
  return beforeEntries.length === 0
    ? null
    : { before: Object.fromEntries(beforeEntries), after: Object.fromEntries(afterEntries) };
}
