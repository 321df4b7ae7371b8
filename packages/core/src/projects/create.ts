import { randomUUID } from "node:crypto";

import { Prisma, scopedExecute } from "@fastnext/db";
import { type ProjectCreateInput } from "@fastnext/validators";

import { recordActivity } from "../activity";
import { type ServiceContext } from "../context";
import { getProject } from "./get";
import { auditFields, type ProjectView } from "./view";

/**
 * Creates a project with the caller as its owner. A private project is not
 * visible to anyone until its owner membership exists, so an INSERT ...
 * RETURNING would be refused by the select policy: the row is inserted
 * without RETURNING, the creator claims it (the membership policy allows
 * that only for an unclaimed project they created), and it is read back.
 */
export async function createProject(
  ctx: ServiceContext,
  input: ProjectCreateInput,
): Promise<ProjectView> {
  const { db, principal } = ctx;
  const id = randomUUID();
  await scopedExecute(
    db,
    Prisma.sql`
      INSERT INTO projects (id, name, description, visibility, created_by_id, updated_at)
      VALUES (${id}::uuid, ${input.name}, ${input.description}, ${input.visibility}::project_visibility,
              ${principal.userId}::uuid, now())`,
  );
  // createMany: no RETURNING, for the same reason as above.
  await db.projectMember.createMany({
    data: [{ projectId: id, userId: principal.userId, role: "owner", addedById: principal.userId }],
  });
  const project = await getProject(ctx, id);
  await recordActivity(db, ctx.actor, {
    action: "project.create",
    entityType: "project",
    entityId: id,
    before: null,
    after: auditFields(project),
  });
  return project;
}
