import { z } from "zod";

import { type Prisma } from "@fastnext/db";
import { ZProjectRoleSchema, ZProjectVisibilitySchema } from "@fastnext/validators";

/**
 * A project as its viewers see it, with the caller's own role and counts.
 * The counts (project_counters) are read under the same rule as the rows
 * they count, so they never reveal rows the caller could not list.
 */
export const ZProjectViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  visibility: ZProjectVisibilitySchema,
  archivedAt: z.date().nullable(),
  createdById: z.uuid().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  myRole: ZProjectRoleSchema.nullable(),
  memberCount: z.number().int(),
  openInstanceCount: z.number().int(),
});

export type ProjectView = z.infer<typeof ZProjectViewSchema>;

/** The select a view needs, for the given caller (their membership row only). */
export function projectViewSelect(userId: string) {
  return {
    id: true,
    name: true,
    description: true,
    visibility: true,
    archivedAt: true,
    createdById: true,
    createdAt: true,
    updatedAt: true,
    members: { where: { userId }, select: { role: true } },
    counters: { select: { memberCount: true, openInstanceCount: true } },
  } satisfies Prisma.ProjectSelect;
}

export type ProjectRecord = Prisma.ProjectGetPayload<{
  select: ReturnType<typeof projectViewSelect>;
}>;

/**
 * The counts are the project's row of project_counters, which a trigger
 * writes with the project: a project without one is a broken database, not
 * a project with nothing in it.
 */
export function toProjectView(record: ProjectRecord): ProjectView {
  const { members, counters, ...project } = record;
  if (!counters) throw new Error(`project ${project.id} has no counters row`);
  return {
    ...project,
    myRole: members[0]?.role ?? null,
    memberCount: counters.memberCount,
    openInstanceCount: counters.openInstanceCount,
  };
}

/** The fields the activity trail compares before and after a change. */
export function auditFields(project: {
  name: string;
  description: string;
  visibility: string;
  archivedAt: Date | null;
}) {
  return {
    name: project.name,
    description: project.description,
    visibility: project.visibility,
    archivedAt: project.archivedAt,
  };
}
