"use client";

import { useState } from "react";

import { FIELD_TYPES, type DataField, type FieldType, type WorkflowDefinition } from "@fastnext/workflow";

import { Button } from "../../ui/button";
import { Checkbox, SelectField, TextField } from "../../ui/field";
import { Icon } from "../../ui/icons";
import { followName, newDataField, removeAt, replaceAt } from "./draft";
import { type EditorErrors } from "./errors";
import { RowErrors } from "./row-errors";

const TYPE_LABEL: Record<FieldType, string> = {
  string: "Text",
  number: "Number",
  boolean: "Yes / no",
  date: "Date",
  enum: "Choice",
};

/** Typed locally, stored as a list: "a, b" keeps its trailing comma while typing. */
function OptionsInput({
  options,
  onChange,
  error,
}: {
  options: readonly string[];
  onChange: (options: string[]) => void;
  error: string | undefined;
}) {
  const [text, setText] = useState(options.join(", "));
  return (
    <TextField
      label="Choices"
      hint="Separated by commas"
      value={text}
      error={error}
      onChange={(event) => {
        setText(event.target.value);
        onChange(
          event.target.value
            .split(",")
            .map((option) => option.trim())
            .filter(Boolean),
        );
      }}
    />
  );
}

export function FieldsSection({
  definition,
  onChange,
  errors,
}: {
  definition: WorkflowDefinition;
  onChange: (definition: WorkflowDefinition, structural?: boolean) => void;
  errors: EditorErrors;
}) {
  const fields = definition.dataFields;
  const set = (index: number, field: DataField) =>
    onChange({ ...definition, dataFields: replaceAt(fields, index, field) });

  return (
    <section className="card" aria-labelledby="fields-title">
      <div className="card-header">
        <div>
          <h2 id="fields-title">Data fields</h2>
          <p className="small muted">What each item records. Conditions on transitions can read them.</p>
        </div>
        <Button
          size="sm"
          onClick={() => onChange({ ...definition, dataFields: [...fields, newDataField(fields.length)] }, true)}
        >
          <Icon name="plus" /> Add field
        </Button>
      </div>
      <div className="card-body stack-sm">
        <RowErrors messages={errors.exact("definition.dataFields")} />
        {fields.length === 0 ? <p className="small muted">No data fields: items only have a title.</p> : null}
        {fields.map((field, index) => {
          const path = `definition.dataFields.${index}`;
          return (
            <div
              key={index}
              className="editor-row"
              data-invalid={errors.under(path).length > 0}
              role="group"
              aria-label={`Field ${index + 1}: ${field.label || field.key}`}
            >
              <div className="editor-row-head">
                <span>Field {index + 1}</span>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove field ${field.label || index + 1}`}
                  onClick={() => onChange({ ...definition, dataFields: removeAt(fields, index) }, true)}
                >
                  <Icon name="trash" />
                </Button>
              </div>
              <div className="editor-row-grid">
                <TextField
                  label="Label"
                  value={field.label}
                  error={errors.at(`${path}.label`)}
                  onChange={(event) => {
                    const next = followName({ ...field, name: field.label }, event.target.value);
                    set(index, { ...field, label: next.name, key: next.key });
                  }}
                />
                <TextField
                  label="Key"
                  value={field.key}
                  mono
                  error={errors.at(`${path}.key`)}
                  onChange={(event) => set(index, { ...field, key: event.target.value })}
                />
                <SelectField
                  label="Type"
                  value={field.type}
                  error={errors.at(`${path}.type`)}
                  onChange={(event) => {
                    const type = FIELD_TYPES.find((candidate) => candidate === event.target.value) ?? "string";
                    const { options: _dropped, ...rest } = field;
                    set(index, type === "enum" ? { ...rest, type, options: field.options ?? [] } : { ...rest, type });
                  }}
                >
                  {FIELD_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {TYPE_LABEL[type]}
                    </option>
                  ))}
                </SelectField>
                {field.type === "enum" ? (
                  <OptionsInput
                    options={field.options ?? []}
                    error={errors.under(`${path}.options`).join(" ") || undefined}
                    onChange={(options) => set(index, { ...field, options })}
                  />
                ) : null}
              </div>
              <Checkbox
                label="Required"
                checked={field.required}
                onChange={(event) => set(index, { ...field, required: event.target.checked })}
              />
              <RowErrors messages={errors.rest(path, ["label", "key", "type", "options"])} />
            </div>
          );
        })}
      </div>
    </section>
  );
}
