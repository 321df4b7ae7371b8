"use client";

import { useState } from "react";

import { FIELD_TYPES, type DataField, type FieldType } from "@fastnext/workflow";

import { Checkbox, SelectField, TextField } from "../../ui/field";
import { followName, newDataField, removeAt, replaceAt } from "./draft";
import { EditorSection, NameAndKeyFields, type DefinitionSectionProps } from "./editor-section";
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

export function FieldsSection({ definition, onChange, errors }: DefinitionSectionProps) {
  const fields = definition.dataFields;
  const set = (index: number, field: DataField) =>
    onChange({ ...definition, dataFields: replaceAt(fields, index, field) });

  return (
    <EditorSection
      noun="Field"
      title="Data fields"
      description="What each item records. Conditions on transitions can read them."
      path="definition.dataFields"
      items={fields}
      errors={errors}
      emptyMessage="No data fields: items only have a title."
      nameOf={(field) => field.label}
      keyOf={(field) => field.key}
      onAdd={() =>
        onChange({ ...definition, dataFields: [...fields, newDataField(fields.length)] }, true)
      }
      onRemove={(index) => onChange({ ...definition, dataFields: removeAt(fields, index) }, true)}
    >
      {(field, index, path) => (
        <>
          <div className="editor-row-grid">
            <NameAndKeyFields
              nameLabel="Label"
              nameField="label"
              path={path}
              errors={errors}
              name={field.label}
              itemKey={field.key}
              onName={(value) => {
                const next = followName({ ...field, name: field.label }, value);
                set(index, { ...field, label: next.name, key: next.key });
              }}
              onKey={(key) => set(index, { ...field, key })}
            />
            <SelectField
              label="Type"
              value={field.type}
              error={errors.at(`${path}.type`)}
              onChange={(event) => {
                const type =
                  FIELD_TYPES.find((candidate) => candidate === event.target.value) ?? "string";
                const { options: _dropped, ...rest } = field;
                set(
                  index,
                  type === "enum"
                    ? { ...rest, type, options: field.options ?? [] }
                    : { ...rest, type },
                );
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
        </>
      )}
    </EditorSection>
  );
}
