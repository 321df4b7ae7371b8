"use client";

import { STATE_KINDS, type State, type StateKind, type WorkflowDefinition } from "@fastnext/workflow";

import { Button } from "../../ui/button";
import { SelectField, TextField } from "../../ui/field";
import { Icon } from "../../ui/icons";
import { followName, newState, removeAt, renameStateKey, replaceAt } from "./draft";
import { type EditorErrors } from "./errors";
import { RowErrors } from "./row-errors";

const KIND_LABEL: Record<StateKind, string> = {
  initial: "Initial (items start here)",
  active: "In progress",
  final: "Final (items are done)",
};

export function StatesSection({
  definition,
  onChange,
  errors,
}: {
  definition: WorkflowDefinition;
  onChange: (definition: WorkflowDefinition, structural?: boolean) => void;
  errors: EditorErrors;
}) {
  const states = definition.states;
  /** A changed key is followed by the transitions that name it. */
  const set = (index: number, state: State) => {
    const before = states[index]?.key ?? "";
    const renamed = renameStateKey(definition, before, state.key);
    onChange({ ...renamed, states: replaceAt(states, index, state) });
  };

  return (
    <section className="card" aria-labelledby="states-title">
      <div className="card-header">
        <div>
          <h2 id="states-title">States</h2>
          <p className="small muted">The columns of the board. One initial state, at least one final.</p>
        </div>
        <Button size="sm" onClick={() => onChange({ ...definition, states: [...states, newState(states.length)] }, true)}>
          <Icon name="plus" /> Add state
        </Button>
      </div>
      <div className="card-body stack-sm">
        <RowErrors messages={errors.exact("definition.states")} />
        {states.map((state, index) => {
          const path = `definition.states.${index}`;
          return (
            <div
              key={index}
              className="editor-row"
              data-invalid={errors.under(path).length > 0}
              role="group"
              aria-label={`State ${index + 1}: ${state.name || state.key}`}
            >
              <div className="editor-row-head">
                <span>State {index + 1}</span>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove state ${state.name || index + 1}`}
                  onClick={() => onChange({ ...definition, states: removeAt(states, index) }, true)}
                >
                  <Icon name="trash" />
                </Button>
              </div>
              <div className="editor-row-grid">
                <TextField
                  label="Name"
                  value={state.name}
                  error={errors.at(`${path}.name`)}
                  onChange={(event) => set(index, followName(state, event.target.value))}
                />
                <TextField
                  label="Key"
                  value={state.key}
                  mono
                  error={errors.at(`${path}.key`)}
                  onChange={(event) => set(index, { ...state, key: event.target.value })}
                />
                <SelectField
                  label="Kind"
                  value={state.kind}
                  error={errors.at(`${path}.kind`)}
                  onChange={(event) =>
                    set(index, { ...state, kind: STATE_KINDS.find((kind) => kind === event.target.value) ?? "active" })
                  }
                >
                  {STATE_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {KIND_LABEL[kind]}
                    </option>
                  ))}
                </SelectField>
                <div className="field">
                  <label className="field-label" htmlFor={`state-color-${index}`}>
                    Colour
                  </label>
                  <div className="cluster">
                    <input
                      id={`state-color-${index}`}
                      type="color"
                      className="color-input"
                      value={state.color ?? "#8a94a3"}
                      onChange={(event) => set(index, { ...state, color: event.target.value })}
                    />
                    {state.color ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => {
                          const { color: _cleared, ...rest } = state;
                          set(index, rest);
                        }}
                      >
                        Clear
                      </Button>
                    ) : (
                      <span className="xsmall muted">None</span>
                    )}
                  </div>
                  {errors.at(`${path}.color`) ? <span className="field-error">{errors.at(`${path}.color`)}</span> : null}
                </div>
              </div>
              <RowErrors messages={errors.rest(path, ["name", "key", "kind", "color"])} />
            </div>
          );
        })}
      </div>
    </section>
  );
}
