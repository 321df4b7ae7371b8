import { type RouterInputs } from "@fastnext/api";

export type UserStatusFilter = "all" | "active" | "inactive";
export type UserSort = "createdAt" | "name" | "email";

export const USERS_PAGE_SIZE = 20;

export interface UserFilters {
  search: string;
  status: UserStatusFilter;
  roleKey: string;
  sort: UserSort;
}

export const DEFAULT_USER_FILTERS: UserFilters = {
  search: "",
  status: "all",
  roleKey: "",
  sort: "createdAt",
};

/** The list's input from the toolbar; the first page is what the server prefetches. */
export function userListInput(
  filters: UserFilters,
  cursor: string | null = null,
): RouterInputs["admin"]["users"]["list"] {
  const search = filters.search.trim();
  return {
    limit: USERS_PAGE_SIZE,
    cursor,
    sort: filters.sort,
    ...(search ? { search: search.slice(0, 100) } : {}),
    ...(filters.status === "all" ? {} : { isActive: filters.status === "active" }),
    ...(filters.roleKey ? { roleKey: filters.roleKey } : {}),
  };
}

/** Every role, for filters and checkboxes: installations have a handful. */
export const ALL_ROLES_INPUT: RouterInputs["admin"]["roles"]["list"] = { limit: 100, cursor: null };
