/**
 * Nested settings as dotted paths (`passwordPolicy.minLength`), so the
 * activity trail's diff keeps only the leaves that changed rather than
 * whole sub-documents.
 */
export function flattenSettings(value: object, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value) as [string, unknown][]) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (inner !== null && typeof inner === "object" && !Array.isArray(inner)) {
      Object.assign(out, flattenSettings(inner, path));
    } else {
      out[path] = inner;
    }
  }
  return out;
}

/** The entries of a patch that carry a value (superjson can deliver explicit undefineds). */
export function definedEntries<T extends object>(patch: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (!patch) return out;
  for (const key of Object.keys(patch) as (keyof T)[]) {
    if (patch[key] !== undefined) out[key] = patch[key];
  }
  return out;
}
