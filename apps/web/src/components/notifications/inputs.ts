import { type RouterInputs } from "@fastnext/api";

export const BELL_LIST_INPUT: RouterInputs["notifications"]["list"] = { limit: 10, cursor: null };

/** Where a notification leads, from the ids it carries. */
export function notificationHref(data: Record<string, string>): string | null {
  const { projectId, instanceId } = data;
  if (projectId && instanceId)
    return `/projects/${encodeURIComponent(projectId)}/instances/${encodeURIComponent(instanceId)}`;
  if (projectId) return `/projects/${encodeURIComponent(projectId)}`;
  return null;
}
