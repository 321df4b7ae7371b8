import { type ScopedDb } from "@fastnext/db";
import { type ProjectRole } from "@fastnext/validators";
import { type Actor } from "@fastnext/workflow";

import { type Principal } from "../../access/principal";

export interface InstanceActor {
  actor: Actor;
  /**
   * Whether the caller may change instances of the project at all: members
   * (any role) and project.manage_all, as the database's update policy says.
   * Which transitions each may fire is then the template's rule.
   */
  mayChange: boolean;
}

/** The caller as the workflow engine sees them on one project. */
export async function instanceActor(
  db: ScopedDb,
  principal: Principal,
  projectId: string,
): Promise<InstanceActor> {
  const membership = await db.projectMember.findUnique({
    where: { projectId_userId: { projectId, userId: principal.userId } },
    select: { role: true },
  });
  const projectRole: ProjectRole | null = membership?.role ?? null;
  return {
    actor: { permissions: principal.permissions, projectRole, isSuperuser: principal.isSuperuser },
    mayChange: projectRole !== null || principal.permissions.has("project.manage_all"),
  };
}
