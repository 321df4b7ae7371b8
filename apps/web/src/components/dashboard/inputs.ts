import { type RouterInputs } from "@fastnext/api";

export const DASHBOARD_PROJECTS_INPUT: RouterInputs["projects"]["list"] = {
  limit: 6,
  cursor: null,
  archived: false,
};

export function assignedToMeInput(userId: string): RouterInputs["workflows"]["instances"]["list"] {
  return { assigneeId: userId, limit: 10, cursor: null };
}

export const RECENT_ACTIVITY_INPUT: RouterInputs["users"]["activities"]["list"] = {
  limit: 8,
  cursor: null,
};

export const UNREAD_NOTIFICATIONS_INPUT: RouterInputs["notifications"]["list"] = {
  limit: 5,
  cursor: null,
  unread: true,
};
