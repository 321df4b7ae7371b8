"use client";

import { createContext, useContext, type ReactNode } from "react";

import { type RouterOutputs } from "@fastnext/api";
import { type Permission } from "@fastnext/validators";

export type Viewer = RouterOutputs["users"]["me"];

const ViewerContext = createContext<Viewer | null>(null);

/**
 * Who is signed in, as the server loaded it for this page. Only for showing
 * or hiding things: every call is checked again by the API.
 */
export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer needs a ViewerProvider (signed-in pages only)");
  return viewer;
}

export function hasPermission(viewer: Viewer, permission: Permission): boolean {
  return viewer.permissions.includes(permission);
}

export function useCan(): (permission: Permission) => boolean {
  const viewer = useViewer();
  return (permission) => hasPermission(viewer, permission);
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts.at(-1)] : [parts[0]?.slice(0, 2)];
  return letters
    .map((part) => part?.[0] ?? "")
    .join("")
    .toUpperCase();
}
