"use client";

import { type RouterOutputs } from "@fastnext/api";

import { Checkbox } from "../ui/field";

type Groups = RouterOutputs["admin"]["permissions"]["list"];

const CATEGORY_LABEL: Record<string, string> = {
  users: "Users",
  roles: "Roles",
  activity: "Activity",
  projects: "Projects",
  workflows: "Workflows",
  system: "System",
};

/** The catalogue's permissions as checkboxes, one group per category, with a toggle for the whole group. */
export function PermissionGroups({
  groups,
  selected,
  onChange,
  disabled,
  error,
}: {
  groups: Groups;
  selected: readonly string[];
  onChange: (keys: string[]) => void;
  disabled?: boolean;
  error?: string | undefined;
}) {
  return (
    <div className="permission-groups">
      {groups.map((group) => {
        const keys = group.permissions.map((permission) => permission.key);
        const chosen = keys.filter((key) => selected.includes(key)).length;
        return (
          <fieldset key={group.category} className="fieldset" disabled={disabled}>
            <legend>
              {CATEGORY_LABEL[group.category] ?? group.category}{" "}
              <span className="muted xsmall">
                ({chosen}/{keys.length})
              </span>
            </legend>
            <Checkbox
              label={<em>All of {CATEGORY_LABEL[group.category] ?? group.category}</em>}
              checked={chosen === keys.length}
              ref={(input) => {
                if (input) input.indeterminate = chosen > 0 && chosen < keys.length;
              }}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...new Set([...selected, ...keys])]
                    : selected.filter((key) => !keys.includes(key)),
                )
              }
            />
            {group.permissions.map((permission) => (
              <Checkbox
                key={permission.key}
                label={<code>{permission.key}</code>}
                hint={permission.description}
                checked={selected.includes(permission.key)}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...selected, permission.key]
                      : selected.filter((key) => key !== permission.key),
                  )
                }
              />
            ))}
          </fieldset>
        );
      })}
      {error ? <span className="field-error">{error}</span> : null}
    </div>
  );
}
