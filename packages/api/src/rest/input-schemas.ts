import { type OpenApiRouter } from "trpc-to-openapi";

/** The parts of a zod 4 schema's definition read here (zod's own types name them per kind). */
interface SchemaDef {
  type: string;
  coerce?: boolean;
  innerType?: Schema;
  element?: Schema;
  in?: Schema;
  out?: Schema;
  left?: Schema;
  right?: Schema;
  options?: readonly Schema[];
  shape?: Record<string, Schema>;
  valueType?: Schema;
}

interface Schema {
  _zod: { def: SchemaDef };
}

function isSchema(value: unknown): value is Schema {
  const zod = (value as { _zod?: { def?: { type?: unknown } } } | null)?._zod;
  return typeof zod?.def?.type === "string";
}

const COERCIBLE = new Set(["number", "boolean", "bigint", "date"]);

/** Definitions already pinned (schemas are shared between routers and handlers). */
const pinned = new WeakSet<SchemaDef>();

/** The schemas a schema is made of, one level down. */
function parts(def: SchemaDef): Schema[] {
  const found = [
    def.innerType,
    def.element,
    def.in,
    def.out,
    def.left,
    def.right,
    def.valueType,
    ...(def.options ?? []),
    ...Object.values(def.shape ?? {}),
  ];
  return found.filter(isSchema);
}

/**
 * trpc-to-openapi turns on zod's coercion of query strings by setting
 * `coerce` on the input schemas themselves, which the tRPC transport shares:
 * afterwards `"false"` would pass a tRPC boolean field as `true`, and `"7"` a
 * number field. Every coercible schema reachable from a procedure's input
 * keeps the coercion it was declared with; the REST handler converts query
 * strings by the declared types itself (`typedQuery`), before validation.
 */
export function keepDeclaredCoercion(router: OpenApiRouter): void {
  const visit = (schema: Schema) => {
    const def = schema._zod.def;
    if (pinned.has(def)) return;
    pinned.add(def);
    if (COERCIBLE.has(def.type)) {
      const declared = def.coerce ?? false;
      Object.defineProperty(def, "coerce", {
        get: () => declared,
        // The library's assignment is a no-op; the declared value stays.
        set: () => undefined,
        enumerable: true,
        configurable: false,
      });
    }
    for (const part of parts(def)) visit(part);
  };
  const procedures = router._def.procedures as Record<string, { _def: { inputs: unknown[] } }>;
  for (const procedure of Object.values(procedures)) {
    for (const input of procedure._def.inputs) if (isSchema(input)) visit(input);
  }
}

/** The base kind of a field, through optional, nullable, default and pipe wrappers. */
function baseOf(schema: Schema): Schema {
  const def = schema._zod.def;
  if (
    def.innerType &&
    ["optional", "nullable", "default", "prefault", "catch", "readonly"].includes(def.type)
  )
    return baseOf(def.innerType);
  if (def.type === "pipe" && def.in) return baseOf(def.in);
  return schema;
}

function typedValue(schema: Schema, text: string): unknown {
  const kind = baseOf(schema)._zod.def.type;
  if (kind === "number" && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (kind === "boolean" && (text === "true" || text === "false")) return text === "true";
  if (kind === "date") {
    const date = new Date(text);
    if (/^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(date.getTime())) return date;
  }
  if (kind === "null" && text === "null") return null;
  // Anything else stays the string it was: the procedure's schema then
  // refuses it with a field error, as it would any wrong value.
  return text;
}

/**
 * A query string's values, typed by the fields of the procedure's input
 * (`?archived=false&limit=10` -> `{ archived: false, limit: 10 }`); repeated
 * names are arrays for array fields. Each value is wrapped in a one-element
 * array, the form trpc-to-openapi unwraps (it drops a bare `false` or `0`).
 */
export function typedQuery(inputs: readonly unknown[], search: URLSearchParams) {
  const fields: Record<string, Schema> = {};
  for (const input of inputs) {
    if (!isSchema(input)) continue;
    Object.assign(fields, baseOf(input)._zod.def.shape ?? {});
  }
  const query: Record<string, unknown[]> = {};
  for (const name of new Set(search.keys())) {
    const values = search.getAll(name);
    const field = fields[name];
    if (!field) {
      query[name] = [values.length === 1 ? values[0] : values];
      continue;
    }
    const base = baseOf(field)._zod.def;
    if (base.type === "array" && base.element) {
      const element = base.element;
      query[name] = [values.map((value) => typedValue(element, value))];
    } else {
      query[name] = [values.length === 1 ? typedValue(field, values[0] ?? "") : values];
    }
  }
  return query;
}
