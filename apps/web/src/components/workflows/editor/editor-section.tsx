"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

import { Button, Icon } from "@fastnext/ui";
import { type WorkflowDefinition } from "@fastnext/workflow";

import { TextField } from "../../ui/field";
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
  /**
   * Given when the order means something (states are the board's columns):
   * each row gets move up/down buttons and a handle to drag it elsewhere.
   */
  onMove?: (from: number, to: number) => void;
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
  onMove,
  children,
}: EditorSectionProps<T>) {
  const titleId = `${noun.toLowerCase()}s-title`;
  const lower = noun.toLowerCase();
  const section = useRef<HTMLElement>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [moved, setMoved] = useState<{ index: number; direction: "up" | "down" } | null>(null);
  const [announcement, setAnnouncement] = useState("");

  // Rows are keyed by position, so after a move the focused button belongs
  // to another row: focus follows the moved row instead.
  useEffect(() => {
    if (!moved) return;
    const button = (direction: "up" | "down") =>
      section.current?.querySelector<HTMLButtonElement>(
        `[data-move="${direction}-${moved.index}"]`,
      );
    const same = button(moved.direction);
    (same && !same.disabled ? same : button(moved.direction === "up" ? "down" : "up"))?.focus();
    setMoved(null);
  }, [moved]);

  const move = (from: number, to: number, direction?: "up" | "down") => {
    const item = items[from];
    if (!onMove || item === undefined || to < 0 || to >= items.length || from === to) return;
    onMove(from, to);
    setAnnouncement(`${noun} ${nameOf(item) || keyOf(item)} moved to position ${to + 1}.`);
    if (direction) setMoved({ index: to, direction });
  };
  const endDrag = () => {
    setDragging(null);
    setOver(null);
  };

  return (
    <section className="card" aria-labelledby={titleId} ref={section}>
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
        {onMove ? (
          <p className="visually-hidden" role="status">
            {announcement}
          </p>
        ) : null}
        {items.length === 0 && emptyMessage ? <p className="small muted">{emptyMessage}</p> : null}
        {items.map((item, index) => {
          const rowPath = `${path}.${index}`;
          const name = nameOf(item);
          return (
            <div
              key={index}
              className="editor-row"
              data-path={rowPath}
              data-invalid={errors.under(rowPath).length > 0}
              data-dragging={dragging === index || undefined}
              data-drop-target={(over === index && dragging !== index) || undefined}
              role="group"
              aria-label={`${noun} ${index + 1}: ${name || keyOf(item)}`}
              onDragOver={(event) => {
                // Only rows of this list are dropped here (not files, not cards).
                if (dragging === null) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = "move";
                setOver(index);
              }}
              onDrop={(event) => {
                if (dragging === null) return;
                event.preventDefault();
                move(dragging, index);
                endDrag();
              }}
            >
              <div className="editor-row-head">
                <span className="cluster">
                  {onMove ? (
                    // The pointer way; the buttons beside are the keyboard way.
                    <span
                      className="drag-handle"
                      draggable
                      title={`Drag ${lower} ${name || index + 1} to reorder`}
                      data-drag-handle={index}
                      onDragStart={(event) => {
                        event.dataTransfer.effectAllowed = "move";
                        event.dataTransfer.setData("text/plain", String(index));
                        setDragging(index);
                      }}
                      onDragEnd={endDrag}
                    >
                      <Icon name="grip" />
                    </span>
                  ) : null}
                  <span>
                    {noun} {index + 1}
                  </span>
                </span>
                <span className="cluster">
                  {onMove ? (
                    <>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Move ${lower} ${name || index + 1} up`}
                        data-move={`up-${index}`}
                        disabled={index === 0}
                        onClick={() => move(index, index - 1, "up")}
                      >
                        <Icon name="arrowUp" />
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Move ${lower} ${name || index + 1} down`}
                        data-move={`down-${index}`}
                        disabled={index === items.length - 1}
                        onClick={() => move(index, index + 1, "down")}
                      >
                        <Icon name="arrowDown" />
                      </Button>
                    </>
                  ) : null}
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove ${lower} ${name || index + 1}`}
                    onClick={() => onRemove(index)}
                  >
                    <Icon name="trash" />
                  </Button>
                </span>
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
