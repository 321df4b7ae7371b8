import Handlebars from "handlebars";
import { type NodePlopAPI } from "node-plop";

import { pascalCase, snakeCase } from "./names";
import { type FieldSpec, type FieldType } from "./spec";

/*
 * The Handlebars helpers of the resource templates (listed in spec.ts).
 * Each maps a field to one piece of code; what a type means is decided
 * here and nowhere else.
 */

const INT_RANGE = ".min(-2_147_483_648).max(2_147_483_647)";

/** The name of the zod enum of an enum field: `ZInvoiceStatusSchema`. */
export function enumSchemaName(resource: string, field: FieldSpec): string {
  return `Z${resource}${pascalCase(field.name)}Schema`;
}

/** The constant listing an enum field's values: `INVOICE_STATUSES`. */
export function enumValuesName(resource: string, field: FieldSpec): string {
  return `${snakeCase(resource).toUpperCase()}_${snakeCase(field.name).toUpperCase()}_VALUES`;
}

/** The Prisma enum of an enum field: `InvoiceStatus`. */
export function prismaEnumName(resource: string, field: FieldSpec): string {
  return `${resource}${pascalCase(field.name)}`;
}

/** The input schema of a field, without optionality (the templates add `.nullable()`). */
export function zodInput(resource: string, field: FieldSpec): string {
  const required = !field.optional;
  switch (field.type) {
    case "string":
      return `ZTextSchema.trim()${required ? '.min(1, "Required")' : ""}.max(200)`;
    case "text":
      return `ZTextSchema.trim()${required ? '.min(1, "Required")' : ""}.max(10_000)`;
    case "int":
      return `z.number().int()${INT_RANGE}`;
    case "decimal":
      return "ZDecimalInputSchema";
    case "boolean":
      return "z.boolean()";
    case "datetime":
      return "ZDateSchema";
    case "date":
      return 'z.iso.date({ error: "Enter a date as YYYY-MM-DD" })';
    case "enum":
      return enumSchemaName(resource, field);
    case "json":
      return "ZJsonDocumentSchema";
    case "user":
    case "ref":
      return "z.uuid()";
  }
}

/** The view (output) schema of a field. */
export function zodView(resource: string, field: FieldSpec): string {
  const base: Record<FieldType, string> = {
    string: "z.string()",
    text: "z.string()",
    int: "z.number().int()",
    decimal: "z.string()",
    boolean: "z.boolean()",
    datetime: "z.date()",
    date: "z.iso.date()",
    enum: enumSchemaName(resource, field),
    json: "z.json()",
    user: "z.uuid()",
    ref: "z.uuid()",
  };
  return `${base[field.type]}${field.optional ? ".nullable()" : ""}`;
}

/** The Prisma type and attributes of the field's column. */
export function prismaColumn(resource: string, field: FieldSpec): string {
  const q = field.optional ? "?" : "";
  const map = field.column === field.name ? "" : ` @map("${field.column}")`;
  const type: Record<FieldType, string> = {
    string: `String${q}`,
    text: `String${q}`,
    int: `Int${q}`,
    decimal: `Decimal${q}`,
    boolean: `Boolean${q}`,
    datetime: `DateTime${q}`,
    date: `DateTime${q}`,
    enum: `${prismaEnumName(resource, field)}${q}`,
    json: `Json${q}`,
    user: `String${q}`,
    ref: `String${q}`,
  };
  const db: Partial<Record<FieldType, string>> = {
    decimal: " @db.Decimal(18, 2)",
    datetime: " @db.Timestamptz(3)",
    date: " @db.Date",
    user: " @db.Uuid",
    ref: " @db.Uuid",
  };
  return `${field.name} ${type[field.type]}${map}${db[field.type] ?? ""}`;
}

/** The relation field of a `ref` field: `customer Customer? @relation(...)`. */
export function prismaRelation(field: FieldSpec): string {
  const relation = field.name.replace(/Id$/, "");
  const onDelete = field.optional ? "SetNull" : "Restrict";
  return `${relation} ${field.ref ?? ""}${field.optional ? "?" : ""} @relation(fields: [${field.name}], references: [id], onDelete: ${onDelete})`;
}

/** How a selected row's value becomes the view's (`row` is the record). */
export function viewValue(field: FieldSpec): string {
  const value = `row.${field.name}`;
  const nullable = field.optional ? "?" : "";
  const orNull = field.optional ? " ?? null" : "";
  switch (field.type) {
    case "decimal":
      // Two places always, as the column keeps them ("1234.50", not "1234.5").
      return `${value}${nullable}.toFixed(2)${orNull}`;
    case "date":
      return `${value}${nullable}.toISOString().slice(0, 10)${orNull}`;
    case "json":
      // Prisma types JSON loosely; the view holds exactly what z.json() accepts.
      return field.optional
        ? `${value} === null ? null : z.json().parse(${value})`
        : `z.json().parse(${value})`;
    default:
      return value;
  }
}

/**
 * How an input value becomes Prisma data. `source` is the expression that
 * holds the input's fields; on an update every field may be missing.
 */
export function dataValue(field: FieldSpec, source: string, update: boolean): string {
  const value = `${source}.${field.name}`;
  const absent = [update && "undefined", field.optional && "null"].filter(Boolean);
  const keep = absent.map((missing) => `${value} === ${String(missing)}`).join(" || ");
  switch (field.type) {
    case "date":
      return keep ? `${keep} ? ${value} : new Date(${value})` : `new Date(${value})`;
    case "json":
      // A JSON column takes Prisma.DbNull for SQL NULL (a plain null would be JSON null).
      return field.optional ? `${value} === null ? Prisma.DbNull : ${value}` : value;
    default:
      return value;
  }
}

