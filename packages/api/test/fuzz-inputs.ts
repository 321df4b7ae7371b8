import fc from "fast-check";
import { z } from "zod";

/*
 * Malformed inputs for the router fuzz test, generated as JSON TEXT (not
 * values): only text can carry a `__proto__` key, numbers such as 1e999, or
 * nesting deeper than JSON.stringify and superjson can walk.
 */

/** A JSON document as text, plus the superjson `meta` to send with it (if any). */
export interface RawInput {
  json: string;
  meta?: string;
}

export const PROTOTYPE_KEYS = [
  "toString",
  "valueOf",
  "constructor",
  "__proto__",
  "hasOwnProperty",
  "prototype",
];

/** Text the database cannot store, text that looks like code, and sizes at and past every limit. */
const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "nul\u0000inside",
  "\uD800",
  "tail\uDBFF",
  "\uDC00head",
  "\uFFFF\uFFFE",
  "'; DROP TABLE users; --",
  "%00",
  "${process.env}",
  "<script>alert(1)</script>",
  "a".repeat(257),
  "x".repeat(5_000),
  "0000-01-01T00:00:00.000Z",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
];

/** Number tokens JSON.parse accepts that no schema should: 1e999 is Infinity, 1e-400 is 0. */
const HOSTILE_NUMBERS = [
  "1e999",
  "-1e999",
  "1e-400",
  "-0",
  "9007199254740993",
  "0.1",
  "-1",
  "2147483648",
  "1e21",
];

/** Cursors: unsigned positions (as the old format was), junk, and positions with dates PostgreSQL refuses. */
function unsigned(position: object): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}
const HOSTILE_CURSORS = [
  unsigned({ at: "0000-01-01T00:00:00.000Z", id: "00000000-0000-4000-8000-000000000000" }),
  unsigned({ at: "+275760-09-13T00:00:00.000Z", id: "00000000-0000-4000-8000-000000000000" }),
  unsigned({
    s: "createdAt",
    k: "0000-01-01T00:00:00.000Z",
    id: "00000000-0000-4000-8000-000000000000",
  }),
  `${unsigned({ at: "2024-01-01T00:00:00.000Z", id: "00000000-0000-4000-8000-000000000000" })}.AAAA`,
  "a.b.c",
  ".",
  "!!!",
];

const quote = (text: string) => JSON.stringify(text);

/** Any UTF-16 unit, so NUL and lone surrogates turn up on their own. */
const anyUnitString = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 30,
});

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  anyUnitString,
  fc.constantFrom(...HOSTILE_CURSORS),
);

const scalarText = fc.oneof(
  hostileString.map(quote),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom("null", "true", "false", "0", "1", "25", "101"),
  fc.uuid().map(quote),
);

/** Arrays and objects nested `depth` deep, written directly as text. */
export function nested(depth: number, kind: "array" | "object"): string {
  return kind === "array"
    ? `${"[".repeat(depth)}${"]".repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

const object = (entries: [string, string][]) =>
  `{${entries.map(([key, value]) => `${quote(key)}:${value}`).join(",")}}`;

/** Small random documents: any key (prototype names included), any scalar, a few levels. */
const { tree } = fc.letrec<{ tree: string }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalarText,
    fc.array(tie("tree"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`),
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), anyUnitString), tie("tree")), {
        maxLength: 4,
      })
      .map(object),
  ),
}));

/** A procedure's input schema as JSON Schema (input side), or null when zod cannot describe it. */
export function jsonSchemaOf(schema: unknown): JsonSchema | null {
  if (!(schema instanceof z.ZodType)) return null;
  try {
    return z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }) as JsonSchema;
  } catch {
    return null;
  }
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
}

/** The property names a schema knows, at any depth. */
export function keysOf(schema: JsonSchema | null): string[] {
  const keys = new Set<string>();
  const pending: unknown[] = [schema];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== "object") continue;
    const properties = (node as JsonSchema).properties;
    if (properties) for (const key of Object.keys(properties)) keys.add(key);
    pending.push(...(Object.values(node) as unknown[]));
  }
  return [...keys];
}

let emails = 0;

/**
 * A value that fits `schema`, except that any string in it may be hostile:
 * so malformed text reaches the checks past the first (type) one, and the
 * database too when a schema misses it.
 */
