import { z } from "zod";

import { Prisma, scopedRows, type ScopedDb } from "@fastnext/db";
import {
  type ProjectRole,
  type ProjectVisibility,
  ZProjectRoleSchema,
  ZProjectVisibilitySchema,
} from "@fastnext/validators";

import { type Principal } from "../access/principal";
import { AppError } from "../errors";

const RANK: Record<ProjectRole, number> = { viewer: 1, editor: 2, owner: 3 };

/** owner > editor > viewer: true when `role` is at least `min`. */
export function roleAtLeast(role: ProjectRole | null, min: ProjectRole): boolean {
  return role !== null && RANK[role] >= RANK[min];
}

export interface ProjectAccess {
  project: { id: string; visibility: ProjectVisibility; archivedAt: Date | null };
  /** The caller's own membership role, null when not a member. */
  role: ProjectRole | null;
}

type Caller = Pick<Principal, "userId" | "permissions">;

const ZAccessRowsSchema = z.array(
  z.object({
    id: z.string(),
    visibility: ZProjectVisibilitySchema,
    archivedAt: z.date().nullable(),
    role: ZProjectRoleSchema.nullable(),
  }),
);

/**
 * The caller's relation to a project: null when they cannot see it at all.
 * RLS decides visibility (member, internal project, project.read_all), so
 * a project hidden from the caller is simply not found. Nearly every
 * project-scoped call starts here, so its one statement goes straight to the
 * transaction's connection (`scopedRows`); the membership subquery is under
 * the same policies.
 */
export async function projectAccess(
  db: ScopedDb,
  caller: Caller,
  projectId: string,
): Promise<ProjectAccess | null> {
  const [row] = ZAccessRowsSchema.parse(
    await scopedRows(
      db,
      Prisma.sql`
        SELECT p.id, p.visibility, p.archived_at AS "archivedAt",
               (SELECT m.role FROM project_members m
                 WHERE m.project_id = p.id AND m.user_id = ${caller.userId}::uuid) AS role
          FROM projects p
         WHERE p.id = ${projectId}::uuid`,
    ),
  );
  if (!row) return null;
  const { role, ...project } = row;
  return { project, role };
}

/** Whether what the caller holds satisfies `min`: membership rank, or a catalogue override. */
export function accessSatisfies(access: ProjectAccess, caller: Caller, min: ProjectRole): boolean {
  if (roleAtLeast(access.role, min)) return true;
  // project.manage_all changes any project the caller can see.
  if (caller.permissions.has("project.manage_all")) return true;
  // Seeing is all a viewer does: anyone who can see the project (an internal
  // project, or project.read_all) may read what a viewer reads.
  return min === "viewer";
}

/**
 * "The caller has role `min` on project X". NOT_FOUND when they cannot even
 * see the project (never tell outsiders it exists), FORBIDDEN when they can
 * see it but not do this.
 */
export async function requireProjectRole(
  db: ScopedDb,
  caller: Caller,
  projectId: string,
  min: ProjectRole,
): Promise<ProjectAccess> {
  const access = await projectAccess(db, caller, projectId);
  if (!access) throw new AppError("NOT_FOUND", "No such project", { reason: "project_not_found" });
  if (!accessSatisfies(access, caller, min)) {
    throw new AppError("FORBIDDEN", `This needs the ${min} role on the project`, {
      reason: "project_role_required",
      details: { required: min, role: access.role },
    });
  }
  return access;
}
