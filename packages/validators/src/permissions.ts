/**
 * The permission catalogue. Procedures name permissions from here, so a
 * misspelt one does not compile. The `permissions` table mirrors this list
 * (a migration inserts new keys; a test fails when the two differ), and
 * roles are edited at run time by linking roles to these keys.
 */
export const PERMISSION_CATALOGUE = {
  "user.read": {
    category: "users",
    description: "See every user, with e-mail and sign-in details",
  },
  "user.manage": {
    category: "users",
    description: "Create, edit, deactivate users and end their sessions",
  },
  "role.read": { category: "roles", description: "See roles and what they grant" },
  "role.manage": {
    category: "roles",
    description: "Create and edit roles, and assign them to users",
  },
  "activity.read_all": { category: "activity", description: "Read everyone's activity trail" },
  "project.create": { category: "projects", description: "Create projects" },
  "project.read_all": { category: "projects", description: "See every project, member or not" },
  "project.manage_all": {
    category: "projects",
    description: "Change every project, member or not",
  },
  "workflow.manage": {
    category: "workflows",
    description:
      "Define workflow types and installation-wide templates, and change any project's templates",
  },
  "system.read": { category: "system", description: "See system statistics" },
  "system.manage": { category: "system", description: "Change runtime settings and feature flags" },
  "webhook.manage": {
    category: "webhooks",
    description: "Manage every webhook endpoint, installation-wide or of any project",
  },
} as const satisfies Record<string, { category: string; description: string }>;

export type Permission = keyof typeof PERMISSION_CATALOGUE;

export const ALL_PERMISSIONS = Object.keys(PERMISSION_CATALOGUE) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSION_CATALOGUE, value);
}

/** Roles every installation starts with. They can be edited, not deleted. */
export const SYSTEM_ROLES = {
  admin: { name: "Administrator", permissions: ALL_PERMISSIONS, isDefault: false },
  manager: {
    name: "Manager",
    permissions: [
      "user.read",
      "role.read",
      "activity.read_all",
      "project.create",
      "project.read_all",
      "workflow.manage",
      "system.read",
    ],
    isDefault: false,
  },
  member: { name: "Member", permissions: ["project.create"], isDefault: true },
  viewer: { name: "Viewer", permissions: [], isDefault: false },
} as const satisfies Record<
  string,
  { name: string; permissions: readonly Permission[]; isDefault: boolean }
>;

export type SystemRoleKey = keyof typeof SYSTEM_ROLES;
