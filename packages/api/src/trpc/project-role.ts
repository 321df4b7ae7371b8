import { type Principal } from "@fastnext/core";
import { requireProjectRole } from "@fastnext/core/projects";
import { type ScopedDb } from "@fastnext/db";
import { type ProjectRole } from "@fastnext/validators";

import { t } from "./init";

/**
 * Declares the role a procedure needs on the project its input names:
 *
 *   authedProcedure.input(ZProjectUpdateInputSchema).use(projectRole("editor", "id"))
 *
 * Placed after `.input()`, so bad input is still BAD_REQUEST before any
 * project is looked at. NOT_FOUND when the caller cannot see the project
 * (never tell outsiders it exists), FORBIDDEN when they can see it but
 * lack the role; project.manage_all stands in for any role. The resolver
 * gets the caller's access as `ctx.project`.
 */
export function projectRole(min: ProjectRole, field: "projectId" | "id" = "projectId") {
  return t.middleware(async ({ ctx, input, path, next }) => {
    const { principal, db } = ctx as { principal?: Principal; db?: ScopedDb };
    // Declaration mistakes, not a caller's.
    if (!principal || !db) throw new Error(`${path}: project roles are checked inside authed`);
    const projectId = (input as Partial<Record<typeof field, unknown>> | undefined)?.[field];
    if (typeof projectId !== "string")
      throw new Error(`${path}: the input names no project in "${field}"`);
    const project = await requireProjectRole(db, principal, projectId, min);
    return next({ ctx: { project } });
  });
}
