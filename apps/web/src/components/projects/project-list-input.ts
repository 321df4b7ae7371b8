import { type RouterInputs } from "@fastnext/api";

export const PROJECTS_PAGE_SIZE = 12;

export function projectListInput(
  search: string,
  archived: boolean,
  cursor: string | null = null,
): RouterInputs["projects"]["list"] {
  const trimmed = search.trim();
  return {
    limit: PROJECTS_PAGE_SIZE,
    cursor,
    archived,
    ...(trimmed ? { search: trimmed.slice(0, 100) } : {}),
  };
}

export const MEMBERS_PAGE_SIZE = 50;

export function memberListInput(
  projectId: string,
  cursor: string | null = null,
): RouterInputs["projects"]["members"]["list"] {
  return { projectId, limit: MEMBERS_PAGE_SIZE, cursor };
}
