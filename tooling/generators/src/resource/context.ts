import { snakeCase } from "./names";
import { type FieldSpec, type ResourceSpec } from "./spec";

/**
 * The data every template renders with: the spec itself plus names
 * derived from it once, so templates never compute them.
 */
export interface TemplateContext extends ResourceSpec {
  /** The permission and activity prefix, snake_case singular: `line_item`. */
  prefix: string;
  /** The catalogue permission that guards writes: `line_item.create` or `line_item.manage`. */
  writePermission: string;
  /** Lower-case words for messages: `line item`, `line items`. */
  label: string;
  labelPlural: string;
  /** The first required string field: names a row in lists and in the trail. */
  titleField: FieldSpec;
  /** string and text fields, searched by the list. */
  searchFields: FieldSpec[];
  /** Fields that point at another model. */
  refFields: FieldSpec[];
  /** The column a row's scope is kept in, if the scope has one. */
  scopeField: "projectId" | "ownerId" | null;
  /** `@fastnext/core/<kebab-plural>`. */
  coreEntry: string;
  /** `add_<table>`. */
  migrationName: string;
}

export function templateContext(spec: ResourceSpec): TemplateContext {
  const prefix = snakeCase(spec.name);
  const titleField = spec.fields.find((field) => field.type === "string" && !field.optional);
  if (!titleField) throw new Error("a resource needs a required string field");
  return {
    ...spec,
    prefix,
    writePermission: `${prefix}.${spec.scope === "public-read" ? "manage" : "create"}`,
    label: prefix.replaceAll("_", " "),
    labelPlural: spec.table.replaceAll("_", " "),
    titleField,
    searchFields: spec.fields.filter((field) => field.type === "string" || field.type === "text"),
    refFields: spec.fields.filter((field) => field.type === "ref"),
    scopeField: spec.scope === "project" ? "projectId" : spec.scope === "owner" ? "ownerId" : null,
    coreEntry: `@fastnext/core/${spec.kebabPlural}`,
    migrationName: `add_${spec.table}`,
  };
}
