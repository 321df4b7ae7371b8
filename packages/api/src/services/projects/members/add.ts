import { Prisma, isUniqueViolation } from "@fastnext/db";
import { emitEvent } from "@fastnext/events";
import { type ProjectMemberInput, type ProjectMemberInviteInput } from "@fastnext/validators";

import { AppError } from "../../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { requireProjectRole } from "../access";
import { memberSelect, type ProjectMemberView } from "./view";

/** The input field that named the person: problems with them are reported on it. */
type PersonField = "userId" | "email";

function alreadyMember(field: PersonField): AppError {
  return new AppError("CONFLICT", "This user is already a member", {
    reason: "already_member",
    fieldErrors: { [field]: ["Already a member of this project"] },
  });
}

/**
 * Adds a user to a project (owner or project.manage_all). The caller
 * usually cannot see the user yet (users are visible to co-members), so
 * existence is left to the foreign key: an unknown id is NOT_FOUND.
 */
export async function addMember(ctx: ServiceContext, input: ProjectMemberInput): Promise<ProjectMemberView> {
  await requireProjectRole(ctx.db, ctx.principal, input.projectId, "owner");
  return insertMember(ctx, input, "userId");
}

/** The membership, its activity entry and event, for a caller already checked to manage members. */
async function insertMember(
  ctx: ServiceContext,
  input: ProjectMemberInput,
  field: PersonField,
): Promise<ProjectMemberView> {
  const { db, principal } = ctx;
  const existing = await db.projectMember.findUnique({
    where: { projectId_userId: { projectId: input.projectId, userId: input.userId } },
    select: { role: true },
  });
  if (existing) throw alreadyMember(field);
  let member: Omit<ProjectMemberView, "name">;
  try {
    member = await db.projectMember.create({
      data: { projectId: input.projectId, userId: input.userId, role: input.role, addedById: principal.userId },
      select: memberSelect,
    });
  } catch (error) {
    // A concurrent add of the same user, or an id that names nobody.
    if (isUniqueViolation(error)) throw alreadyMember(field);
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") {
      throw new AppError("NOT_FOUND", "No such user", {
        reason: "user_not_found",
        fieldErrors: { [field]: ["No such user"] },
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
  await emitEvent(db, "project.member_added", { projectId: input.projectId, userId: input.userId, role: input.role });
  return { ...member, name: user?.name ?? null };
}

/**
 * Adds the active account that uses `email` (owner or project.manage_all):
 * owners usually cannot browse the user directory. Only a caller who may
 * manage the project's members learns whether an address has an account.
 */
export async function inviteMember(ctx: ServiceContext, input: ProjectMemberInviteInput): Promise<ProjectMemberView> {
  await requireProjectRole(ctx.db, ctx.principal, input.projectId, "owner");
  const [found] = await ctx.db.$queryRaw<{ id: string | null }[]>`
    SELECT app.project_invitee_id(${input.projectId}::uuid, ${input.email}) AS id`;
  if (!found?.id) {
    throw new AppError("NOT_FOUND", "No active account uses this address", {
      reason: "user_not_found",
      fieldErrors: { email: ["No active account uses this address"] },
    });
  }
  return insertMember(ctx, { projectId: input.projectId, userId: found.id, role: input.role }, "email");
}
