"use client";

import { type ReactNode } from "react";

import { type WorkflowDefinition } from "@fastnext/workflow";

import { Button } from "../../ui/button";
import { TextField } from "../../ui/field";
import { Icon } from "../../ui/icons";
import { type EditorErrors } from "./errors";
import { RowErrors } from "./row-errors";

/** What every section of the template editor is given. */
export interface DefinitionSectionProps {
  definition: WorkflowDefinition;
  /** `structural`: rows were added or removed (the diagram re-lays out). */
  onChange: (definition: WorkflowDefinition, structural?: boolean) => void;
  errors: EditorErrors;
}

interface EditorSectionProps<T> {
  /** What one row is, capitalised: "State". Titles, labels and the add button use it. */
  noun: string;
  title: string;
  description: string;
  /** Where the list's errors are reported: "definition.states". */
  path: string;
  items: readonly T[];
  errors: EditorErrors;
  /** Shown instead of rows when there are none. */
  emptyMessage?: string;
  /** A row's display name (may be empty) and key, for its accessible labels. */
  nameOf: (item: T) => string;
  keyOf: (item: T) => string;
  onAdd: () => void;
  onRemove: (index: number) => void;
  /** The row's inputs; `path` is the row's own error path. */
  children: (item: T, index: number, path: string) => ReactNode;
}

/**
 * A card of editable rows of a workflow definition (states, data fields,
 * transitions): the add button, the list's own errors, and each row as a
 * labelled group with its number and remove button.
 */
export function EditorSection<T>({
  noun,
  title,
  description,
  path,
  items,
  errors,
  emptyMessage,
  nameOf,
  keyOf,
  onAdd,
  onRemove,
  children,
}: EditorSectionProps<T>) {
  const titleId = `${noun.toLowerCase()}s-title`;
  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="card-header">
        <div>
          <h2 id={titleId}>{title}</h2>
          <p className="small muted">{description}</p>
        </div>
        <Button size="sm" onClick={onAdd}>
          <Icon name="plus" /> Add {noun.toLowerCase()}
        </Button>
      </div>
      <div className="card-body stack-sm">
        <RowErrors messages={errors.exact(path)} />
        {items.length === 0 && emptyMessage ? <p className="small muted">{emptyMessage}</p> : null}
        {items.map((item, index) => {
          const rowPath = `${path}.${index}`;
          const name = nameOf(item);
          return (
            <div
              key={index}
              className="editor-row"
              data-invalid={errors.under(rowPath).length > 0}
              role="group"
              aria-label={`${noun} ${index + 1}: ${name || keyOf(item)}`}
            >
              <div className="editor-row-head">
                <span>
                  {noun} {index + 1}
                </span>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove ${noun.toLowerCase()} ${name || index + 1}`}
                  onClick={() => onRemove(index)}
                >
                  <Icon name="trash" />
                </Button>
              </div>
              {children(item, index, rowPath)}
            </div>
          );
        })}
      </div>
    </section>
  );
}

/** The name input and the key input beside it, as every row has them. */
export function NameAndKeyFields({
  nameLabel = "Name",
  nameField = "name",
  path,
  errors,
  name,
  itemKey,
  onName,
  onKey,
}: {
  nameLabel?: string;
  /** The name's property, for its error path ("name", "label"). */
  nameField?: string;
  path: string;
  errors: EditorErrors;
  name: string;
  itemKey: string;
  onName: (value: string) => void;
  onKey: (value: string) => void;
}) {
  return (
    <>
      <TextField
        label={nameLabel}
        value={name}
        error={errors.at(`${path}.${nameField}`)}
        onChange={(event) => onName(event.target.value)}
      />
      <TextField
        label="Key"
        value={itemKey}
        mono
        error={errors.at(`${path}.key`)}
        onChange={(event) => onKey(event.target.value)}
      />
    </>
  );
}
