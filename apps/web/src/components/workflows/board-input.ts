import { type RouterInputs, type RouterOutputs } from "@fastnext/api";

type ProjectTemplate = RouterOutputs["projects"]["templates"]["list"]["items"][number];

/** A template the board can show and start items on: on for the project, and published. */
export type UsableTemplate = ProjectTemplate & {
  published: NonNullable<ProjectTemplate["published"]>;
};

/** The project's template list: what its picker offers (installation and own, minus those off). */
export function projectTemplatesInput(
  projectId: string,
): RouterInputs["projects"]["templates"]["list"] {
  return { projectId };
}

/** The templates new items of the project may start on, by name. */
export function usableTemplates(templates: readonly ProjectTemplate[]): UsableTemplate[] {
  return templates.filter(
    (template): template is UsableTemplate => template.usable && template.published !== null,
  );
}

type ProjectTemplateList = RouterOutputs["projects"]["templates"]["list"];

/**
 * The board shows one template's items: the one asked for, else the one
 * the project's newest item started on, else the first.
 */
export function pickTemplate(
  list: ProjectTemplateList,
  key: string | undefined,
): UsableTemplate | undefined {
  const usable = usableTemplates(list.items);
  const byKey = (wanted: string | null | undefined) =>
    usable.find((template) => template.key === wanted);
  return byKey(key) ?? byKey(list.latestItemKey) ?? usable[0];
}

export const BOARD_PAGE_SIZE = 100;

/** What the board's toolbar narrows the items to; empty strings mean "any". */
export interface BoardFilters {
  search: string;
  assigneeId: string;
  state: string;
}

export const NO_BOARD_FILTERS: BoardFilters = { search: "", assigneeId: "", state: "" };

export function hasBoardFilters(filters: BoardFilters): boolean {
  return filters.search.trim() !== "" || filters.assigneeId !== "" || filters.state !== "";
}

export function boardInstancesInput(
  projectId: string,
  templateKey: string,
  cursor: string | null = null,
  filters: BoardFilters = NO_BOARD_FILTERS,
): RouterInputs["workflows"]["instances"]["list"] {
  const search = filters.search.trim();
  return {
    projectId,
    templateKey,
    limit: BOARD_PAGE_SIZE,
    cursor,
    ...(search ? { search } : {}),
    ...(filters.assigneeId ? { assigneeId: filters.assigneeId } : {}),
    ...(filters.state ? { state: filters.state } : {}),
  };
}