function plausible(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<string> {
  if (!schema || depth > 5) return scalarText;
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices && choices.length > 0)
    return fc.oneof(...choices.map((choice) => plausible(choice, depth + 1)));
  if (schema.const !== undefined) return fc.constant(JSON.stringify(schema.const));
  if (schema.enum) return fc.constantFrom(...schema.enum.map((value) => JSON.stringify(value)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object": {
      const properties = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      return fc
        .tuple(
          ...properties.map(([key, inner]) =>
            fc.tuple(fc.constant(key), plausible(inner, depth + 1), fc.boolean()),
          ),
        )
        .map((entries) =>
          object(
            entries
              .filter(([key, , keep]) => keep || required.has(key))
              .map(([key, value]) => [key, value]),
          ),
        );
    }
    case "array":
      return fc
        .array(plausible(schema.items, depth + 1), { maxLength: 2 })
        .map((items) => `[${items.join(",")}]`);
    case "integer":
    case "number":
      return fc.oneof(
        fc.constant(String(schema.minimum ?? 1)),
        fc.constantFrom(...HOSTILE_NUMBERS),
      );
    case "boolean":
      return fc.constantFrom("true", "false");
    case "null":
      return fc.constant("null");
    case "string": {
      const fitting =
        schema.format === "uuid"
          ? fc.uuid()
          : schema.format === "email"
            ? fc.constant(null).map(() => `fuzz${(emails += 1)}-${Date.now()}@example.com`)
            : fc.constantFrom("Fuzzed text", "fuzzed_key", "correct horse battery staple");
      return fc
        .oneof({ weight: 2, arbitrary: fitting }, { weight: 1, arbitrary: hostileString })
        .map(quote);
    }
    default:
      return tree;
  }
}

/** superjson annotations that name unknown, unsafe or absurd transformations. */
const hostileMeta = fc.oneof(
  fc.constantFrom(
    '{"values":["Date"]}',
    '{"values":["custom","nope"]}',
    '{"values":["class","Object"]}',
    '{"values":["symbol","x"]}',
    '{"values":{"__proto__":["Date"]}}',
    '{"values":{"constructor":["map"]}}',
    '{"referentialEqualities":{"":["a"]}}',
    `{"values":${nested(5_000, "array")}}`,
  ),
  fc
    .tuple(
      fc.constantFrom("from", "to", "cursor", "id", "data"),
      fc.constantFrom("Date", "bigint", "set", "map", "undefined", "regexp"),
    )
    .map(([key, type]) => `{"values":{${quote(key)}:[${quote(type)}]}}`),
);

/**
 * Every kind of malformed input for a procedure whose input is `schema`:
 * inputs that fit it but for hostile strings anywhere in them; random
 * documents; its own keys with hostile values (strings, numbers, cursors,
 * dates, deep nests); prototype-named keys; very deep nesting; hostile
 * superjson meta. `maxDepth` keeps a GET's URL within what servers read.
 */
export function malformedInput(
  schema: JsonSchema | null,
  maxDepth: number,
): fc.Arbitrary<RawInput> {
  const keys = keysOf(schema);
  const key = fc.oneof(
    fc.constantFrom(...(keys.length > 0 ? keys : ["id"])),
    fc.constantFrom(...PROTOTYPE_KEYS),
  );
  const deep = fc
    .tuple(
      fc.integer({ min: 40, max: maxDepth }),
      fc.constantFrom("array" as const, "object" as const),
    )
    .map(([depth, kind]) => nested(depth, kind));
  const value = fc.oneof(tree, scalarText, deep);
  const dates = fc
    .tuple(
      fc.constantFrom("from", "to"),
      fc.constantFrom(...HOSTILE_STRINGS.slice(14, 17), "garbage"),
    )
    .map(([field, at]): RawInput => ({
      json: object([[field, quote(at)]]),
      meta: `{"values":{${quote(field)}:["Date"]}}`,
    }));
  return fc.oneof(
    { weight: 3, arbitrary: plausible(schema ?? undefined).map((json): RawInput => ({ json })) },
    tree.map((json): RawInput => ({ json })),
    fc
      .array(fc.tuple(key, value), { minLength: 1, maxLength: 6 })
      .map((entries): RawInput => ({ json: object(entries) })),
    deep.map((json): RawInput => ({ json })),
    dates,
    fc
      .tuple(fc.option(tree, { nil: undefined }), hostileMeta)
      .map(([json, meta]): RawInput => ({ json: json ?? "{}", meta })),
  );
}
