import { type BadgeTone } from "@fastnext/ui";
import { type ProjectRole, type ProjectVisibility } from "@fastnext/validators";

export const ROLE_LABEL: Record<ProjectRole, string> = {
  owner: "Owner",
  editor: "Editor",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTION: Record<ProjectRole, string> = {
  owner: "Manages the project, its members and settings",
  editor: "Starts and moves work items",
  viewer: "Sees everything, changes nothing",
};

export const ROLE_TONE: Record<ProjectRole, BadgeTone> = {
  owner: "accent",
  editor: "success",
  viewer: "neutral",
};

export const VISIBILITY_LABEL: Record<ProjectVisibility, string> = {
  private: "Private",
  internal: "Internal",
};

export const VISIBILITY_DESCRIPTION: Record<ProjectVisibility, string> = {
  private: "Only members can see it",
  internal: "Everyone signed in can see it; members change it",
};

const RANK: Record<ProjectRole, number> = { viewer: 1, editor: 2, owner: 3 };

/** The project's rule for showing controls (the API checks again): role rank, or project.manage_all. */
export function mayAct(
  myRole: ProjectRole | null,
  min: ProjectRole,
  permissions: readonly string[],
): boolean {
  if (permissions.includes("project.manage_all")) return true;
  return myRole !== null && RANK[myRole] >= RANK[min];
}
