import { type IconName } from "@fastnext/ui";
import { type Permission } from "@fastnext/validators";

export interface NavItem {
  href: string;
  label: string;
  icon: IconName;
  /** Shown only to holders of this permission (the page itself answers 403 too). */
  permission?: Permission;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

export const NAV: NavGroup[] = [
  {
    label: "Workspace",
    items: [
      { href: "/", label: "Overview", icon: "home" },
      { href: "/projects", label: "Projects", icon: "folder" },
      {
        href: "/workflows",
        label: "Workflow templates",
        icon: "flow",
        permission: "workflow.manage",
      },
    ],
  },
  {
    label: "Administration",
    items: [
      { href: "/admin/users", label: "Users", icon: "users", permission: "user.read" },
      { href: "/admin/roles", label: "Roles", icon: "shield", permission: "role.read" },
      {
        href: "/admin/activity",
        label: "Activity",
        icon: "activity",
        permission: "activity.read_all",
      },
      { href: "/admin/system", label: "System", icon: "chart", permission: "system.read" },
    ],
  },
];

/** The nav as this caller may use it: items they lack the permission for, and empty groups, are left out. */
export function visibleNav(permissions: readonly string[]): NavGroup[] {
  return NAV.map((group) => ({
    ...group,
    items: group.items.filter((item) => !item.permission || permissions.includes(item.permission)),
  })).filter((group) => group.items.length > 0);
}

/** Whether `pathname` is within the item (Overview only matches itself). */
export function isCurrent(href: string, pathname: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