/** A valid input value for tests, as TypeScript source. */
export function sampleValue(field: FieldSpec, variant = 0): string {
  switch (field.type) {
    case "string":
      return variant === 0 ? `"Sample ${field.name}"` : `"Changed ${field.name}"`;
    case "text":
      return variant === 0 ? `"Some ${field.name}"` : `"Other ${field.name}"`;
    case "int":
      return variant === 0 ? "42" : "7";
    case "decimal":
      return variant === 0 ? '"1234.50"' : '"99.99"';
    case "boolean":
      return variant === 0 ? "true" : "false";
    case "datetime":
      return variant === 0
        ? 'new Date("2030-01-02T03:04:05.000Z")'
        : 'new Date("2031-06-07T08:09:10.000Z")';
    case "date":
      return variant === 0 ? '"2030-01-02"' : '"2031-06-07"';
    case "enum":
      return `"${field.enumValues?.[variant % (field.enumValues.length || 1)] ?? ""}" as const`;
    case "json":
      return variant === 0 ? '{ note: "sample" }' : '{ note: "changed", n: 2 }';
    case "user":
      return "team.viewer.id";
    case "ref":
      return "null";
  }
}

/**
 * An input value of the right TypeScript type that the schema refuses, as
 * source, or null when the type has none (a boolean, an enum, a JSON object).
 */
export function invalidValue(field: FieldSpec): string | null {
  switch (field.type) {
    case "string":
      return '"x".repeat(201)';
    case "text":
      return '"x".repeat(10_001)';
    case "int":
      return "1.5";
    case "decimal":
      return '"12.345"';
    case "date":
      return '"2030-13-45"';
    case "user":
    case "ref":
      return '"not-a-uuid"';
    default:
      return null;
  }
}

/** The TypeScript type a view gives the field. */
export function tsType(field: FieldSpec): string {
  const base: Record<FieldType, string> = {
    string: "string",
    text: "string",
    int: "number",
    decimal: "string",
    boolean: "boolean",
    datetime: "Date",
    date: "string",
    enum: (field.enumValues ?? []).map((value) => `"${value}"`).join(" | "),
    json: "JsonValue",
    user: "string",
    ref: "string",
  };
  return field.optional ? `${base[field.type]} | null` : base[field.type];
}

interface HelperOptions {
  data: { root: { name: string } };
  fn: (context: unknown) => string;
  inverse: (context: unknown) => string;
}

/** The resource's name, from the root of the template's data. */
const rootName = (options: HelperOptions) => options.data.root.name;

/** Generated code is not HTML: the helpers' output is inserted as written. */
function code(
  make: (field: FieldSpec, resource: string, args: unknown[]) => string,
): (...args: unknown[]) => Handlebars.SafeString {
  return (...args) => {
    const options = args.at(-1) as HelperOptions;
    return new Handlebars.SafeString(
      make(args[0] as FieldSpec, rootName(options), args.slice(1, -1)),
    );
  };
}

export function registerHelpers(plop: NodePlopAPI): void {
  plop.setHelper(
    "zodInput",
    code((field, resource) => zodInput(resource, field)),
  );
  plop.setHelper(
    "zodView",
    code((field, resource) => zodView(resource, field)),
  );
  plop.setHelper(
    "enumSchemaName",
    code((field, resource) => enumSchemaName(resource, field)),
  );
  plop.setHelper(
    "enumValuesName",
    code((field, resource) => enumValuesName(resource, field)),
  );
  plop.setHelper(
    "prismaEnumName",
    code((field, resource) => prismaEnumName(resource, field)),
  );
  plop.setHelper(
    "prismaEnumMap",
    code((field, resource) => snakeCase(prismaEnumName(resource, field))),
  );
  plop.setHelper(
    "prismaColumn",
    code((field, resource) => prismaColumn(resource, field)),
  );
  plop.setHelper(
    "prismaRelation",
    code((field) => prismaRelation(field)),
  );
  plop.setHelper(
    "viewValue",
    code((field) => viewValue(field)),
  );
  plop.setHelper(
    "createValue",
    code((field) => dataValue(field, "input", false)),
  );
  plop.setHelper(
    "updateValue",
    code((field) => dataValue(field, "input.data", true)),
  );
  plop.setHelper(
    "sampleValue",
    code((field, _resource, [variant]) =>
      sampleValue(field, typeof variant === "number" ? variant : 0),
    ),
  );
  plop.setHelper(
    "invalidValue",
    code((field) => invalidValue(field) ?? ""),
  );
  plop.setHelper("hasInvalidValue", (field: FieldSpec) => invalidValue(field) !== null);
  plop.setHelper(
    "tsType",
    code((field) => tsType(field)),
  );
  plop.setHelper("eq", (a: unknown, b: unknown) => a === b);
  plop.setHelper("ifType", function (this: unknown, field: FieldSpec, ...args: unknown[]) {
    const options = args.at(-1) as HelperOptions;
    return args.slice(0, -1).includes(field.type) ? options.fn(this) : options.inverse(this);
  });
  plop.setHelper("hasType", (fields: readonly FieldSpec[], ...args: unknown[]) => {
    const types = args.slice(0, -1);
    return fields.some((field) => types.includes(field.type));
  });
}
