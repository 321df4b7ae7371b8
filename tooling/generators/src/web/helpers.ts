import Handlebars from "handlebars";
import { type NodePlopAPI } from "node-plop";

import { enumValuesName, sampleValue } from "../resource/helpers";
import { type FieldSpec } from "../resource/spec";

/*
 * The Handlebars helpers of the web templates: what a field looks like in a
 * form, how its text becomes the schema's input, and how a view shows it.
 * Each field type is decided here and nowhere else in the web templates.
 */

/** Capitalises the first letter: `line items` → "Line items". */
export function sentence(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** A field's label: `dueOn` → "Due on", `approverId` (a user) → "Approver". */
export function fieldLabel(field: FieldSpec): string {
  const name =
    field.type === "user" || field.type === "ref" ? field.name.replace(/Id$/, "") : field.name;
  return sentence(
    name
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .trim(),
  );
}

/** How `fieldValue` (apps/web/src/components/form/field-values.ts) reads the field. */
export function formKind(field: FieldSpec): string {
  switch (field.type) {
    case "int":
      return "number";
    case "boolean":
      return "boolean";
    case "datetime":
      return "datetime";
    case "json":
      return "json";
    default:
      return "text";
  }
}

/** The form control of a field, in `{Name}Fields` (`initial` is the item being edited, if any). */
export function formControl(resource: string, field: FieldSpec): string {
  const label = fieldLabel(field);
  const common = `label="${label}" name="${field.name}"${field.optional ? "" : " required"}`;
  const error = `error={errors.error(\`\${prefix}${field.name}\`)}`;
  const value = `initial?.${field.name}`;
  switch (field.type) {
    case "string":
      return `<TextField ${common} maxLength={200} defaultValue={${value} ?? ""} ${error} />`;
    case "text":
      return `<TextareaField ${common} rows={4} maxLength={10_000} defaultValue={${value} ?? ""} ${error} />`;
    case "int":
      return `<TextField ${common} type="number" step={1} inputMode="numeric" defaultValue={${value} ?? ""} ${error} />`;
    case "decimal":
      return `<TextField ${common} inputMode="decimal" hint="A number with up to two decimals, e.g. 1234.50" defaultValue={${value} ?? ""} ${error} />`;
    case "boolean":
      return `<Checkbox label="${label}" name="${field.name}" value="true" defaultChecked={${value} ?? false} />`;
    case "datetime":
      return `<TextField ${common} type="datetime-local" defaultValue={dateTimeInputValue(${value})} ${error} />`;
    case "date":
      return `<TextField ${common} type="date" defaultValue={${value} ?? ""} ${error} />`;
    case "enum":
      return [
        `<SelectField ${common} defaultValue={${value} ?? ${field.optional ? '""' : `"${field.enumValues?.[0] ?? ""}"`}} ${error}>`,
        field.optional ? `<option value="">None</option>` : "",
        `{${enumValuesName(resource, field)}.map((value) => (<option key={value} value={value}>{enumLabel(value)}</option>))}`,
        `</SelectField>`,
      ].join("\n");
    case "json":
      return `<TextareaField ${common} mono rows={4} hint={'A JSON object, e.g. {"key": "value"}'} defaultValue={jsonInputValue(${value})} ${error} />`;
    case "user":
      return `<TextField ${common} hint="The person's user id" defaultValue={${value} ?? ""} ${error} />`;
    case "ref":
      return `<TextField ${common} hint="The id of the ${fieldLabel(field).toLowerCase()}" defaultValue={${value} ?? ""} ${error} />`;
  }
}

/** How a view's value reads on a page, as a JSX child (`item` is the view). */
export function displayValue(field: FieldSpec, item: string): string {
  const value = `${item}.${field.name}`;
  const orDash = (shown: string) => (field.optional ? `${value} === null ? "—" : ${shown}` : shown);
  switch (field.type) {
    case "boolean":
      return `{${value} ? "Yes" : "No"}`;
    case "datetime":
      return field.optional
        ? `{${value} ? <Time date={${value}} mode="absolute" /> : "—"}`
        : `<Time date={${value}} mode="absolute" />`;
    case "enum":
      return `{${orDash(`enumLabel(${value})`)}}`;
    case "json":
      return field.optional
        ? `{${value} === null ? "—" : <code className="mono">{JSON.stringify(${value})}</code>}`
        : `<code className="mono">{JSON.stringify(${value})}</code>`;
    case "int":
      return `{${orDash(`${value}.toLocaleString("en")`)}}`;
    default:
      return field.optional ? `{${value} ?? "—"}` : `{${value}}`;
  }
}

/** The Playwright step that fills a required field with a valid value (none for a checkbox). */
export function fillStep(field: FieldSpec): string {
  const control = `dialog.getByLabel("${fieldLabel(field)}", { exact: true })`;
  switch (field.type) {
    case "boolean":
    case "ref":
      return "";
    case "enum":
      return `await ${control}.selectOption("${field.enumValues?.[0] ?? ""}");`;
    case "datetime":
      return `await ${control}.fill("2030-01-02T03:04");`;
    case "json":
      return `await ${control}.fill('{"note": "sample"}');`;
    case "user":
      return `await ${control}.fill(me.id);`;
    case "int":
      return `await ${control}.fill("42");`;
    default:
      return `await ${control}.fill(${sampleValue(field)});`;
  }
}

interface HelperOptions {
  data: { root: { name: string } };
}

const safe = (text: string) => new Handlebars.SafeString(text);

export function registerWebHelpers(plop: NodePlopAPI): void {
  plop.setHelper("sentence", (value: string) => sentence(value));
  plop.setHelper("fieldLabel", (field: FieldSpec) => fieldLabel(field));
  plop.setHelper("formKind", (field: FieldSpec) => formKind(field));
  plop.setHelper("formControl", (field: FieldSpec, options: HelperOptions) =>
    safe(formControl(options.data.root.name, field)),
  );
  plop.setHelper("displayValue", (field: FieldSpec, item: string) =>
    safe(displayValue(field, item)),
  );
  plop.setHelper("fillStep", (field: FieldSpec) => safe(fillStep(field)));
  // Whether a required field has one of the types: the browser test fills only those.
  plop.setHelper("hasRequired", (fields: readonly FieldSpec[], ...args: unknown[]) => {
    const types = args.slice(0, -1);
    return fields.some((field) => !field.optional && types.includes(field.type));
  });
}
