import { type IconName } from "@fastnext/ui";

import { visibleNav } from "./nav-items";

/** One row of the command palette: where choosing it leads. */
export interface PaletteEntry {
  id: string;
  group: "Pages" | "Projects" | "Items" | "Users";
  label: string;
  /** A second, quieter line: an item's project, a user's e-mail. */
  detail?: string;
  href: string;
  icon: IconName;
}

const ACCOUNT_PAGE: PaletteEntry = {
  id: "page:/account",
  group: "Pages",
  label: "Account",
  href: "/account",
  icon: "user",
};

/** The pages this caller may open whose name contains `search` (all of them when it is empty). */
export function pageEntries(permissions: readonly string[], search: string): PaletteEntry[] {
  const needle = search.trim().toLowerCase();
  const pages: PaletteEntry[] = visibleNav(permissions).flatMap((group) =>
    group.items.map((item) => ({
      id: `page:${item.href}`,
      group: "Pages" as const,
      label: item.label,
      href: item.href,
      icon: item.icon,
    })),
  );
  return [...pages, ACCOUNT_PAGE].filter((page) => page.label.toLowerCase().includes(needle));
}

export function projectEntry(project: { id: string; name: string }): PaletteEntry {
  return {
    id: `project:${project.id}`,
    group: "Projects",
    label: project.name,
    href: `/projects/${encodeURIComponent(project.id)}`,
    icon: "folder",
  };
}

export function itemEntry(
  item: { id: string; projectId: string; title: string; state: string },
  projectName: string | undefined,
): PaletteEntry {
  return {
    id: `item:${item.id}`,
    group: "Items",
    label: item.title,
    detail: projectName ? `${projectName} · ${item.state}` : item.state,
    href: `/projects/${encodeURIComponent(item.projectId)}/instances/${encodeURIComponent(item.id)}`,
    icon: "flow",
  };
}

/**
 * A user opens the users page filtered to them: there is no page per user.
 * The e-mail is a field-level read (absent when the caller may not see it),
 * so the name stands in for it.
 */
export function userEntry(user: {
  id: string;
  name: string;
  email?: string | undefined;
}): PaletteEntry {
  return {
    id: `user:${user.id}`,
    group: "Users",
    label: user.name,
    ...(user.email ? { detail: user.email } : {}),
    href: `/admin/users?search=${encodeURIComponent(user.email ?? user.name)}`,
    icon: "users",
  };
}
