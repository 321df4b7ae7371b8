"use client";

import { Button } from "@fastnext/ui";
import { STATE_KINDS, type State, type StateKind } from "@fastnext/workflow";

import { SelectField } from "../../ui/field";
import { followName, moveAt, newState, removeAt, renameStateKey, replaceAt } from "./draft";
import { EditorSection, NameAndKeyFields, type DefinitionSectionProps } from "./editor-section";
import { RowErrors } from "./row-errors";

const KIND_LABEL: Record<StateKind, string> = {
  initial: "Initial (items start here)",
  active: "In progress",
  final: "Final (items are done)",
};

export function StatesSection({ definition, onChange, errors }: DefinitionSectionProps) {
  const states = definition.states;
  /** A changed key is followed by the transitions that name it. */
  const set = (index: number, state: State) => {
    const before = states[index]?.key ?? "";
    const renamed = renameStateKey(definition, before, state.key);
    onChange({ ...renamed, states: replaceAt(states, index, state) });
  };

  return (
    <EditorSection
      noun="State"
      title="States"
      description="The columns of the board, in this order. One initial state, at least one final."
      path="definition.states"
      items={states}
      errors={errors}
      nameOf={(state) => state.name}
      keyOf={(state) => state.key}
      onAdd={() => onChange({ ...definition, states: [...states, newState(states.length)] }, true)}
      onRemove={(index) => onChange({ ...definition, states: removeAt(states, index) }, true)}
      // The board shows its columns in this order.
      onMove={(from, to) => onChange({ ...definition, states: moveAt(states, from, to) }, true)}
    >
      {(state, index, path) => (
        <>
          <div className="editor-row-grid">
            <NameAndKeyFields
              path={path}
              errors={errors}
              name={state.name}
              itemKey={state.key}
              onName={(value) => set(index, followName(state, value))}
              onKey={(key) => set(index, { ...state, key })}
            />
            <SelectField
              label="Kind"
              value={state.kind}
              error={errors.at(`${path}.kind`)}
              onChange={(event) =>
                set(index, {
                  ...state,
                  kind: STATE_KINDS.find((kind) => kind === event.target.value) ?? "active",
                })
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
              {errors.at(`${path}.color`) ? (
                <span className="field-error">{errors.at(`${path}.color`)}</span>
              ) : null}
            </div>
          </div>
          <RowErrors messages={errors.rest(path, ["name", "key", "kind", "color"])} />
        </>
      )}
    </EditorSection>
  );
}
