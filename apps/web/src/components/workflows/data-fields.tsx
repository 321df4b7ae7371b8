"use client";

import { type DataField, type DataDocument } from "@fastnext/workflow";

import { Checkbox, SelectField, TextField } from "../ui/field";

/** The input name of a data field: its API error path, `data.<key>`. */
export function dataFieldName(key: string): string {
  return `data.${key}`;
}

/** Inputs for a template's data fields, named by their API error paths. */
export function DataFieldInputs({
  fields,
  values = {},
  error,
}: {
  fields: readonly DataField[];
  values?: DataDocument;
  error: (path: string) => string | undefined;
}) {
  return (
    <>
      {fields.map((field) => {
        const name = dataFieldName(field.key);
        const value = values[field.key];
        const label = field.required ? field.label : `${field.label} (optional)`;
        switch (field.type) {
          case "boolean":
            return (
              <Checkbox
                key={field.key}
                label={field.label}
                name={name}
                defaultChecked={value === true}
              />
            );
          case "enum":
            return (
              <SelectField
                key={field.key}
                label={label}
                name={name}
                defaultValue={typeof value === "string" ? value : ""}
                error={error(name)}
              >
                <option value="">{field.required ? "Choose…" : "None"}</option>
                {(field.options ?? []).map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </SelectField>
            );
          default:
            return (
              <TextField
                key={field.key}
                label={label}
                name={name}
                type={field.type === "number" ? "number" : field.type === "date" ? "date" : "text"}
                step={field.type === "number" ? "any" : undefined}
                defaultValue={
                  typeof value === "string" || typeof value === "number" ? String(value) : ""
                }
                error={error(name)}
              />
            );
        }
      })}
    </>
  );
}

/**
 * The data document from the form, typed per field. Empty optional fields
 * are null (how the API clears a value); empty required ones are left out,
 * so the check reports them as required.
 */
export function readDataDocument(
  form: HTMLFormElement,
  fields: readonly DataField[],
): Record<string, unknown> {
  const values = new FormData(form);
  const document: Record<string, unknown> = {};
  for (const field of fields) {
    const name = dataFieldName(field.key);
    if (field.type === "boolean") {
      document[field.key] = values.get(name) !== null;
      continue;
    }
    const raw = values.get(name);
    const text = typeof raw === "string" ? raw : "";
    if (text.trim() === "" && field.type !== "string") {
      if (!field.required) document[field.key] = null;
      continue;
    }
    document[field.key] = field.type === "number" ? Number(text) : text;
  }
  return document;
}

/** How a stored value reads on screen. */
export function formatDataValue(field: DataField | undefined, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field?.type === "boolean" || typeof value === "boolean") return value === true ? "Yes" : "No";
  if (field?.type === "date" && typeof value === "string") {
    const date = new Date(`${value}T00:00:00`);
    return Number.isNaN(date.getTime())
      ? value
      : date.toLocaleDateString("en", { dateStyle: "medium" });
  }
  if (typeof value === "number") return value.toLocaleString("en");
  return typeof value === "string" ? value : JSON.stringify(value);
}
