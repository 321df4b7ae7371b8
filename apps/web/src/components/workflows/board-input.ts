import { type RouterInputs, type RouterOutputs } from "@fastnext/api";

type TemplateSummary = RouterOutputs["workflows"]["templates"]["list"]["items"][number];

/** Published templates, for the board's picker (all of them fit: there are few). */
export const PUBLISHED_TEMPLATES_INPUT: RouterInputs["workflows"]["templates"]["list"] = {
  status: "published",
  limit: 100,
  cursor: null,
};

/** The newest published version of each template key, by name. */
export function newestVersions(templates: readonly TemplateSummary[]): TemplateSummary[] {
  const newest = new Map<string, TemplateSummary>();
  for (const template of templates) {
    const seen = newest.get(template.key);
    if (!seen || template.version > seen.version) newest.set(template.key, template);
  }
  return [...newest.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The board shows one template's items: the one asked for, else the first. */
export function pickTemplate(
  templates: readonly TemplateSummary[],
  key: string | undefined,
): TemplateSummary | undefined {
  const versions = newestVersions(templates);
  return versions.find((template) => template.key === key) ?? versions[0];
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
