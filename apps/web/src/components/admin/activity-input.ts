import { type RouterInputs } from "@fastnext/api";

export interface ActivityFilters {
  actorId: string;
  action: string;
  entityType: string;
  /** yyyy-mm-dd from a date input, or "". */
  from: string;
  to: string;
}

export const DEFAULT_ACTIVITY_FILTERS: ActivityFilters = {
  actorId: "",
  action: "",
  entityType: "",
  from: "",
  to: "",
};

export const ACTIVITY_PAGE_SIZE = 25;

/** A calendar day as the start of that day in the viewer's time zone. */
function dayStart(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function activityListInput(
  filters: ActivityFilters,
  cursor: string | null = null,
): RouterInputs["admin"]["activities"]["list"] {
  const from = dayStart(filters.from);
  const toDay = dayStart(filters.to);
  // "To" is inclusive for a person: up to the end of that day.
  const to = toDay ? new Date(toDay.getTime() + 24 * 60 * 60 * 1000) : undefined;
  return {
    limit: ACTIVITY_PAGE_SIZE,
    cursor,
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.action.trim() ? { action: filters.action.trim() } : {}),
    ...(filters.entityType.trim() ? { entityType: filters.entityType.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** People to filter by: the first hundred by name (the list is for picking, not browsing). */
export const ACTOR_OPTIONS_INPUT: RouterInputs["admin"]["users"]["list"] = {
  limit: 100,
  cursor: null,
  sort: "name",
};
