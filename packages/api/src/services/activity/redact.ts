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
    const out: Record<string, Json> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = SECRET_FIELD.test(key) ? "[redacted]" : toJson(inner);
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
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
  const changes: Changes = { before: {}, after: {} };
  for (const key of keys) {
    const was = toJson(before?.[key]);
    const is = toJson(after?.[key]);
    if (JSON.stringify(was) === JSON.stringify(is)) continue;
    const secret = SECRET_FIELD.test(key);
    changes.before[key] = secret && was !== null ? "[redacted]" : was;
    changes.after[key] = secret && is !== null ? "[redacted]" : is;
  }
  return Object.keys(changes.after).length === 0 && Object.keys(changes.before).length === 0 ? null : changes;
}
