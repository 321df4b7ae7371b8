import { Prisma, isUniqueViolation } from "@fastnext/db";
import { emitEvent } from "@fastnext/events";
import { type ProjectMemberInput } from "@fastnext/validators";

import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { memberSelect, type ProjectMemberView } from "./view";

function alreadyMember(): AppError {
  return new AppError("CONFLICT", "This user is already a member", {
    reason: "already_member",
    fieldErrors: { userId: ["Already a member of this project"] },
  });
}

/**
 * Adds a user to a project (owner or project.manage_all). The caller
 * usually cannot see the user yet (users are visible to co-members), so
 * existence is left to the foreign key: an unknown id is NOT_FOUND.
 */
export async function addMember(
  ctx: ServiceContext,
  input: ProjectMemberInput,
): Promise<ProjectMemberView> {
  const { db, principal } = ctx;
  const existing = await db.projectMember.findUnique({
    where: { projectId_userId: { projectId: input.projectId, userId: input.userId } },
    select: { role: true },
  });
  if (existing) throw alreadyMember();
  let member: Omit<ProjectMemberView, "name">;
  try {
    member = await db.projectMember.create({
      data: {
        projectId: input.projectId,
        userId: input.userId,
        role: input.role,
        addedById: principal.userId,
      },
      select: memberSelect,
    });
  } catch (error) {
    // A concurrent add of the same user, or an id that names nobody.
    if (isUniqueViolation(error)) throw alreadyMember();
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") {
      throw new AppError("NOT_FOUND", "No such user", {
        reason: "user_not_found",
        fieldErrors: { userId: ["No such user"] },
      });
    }
    throw error;
  }
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { name: true } });
  await recordActivity(db, ctx.actor, {
    action: "project.member_add",
    entityType: "project",
    entityId: input.projectId,
    before: null,
    after: { userId: input.userId, role: input.role },
  });
  await emitEvent(db, "project.member_added", {
    projectId: input.projectId,
    userId: input.userId,
    role: input.role,
  });
  return { ...member, name: user?.name ?? null };
}
