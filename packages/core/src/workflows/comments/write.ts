import { randomUUID } from "node:crypto";

import { emitEvent } from "@fastnext/events";
import {
  mentionedUserIds,
  type CommentCreateInput,
  type CommentUpdateInput,
} from "@fastnext/validators";

import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { instanceNotFound } from "../instances/errors";
import { mayComment, membersAmong } from "./access";
import { commentNotFound, notAuthor, notCommenter } from "./errors";
import { commentSelect, type CommentView } from "./view";

/**
 * A comment on an instance by a member of its project. Mentions of people
 * who are not members are left in the text as written but notify nobody.
 * The comment, its activity entry and workflow.commented (whose handler
 * tells the mentioned members) commit together.
 */
export async function createComment(
  ctx: ServiceContext,
  input: CommentCreateInput,
): Promise<CommentView> {
  const { db, principal } = ctx;
  const instance = await db.workflowInstance.findUnique({
    where: { id: input.instanceId },
    select: { id: true, projectId: true },
  });
  if (!instance) throw instanceNotFound();
  if (!(await mayComment(db, principal, instance.projectId))) throw notCommenter();
  const mentioned = await membersAmong(db, instance.projectId, mentionedUserIds(input.body));
  const comment = await db.workflowComment.create({
    data: {
      id: randomUUID(),
      instanceId: instance.id,
      projectId: instance.projectId,
      authorId: principal.userId,
      body: input.body,
      mentionedUserIds: mentioned,
    },
    select: commentSelect,
  });
  await recordActivity(db, ctx.actor, {
    action: "workflow_comment.create",
    entityType: "workflow_comment",
    entityId: comment.id,
    after: { instanceId: instance.id, mentionedUserIds: mentioned },
  });
  await emitEvent(db, "workflow.commented", {
    commentId: comment.id,
    instanceId: instance.id,
    projectId: instance.projectId,
  });
  return comment;
}

/** A comment the caller can see, NOT_FOUND otherwise. */
async function visibleComment(ctx: ServiceContext, id: string) {
  const comment = await ctx.db.workflowComment.findUnique({ where: { id }, select: commentSelect });
  if (!comment) throw commentNotFound();
  return comment;
}

/**
 * The author's new text for their comment, while they are still a member.
 * Mentions are read again; members the edit mentions for the first time
 * are told (as on creation), those mentioned before are not told again.
 */
export async function updateComment(
  ctx: ServiceContext,
  input: CommentUpdateInput,
): Promise<CommentView> {
  const { db, principal } = ctx;
  const comment = await visibleComment(ctx, input.id);
  if (comment.authorId !== principal.userId) throw notAuthor("edit");
  if (!(await mayComment(db, principal, comment.projectId))) throw notCommenter();
  if (comment.body === input.data.body) return comment;
  const mentioned = await membersAmong(db, comment.projectId, mentionedUserIds(input.data.body));
  const [updated] = await db.workflowComment.updateManyAndReturn({
    where: { id: comment.id, authorId: principal.userId },
    data: { body: input.data.body, mentionedUserIds: mentioned, editedAt: new Date() },
    select: commentSelect,
  });
  // The policy refused the row (project.manage_all without membership edits nobody's words).
  if (!updated) throw notAuthor("edit");
  await recordActivity(db, ctx.actor, {
    action: "workflow_comment.update",
    entityType: "workflow_comment",
    entityId: comment.id,
    before: { mentionedUserIds: comment.mentionedUserIds, editedAt: comment.editedAt },
    after: { mentionedUserIds: updated.mentionedUserIds, editedAt: updated.editedAt },
  });
  const before = new Set(comment.mentionedUserIds);
  await emitEvent(db, "workflow.comment_edited", {
    commentId: comment.id,
    instanceId: comment.instanceId,
    projectId: comment.projectId,
    addedMentionIds: mentioned.filter((id) => !before.has(id)),
  });
  return updated;
}

/**
 * Removes a comment for good: its author (while a member) or
 * project.manage_all (moderation). The text leaves the database; the
 * activity entry keeps who removed which comment of whom, not what it said.
 */
export async function deleteComment(ctx: ServiceContext, id: string): Promise<{ ok: true }> {
  const { db, principal } = ctx;
  const comment = await visibleComment(ctx, id);
  const moderator = principal.permissions.has("project.manage_all");
  if (comment.authorId !== principal.userId && !moderator) throw notAuthor("delete");
  const { count } = await db.workflowComment.deleteMany({ where: { id: comment.id } });
  if (count !== 1) throw notAuthor("delete");
  await recordActivity(db, ctx.actor, {
    action: "workflow_comment.delete",
    entityType: "workflow_comment",
    entityId: comment.id,
    before: { instanceId: comment.instanceId, authorId: comment.authorId },
    after: null,
  });
  await emitEvent(db, "workflow.comment_deleted", {
    commentId: comment.id,
    instanceId: comment.instanceId,
    projectId: comment.projectId,
  });
  return { ok: true };
}
