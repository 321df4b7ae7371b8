import { type RouterInputs, type RouterOutputs } from "@fastnext/client";

type ProjectTemplate = RouterOutputs["projects"]["templates"]["list"]["items"][number];
export type BoardItem = RouterOutputs["workflows"]["instances"]["list"]["items"][number];
export type Definition = RouterOutputs["workflows"]["templates"]["get"]["definition"];

/** A template the board can show: on for the project, and published. */
export type UsableTemplate = ProjectTemplate & {
  published: NonNullable<ProjectTemplate["published"]>;
};

export function usableTemplates(templates: readonly ProjectTemplate[]): UsableTemplate[] {
  return templates.filter(
    (template): template is UsableTemplate => template.usable && template.published !== null,
  );
}

/** The board shows one template's items: the one picked, else the first usable one. */
export function pickTemplate(
  templates: readonly ProjectTemplate[],
  key: string | null,
): UsableTemplate | undefined {
  const usable = usableTemplates(templates);
  return usable.find((template) => template.key === key) ?? usable[0];
}

export const BOARD_PAGE_SIZE = 100;

export function boardItemsInput(
  projectId: string,
  templateKey: string,
  search: string,
): RouterInputs["workflows"]["instances"]["list"] {
  const text = search.trim();
  return { projectId, templateKey, limit: BOARD_PAGE_SIZE, ...(text ? { search: text } : {}) };
}

export interface BoardColumn {
  key: string;
  name: string;
  color: string | undefined;
  items: BoardItem[];
}

/**
 * One column per state of the template, in its order. Items still in a
 * state a newer version dropped get a column of their own at the end
 * instead of disappearing.
 */
export function boardColumns(
  states: Definition["states"],
  items: readonly BoardItem[],
): BoardColumn[] {
  const columns: BoardColumn[] = states.map((state) => ({
    key: state.key,
    name: state.name,
    color: state.color,
    items: [],
  }));
  const byKey = new Map(columns.map((column) => [column.key, column]));
  for (const item of items) {
    let column = byKey.get(item.state);
    if (!column) {
      column = { key: item.state, name: item.state, color: undefined, items: [] };
      byKey.set(item.state, column);
      columns.push(column);
    }
    column.items.push(item);
  }
  return columns;
}

/** The projects list: the search as typed, trimmed; archived ones stay out. */
export function projectListInput(search: string): RouterInputs["projects"]["list"] {
  const text = search.trim();
  return { limit: 50, ...(text ? { search: text } : {}) };
}
