import {
  type DataField,
  type State,
  type Transition,
  type WorkflowDefinition,
} from "@fastnext/workflow";

/** A key from a name: lower case, words joined by "_", starting with a letter (the key rule). */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 64);
  return /^[a-z]/.test(slug) ? slug : slug ? `s_${slug}`.slice(0, 64) : "";
}

/**
 * The key follows the name while the author has not chosen another one
 * (it is empty, or still what the previous name gave).
 */
export function followName<T extends { key: string; name: string }>(item: T, name: string): T {
  const keyFollows = item.key === "" || item.key === slugify(item.name);
  return { ...item, name, key: keyFollows ? slugify(name) : item.key };
}

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((existing, at) => (at === index ? item : existing));
}

/** The list with the item at `from` taken out and put back at `to`. */
export function moveAt<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) {
    return [...list];
  }
  const next = [...list];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, at) => at !== index);
}

export function newState(index: number): State {
  return {
    key: `state_${index + 1}`,
    name: `State ${index + 1}`,
    kind: index === 0 ? "initial" : "active",
  };
}

export function newTransition(definition: WorkflowDefinition, index: number): Transition {
  const [first, second] = definition.states;
  return {
    key: `step_${index + 1}`,
    name: `Step ${index + 1}`,
    from: first ? [first.key] : [],
    to: second?.key ?? first?.key ?? "",
    allowed: { projectRoles: ["owner", "editor"] },
    requiresComment: false,
  };
}

export function newDataField(index: number): DataField {
  return {
    key: `field_${index + 1}`,
    label: `Field ${index + 1}`,
    type: "string",
    required: false,
  };
}

/** What a new template starts from: the smallest workflow that can be published. */
export const STARTER_DEFINITION: WorkflowDefinition = {
  dataFields: [],
  states: [
    { key: "open", name: "Open", kind: "initial" },
    { key: "done", name: "Done", kind: "final" },
  ],
  transitions: [
    {
      key: "complete",
      name: "Complete",
      from: ["open"],
      to: "done",
      allowed: { projectRoles: ["owner", "editor"] },
      requiresComment: false,
    },
  ],
};

/**
 * Renames a state's key everywhere it is referred to (transitions' from
 * and to), so renaming does not silently break the graph.
 */
export function renameStateKey(
  definition: WorkflowDefinition,
  from: string,
  to: string,
): WorkflowDefinition {
  if (from === to || from === "") return definition;
  return {
    ...definition,
    transitions: definition.transitions.map((transition) => ({
      ...transition,
      from: transition.from.map((key) => (key === from ? to : key)),
      to: transition.to === from ? to : transition.to,
    })),
  };
}
