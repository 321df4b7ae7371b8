/**
 * Nested settings as dotted paths (`passwordPolicy.minLength`), so the
 * activity trail's diff keeps only the leaves that changed rather than
 * whole sub-documents.
 */
export function flattenSettings(value: object): Record<string, unknown> {
  return Object.fromEntries(leaves(value, ""));
}

function leaves(value: object, prefix: string): [string, unknown][] {
  return (Object.entries(value) as [string, unknown][]).flatMap(([key, inner]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? leaves(inner, path)
      : [[path, inner] as [string, unknown]];
  });
}

/** The entries of a patch that carry a value (superjson can deliver explicit undefineds). */
export function definedEntries<T extends object>(patch: T | undefined): Partial<T> {
  if (!patch) return {};
  // fromEntries: every key stays an own property, whatever it is called.
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
