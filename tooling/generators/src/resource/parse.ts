import { z } from "zod";

import { GeneratorError } from "../errors";
import { type RepositoryNames } from "../repository";
import { camelCase, isSingular, kebabCase, pluralPascal, snakeCase } from "./names";
import { GENERATED_FIELDS, RESERVED_WORDS } from "./reserved";
import { type FieldSpec, type FieldType, type ResourceSpec } from "./spec";

/** What the command line (or the prompts) gave, before any checking. */
export interface ResourceOptions {
  name: string;
  fields: string;
  scope: string;
  events: boolean;
  web: boolean;
}

const SCALAR_TYPES = [
  "string",
  "text",
  "int",
  "decimal",
  "boolean",
  "datetime",
  "date",
  "json",
  "user",
] as const satisfies readonly FieldType[];

const PASCAL = /^[A-Z][a-zA-Z0-9]*$/;
const CAMEL = /^[a-z][a-zA-Z0-9]*$/;
const ENUM_VALUE = /^[a-z][a-z0-9_]*$/;

const isReserved = (name: string) => RESERVED_WORDS.has(name.toLowerCase());

const ZResourceNameSchema = z
  .string()
  .regex(PASCAL, "Must be PascalCase, e.g. Invoice or LineItem")
  .max(48, "At most 48 characters")
  .refine((name) => isSingular(name), "Must be singular (the plural is derived)")
  .refine((name) => !isReserved(name), "Is a reserved word");

const ZScopeSchema = z.enum(["project", "owner", "public-read"], {
  error: "Must be project, owner or public-read",
});

/**
 * One `name:type[?]` entry. `user` and `ref` fields hold an id, so their
 * name gets an `Id` suffix (`approver:user` is `approverId`); the column
 * is the snake_case of the name.
 */
function parseField(entry: string, models: ReadonlySet<string>): FieldSpec {
  const match = /^([^:]+):(.+?)(\?)?$/.exec(entry.trim());
  if (!match?.[1] || !match[2])
    throw new Error(`"${entry.trim()}" is not name:type (add ? for an optional field)`);
  const rawName = match[1].trim();
  const rawType = match[2].trim();
  const optional = match[3] === "?";
  if (!CAMEL.test(rawName)) throw new Error(`"${rawName}" must be camelCase, e.g. dueOn`);

  const enumMatch = /^enum\((.*)\)$/.exec(rawType);
  const refMatch = /^ref\((.*)\)$/.exec(rawType);
  let type: FieldType;
  let enumValues: string[] | undefined;
  let ref: string | undefined;
  if (enumMatch) {
    type = "enum";
    enumValues = (enumMatch[1] ?? "").split("|").map((value) => value.trim());
    if (enumValues.length < 2) throw new Error(`${rawName}: an enum needs at least two values`);
    const bad = enumValues.find((value) => !ENUM_VALUE.test(value) || value.length > 48);
    if (bad !== undefined)
      throw new Error(`${rawName}: enum value "${bad}" must be snake_case, e.g. in_review`);
    if (new Set(enumValues).size !== enumValues.length)
      throw new Error(`${rawName}: enum values repeat`);
  } else if (refMatch || PASCAL.test(rawType)) {
    type = "ref";
    ref = (refMatch?.[1] ?? rawType).trim();
    if (!models.has(ref))
      throw new Error(`${rawName}: no model named "${ref}" in prisma/schema.prisma`);
  } else if ((SCALAR_TYPES as readonly string[]).includes(rawType)) {
    type = rawType as FieldType;
  } else {
    throw new Error(
      `${rawName}: unknown type "${rawType}" (one of ${SCALAR_TYPES.join(", ")}, enum(a|b), ref(Model) or a model name)`,
    );
  }

  const name =
    (type === "user" || type === "ref") && !rawName.endsWith("Id") ? `${rawName}Id` : rawName;
  if (isReserved(rawName) || isReserved(name)) throw new Error(`${rawName}: is a reserved word`);
  if (GENERATED_FIELDS.has(name) || GENERATED_FIELDS.has(rawName))
    throw new Error(`${rawName}: every resource has this field already`);
  return {
    name,
    column: snakeCase(name),
    type,
    optional,
    ...(enumValues ? { enumValues } : {}),
    ...(ref ? { ref } : {}),
  };
}

function parseFields(list: string, models: ReadonlySet<string>): FieldSpec[] {
  const entries = list
    .split(/,(?![^()]*\))/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error("Give at least one field, e.g. title:string");
  const fields: FieldSpec[] = [];
  const problems: string[] = [];
  for (const entry of entries) {
    try {
      fields.push(parseField(entry, models));
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(field.name)) problems.push(`${field.name}: appears twice`);
    seen.add(field.name);
  }
  const refs = fields.filter((field) => field.type === "ref");
  for (const field of refs) {
    // The generated tests cannot make a row of an arbitrary model to point at.
    if (!field.optional)
      problems.push(
        `${field.name}: a reference is optional (${field.ref ?? ""}?); require it by hand`,
      );
  }
  if (new Set(refs.map((field) => field.ref)).size !== refs.length)
    problems.push("Two references to the same model need named relations: add the second by hand");
  if (!fields.some((field) => field.type === "string" && !field.optional))
    problems.push("Give at least one required string field: it names a row in lists and the trail");
  if (problems.length > 0) throw new Error(problems.join("; "));
  return fields;
}

/**
 * Checks the options against the rules and against what the repository
 * already has, and resolves every name the templates use. Throws one
 * `GeneratorError` listing every problem; nothing has been written then.
 */
export function resolveResourceSpec(
  options: ResourceOptions,
  repository: RepositoryNames,
): ResourceSpec {
  const issues: Record<string, string> = {};
  const name = ZResourceNameSchema.safeParse(options.name);
  if (!name.success) issues.name = name.error.issues.map((issue) => issue.message).join("; ");
  const scope = ZScopeSchema.safeParse(options.scope);
  if (!scope.success) issues.scope = scope.error.issues.map((issue) => issue.message).join("; ");

  let fields: FieldSpec[] = [];
  try {
    fields = parseFields(options.fields, repository.models);
  } catch (error) {
    issues.fields = (error as Error).message;
  }

  if (name.success) {
    const plural = pluralPascal(name.data);
    const camelPlural = camelCase(plural);
    const table = snakeCase(plural);
    const clashes = [
      repository.models.has(name.data) && `a model named ${name.data} exists`,
      repository.models.has(plural) && `a model named ${plural} exists`,
      repository.tables.has(table) && `a table named ${table} exists`,
      repository.routers.has(camelPlural) && `the root router has "${camelPlural}"`,
      repository.permissionPrefixes.has(snakeCase(name.data)) &&
        `permissions "${snakeCase(name.data)}.*" exist`,
    ].filter((clash): clash is string => typeof clash === "string");
    if (clashes.length > 0) issues.name = clashes.join("; ");
  }

  if (!name.success || !scope.success || Object.keys(issues).length > 0)
    throw new GeneratorError("The resource cannot be generated", issues);

  const plural = pluralPascal(name.data);
  return {
    name: name.data,
    plural,
    camel: camelCase(name.data),
    camelPlural: camelCase(plural),
    kebab: kebabCase(name.data),
    kebabPlural: kebabCase(plural),
    table: snakeCase(plural),
    scope: scope.data,
    events: options.events,
    web: options.web,
    fields,
  };
}
