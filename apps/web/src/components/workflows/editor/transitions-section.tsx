"use client";

import { PROJECT_ROLES, type Transition } from "@fastnext/workflow";

import { Checkbox, SelectField } from "../../ui/field";
import { ROLE_LABEL } from "../../projects/labels";
import { followName, newTransition, removeAt, replaceAt } from "./draft";
import { EditorSection, NameAndKeyFields, type DefinitionSectionProps } from "./editor-section";
import { GuardInput } from "./guard-input";
import { RowErrors } from "./row-errors";

function toggle(list: readonly string[] | undefined, value: string, on: boolean): string[] {
  const rest = (list ?? []).filter((item) => item !== value);
  return on ? [...rest, value] : rest;
}

export function TransitionsSection({ definition, onChange, errors }: DefinitionSectionProps) {
  const transitions = definition.transitions;
  const states = definition.states;
  const set = (index: number, transition: Transition) =>
    onChange({ ...definition, transitions: replaceAt(transitions, index, transition) });

  return (
    <EditorSection
      noun="Transition"
      title="Transitions"
      description="The steps that move an item, and who may take them."
      path="definition.transitions"
      items={transitions}
      errors={errors}
      emptyMessage="No transitions: items could never move."
      nameOf={(transition) => transition.name}
      keyOf={(transition) => transition.key}
      onAdd={() =>
        onChange(
          {
            ...definition,
            transitions: [...transitions, newTransition(definition, transitions.length)],
          },
          true,
        )
      }
      onRemove={(index) =>
        onChange({ ...definition, transitions: removeAt(transitions, index) }, true)
      }
    >
      {(transition, index, path) => {
        const roles = transition.allowed.projectRoles ?? [];
        return (
          <>
            <div className="editor-row-grid">
              <NameAndKeyFields
                path={path}
                errors={errors}
                name={transition.name}
                itemKey={transition.key}
                onName={(value) => set(index, followName(transition, value))}
                onKey={(key) => set(index, { ...transition, key })}
              />
              <SelectField
                label="To state"
                value={transition.to}
                error={errors.at(`${path}.to`)}
                onChange={(event) => set(index, { ...transition, to: event.target.value })}
              >
                <option value="">Choose…</option>
                {/* A key no state has any more stays visible, so the error next to it makes sense. */}
                {transition.to && !states.some((state) => state.key === transition.to) ? (
                  <option value={transition.to}>{transition.to} (no such state)</option>
                ) : null}
                {states.map((state, at) => (
                  <option key={`${state.key}-${at}`} value={state.key}>
                    {state.name || state.key}
                  </option>
                ))}
              </SelectField>
            </div>
            <fieldset className="choice-group">
              <legend>From states</legend>
              {states.map((state, at) => (
                <Checkbox
                  key={`${state.key}-${at}`}
                  label={state.name || state.key}
                  checked={transition.from.includes(state.key)}
                  onChange={(event) =>
                    set(index, {
                      ...transition,
                      from: toggle(transition.from, state.key, event.target.checked),
                    })
                  }
                />
              ))}
            </fieldset>
            <RowErrors messages={errors.under(`${path}.from`)} />
            <fieldset className="choice-group">
              <legend>Who may take it (project roles)</legend>
              {PROJECT_ROLES.map((role) => (
                <Checkbox
                  key={role}
                  label={ROLE_LABEL[role]}
                  checked={roles.includes(role)}
                  onChange={(event) => {
                    const next = PROJECT_ROLES.filter((candidate) =>
                      toggle(roles, role, event.target.checked).includes(candidate),
                    );
                    const { projectRoles: _old, ...allowed } = transition.allowed;
                    set(index, {
                      ...transition,
                      allowed: next.length > 0 ? { ...allowed, projectRoles: next } : allowed,
                    });
                  }}
                />
              ))}
            </fieldset>
            <RowErrors messages={errors.under(`${path}.allowed`)} />
            <Checkbox
              label="Requires a comment"
              checked={transition.requiresComment}
              onChange={(event) =>
                set(index, { ...transition, requiresComment: event.target.checked })
              }
            />
            <GuardInput
              guard={transition.guard}
              fields={definition.dataFields}
              serverError={errors.under(`${path}.guard`).join(" ") || undefined}
              onChange={(guard) => {
                const { guard: _old, ...rest } = transition;
                set(index, guard ? { ...rest, guard } : rest);
              }}
            />
            <RowErrors
              messages={errors.rest(path, ["name", "key", "to", "from", "allowed", "guard"])}
            />
          </>
        );
      }}
    </EditorSection>
  );
}
