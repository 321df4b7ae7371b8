"use client";

import { type ImportMapping } from "@fastnext/validators";

import { SelectField } from "../../ui/field";

interface Field {
  key: string;
  label: string;
  required: boolean;
}

function ColumnSelect({
  label,
  value,
  columns,
  required,
  error,
  onChange,
}: {
  label: string;
  value: string | null;
  columns: readonly string[];
  required: boolean;
  error?: string[];
  onChange: (value: string | null) => void;
}) {
  return (
    <SelectField
      label={required ? `${label} (required)` : label}
      value={value ?? ""}
      error={error?.join(" ")}
      onChange={(event) => onChange(event.target.value === "" ? null : event.target.value)}
    >
      <option value="">{required ? "Choose a column" : "Not imported"}</option>
      {columns.map((column) => (
        <option key={column} value={column}>
          {column}
        </option>
      ))}
    </SelectField>
  );
}

/** Which column fills what: the title, each data field, the state, the assignee, the key. */
export function MappingForm({
  columns,
  fields,
  mapping,
  errors,
  onChange,
}: {
  columns: readonly string[];
  fields: readonly Field[];
  mapping: ImportMapping;
  errors: Record<string, string[]>;
  onChange: (mapping: ImportMapping) => void;
}) {
  const setField = (key: string, column: string | null) => {
    const others = Object.entries(mapping.fields).filter(([field]) => field !== key);
    const next = column === null ? others : [...others, [key, column] as const];
    onChange({ ...mapping, fields: Object.fromEntries(next) });
  };
  return (
    <div className="import-mapping">
      <ColumnSelect
        label="Title"
        value={mapping.title || null}
        columns={columns}
        required
        error={errors["mapping.title"]}
        onChange={(title) => onChange({ ...mapping, title: title ?? "" })}
      />
      {fields.map((field) => (
        <ColumnSelect
          key={field.key}
          label={field.label}
          value={mapping.fields[field.key] ?? null}
          columns={columns}
          required={field.required}
          error={errors[`mapping.fields.${field.key}`]}
          onChange={(column) => setField(field.key, column)}
        />
      ))}
      <ColumnSelect
        label="State"
        value={mapping.state}
        columns={columns}
        required={false}
        error={errors["mapping.state"]}
        onChange={(state) => onChange({ ...mapping, state })}
      />
      <ColumnSelect
        label="Assignee (e-mail)"
        value={mapping.assignee}
        columns={columns}
        required={false}
        error={errors["mapping.assignee"]}
        onChange={(assignee) => onChange({ ...mapping, assignee })}
      />
      <ColumnSelect
        label="External key"
        value={mapping.externalKey}
        columns={columns}
        required={false}
        error={errors["mapping.externalKey"]}
        onChange={(externalKey) => onChange({ ...mapping, externalKey })}
      />
    </div>
  );
}
