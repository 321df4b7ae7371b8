/**
 * What `pnpm gen:resource` knows about the resource it writes: the parsed
 * command line, resolved once, then handed unchanged to every template and to
 * each part of the generator (backend files here, web pages in `../web`).
 *
 * Templates are Handlebars; their context is the `ResourceSpec` itself plus
 * these helpers (registered in `./helpers.ts`):
 *   {{zodType field}}       the zod schema of a field's input, e.g. `z.string().trim().min(1).max(200)`
 *   {{prismaType field}}    the Prisma scalar or relation type, e.g. `Decimal`, `DateTime`, `String`
 *   {{tsType field}}        the TypeScript type of the field in the view, e.g. `string`, `number | null`
 *   {{sampleValue field}}   a valid literal input for tests, e.g. `"Sample title"`, `42`
 *   {{viewValue field "row"}} how the view turns a row's value into the wire value
 *   {{camelCase s}} {{pascalCase s}} {{snakeCase s}} {{kebabCase s}}  plop's own case helpers
 *   {{#ifType field "enum" "ref"}}…{{/ifType}}  block when the field is one of the types
 *   {{eq a b}}              equality, for `{{#if (eq scope "project")}}`
 */

export type FieldType =
  | "string"
  | "text"
  | "int"
  | "decimal"
  | "boolean"
  | "datetime"
  | "date"
  | "enum"
  | "json"
  | "user"
  | "ref";

export interface FieldSpec {
  /** camelCase, the property in TypeScript and the wire. */
  name: string;
  /** snake_case, the database column (`_id` appended for `user` and `ref`). */
  column: string;
  type: FieldType;
  optional: boolean;
  /** The allowed values when `type` is "enum", in declaration order. */
  enumValues?: readonly string[];
  /** The PascalCase model name the field points at when `type` is "ref". */
  ref?: string;
}

export type ResourceScope = "project" | "owner" | "public-read";

export interface ResourceSpec {
  /** PascalCase singular, e.g. `Invoice`. */
  name: string;
  /** PascalCase plural, e.g. `Invoices`. */
  plural: string;
  /** camelCase singular, e.g. `invoice`. */
  camel: string;
  /** camelCase plural, e.g. `invoices`: the router key and the permission prefix. */
  camelPlural: string;
  /** kebab-case singular, e.g. `line-item`. */
  kebab: string;
  /** kebab-case plural, e.g. `line-items`: file and folder names. */
  kebabPlural: string;
  /** snake_case plural, e.g. `line_items`: the table. */
  table: string;
  /**
   * Who owns a row: `project` (project roles decide: viewers read, editors
   * write, owners delete), `owner` (the user who created it), `public-read`
   * (any signed-in user reads, a permission writes).
   */
  scope: ResourceScope;
  /** Emit a domain event per change, in the same transaction. */
  events: boolean;
  /** Write the web pages too (`--no-web` turns them off). */
  web: boolean;
  fields: readonly FieldSpec[];
}

/** A file the generator creates; it refuses to run when the path exists. */
export interface GeneratedFile {
  /** Repository-relative, forward slashes. */
  path: string;
  /** Path under `tooling/generators/templates`, e.g. `resource/router.ts.hbs`. */
  template: string;
}

/**
 * A change to a file that exists: the rendered template is inserted
 * immediately before the first match of `pattern` (keep an anchor comment or
 * a closing line as the pattern, so repeated generations stack in order).
 * The generator fails, writing nothing, when the file or the pattern is
 * missing.
 */
export interface FileEdit {
  /** Repository-relative, forward slashes. */
  path: string;
  pattern: RegExp | string;
  /** Path under `tooling/generators/templates`. */
  template: string;
}
