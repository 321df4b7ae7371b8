import { type ScopedDb } from "@fastnext/db";
import { type DomainEvent } from "@fastnext/events";

import { activePerson, namesOf, personSelect, workflowAudience, type Person } from "./audience";
import {
  assignedContent,
  memberAddedContent,
  mentionedContent,
  transitionedContent,
  type NotificationContent,
} from "./content";
import { type Links } from "./links";

/** One person to tell about an event, and what to tell them. */
export interface Notice {
  person: Person;
  content: NotificationContent;
}

/**
 * Who is told about an event and in which words, whatever the channel: the
 * in-app and the e-mail handlers both start from these, so the two always
 * reach the same people with the same text (each person's preferences then
 * pick the channels).
 */
export async function transitionedNotices(
  tx: ScopedDb,
  event: DomainEvent<"workflow.transitioned">,
  links: Links,
): Promise<Notice[]> {
  const audience = await workflowAudience(tx, {
    instanceId: event.payload.instanceId,
    assignee: "current",
    actorId: event.actorId,
  });
  if (!audience) return [];
  const content = transitionedContent(audience, event.payload, event.actorId, links);
  return audience.recipients.map((person) => ({ person, content }));
}

export async function assignedNotices(
  tx: ScopedDb,
  event: DomainEvent<"workflow.assigned">,
  links: Links,
): Promise<Notice[]> {
  const audience = await workflowAudience(tx, {
    instanceId: event.payload.instanceId,
    assignee: { id: event.payload.assigneeId },
    actorId: event.actorId,
  });
  if (!audience) return [];
  return audience.recipients.map((person) => ({
    person,
    content: assignedContent(audience, event.payload, event.actorId, person.id, links),
  }));
}

/** Nobody is told that they added themself. */
export async function memberAddedNotices(
  tx: ScopedDb,
  event: DomainEvent<"project.member_added">,
  links: Links,
): Promise<Notice[]> {
  if (event.actorId === event.payload.userId) return [];
  const person = await activePerson(tx, event.payload.userId);
  const project = await tx.project.findUnique({
    where: { id: event.payload.projectId },
    select: { id: true, name: true },
  });
  if (!person || !project) return [];
  const names = await namesOf(tx, [event.actorId]);
  const actor = event.actorId ? (names.get(event.actorId) ?? "Someone") : "Someone";
  return [{ person, content: memberAddedContent(project, event.payload, actor, links) }];
}

/**
 * The members a comment mentions, told once it is written, and those an
 * edit mentions for the first time, told after the edit: only those the
 * comment still mentions, still members of the project and with an active
 * account, never its author (a mention of oneself is no news). A comment
 * deleted before this runs tells nobody; an edited one is quoted as it
 * reads now.
 */
export async function mentionedNotices(
  tx: ScopedDb,
  event: DomainEvent<"workflow.commented" | "workflow.comment_edited">,
  links: Links,
): Promise<Notice[]> {
  const comment = await tx.workflowComment.findUnique({
    where: { id: event.payload.commentId },
    select: {
      id: true,
      body: true,
      authorId: true,
      projectId: true,
      mentionedUserIds: true,
      instance: {
        select: { id: true, title: true, project: { select: { id: true, name: true } } },
      },
    },
  });
  if (!comment) return [];
  const added = "addedMentionIds" in event.payload ? new Set(event.payload.addedMentionIds) : null;
  const wanted = comment.mentionedUserIds.filter(
    (id) => id !== comment.authorId && id !== event.actorId && (added?.has(id) ?? true),
  );
  if (wanted.length === 0) return [];
  const members = await tx.projectMember.findMany({
    where: { projectId: comment.projectId, userId: { in: wanted } },
    select: { user: { select: personSelect } },
  });
  const names = await namesOf(tx, [comment.authorId]);
  const content = mentionedContent(
    {
      id: comment.id,
      body: comment.body,
      instance: comment.instance,
      project: comment.instance.project,
    },
    names.get(comment.authorId) ?? "Someone",
    links,
  );
  return members
    .map((member) => member.user)
    .filter((person) => person.isActive)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(({ isActive: _active, ...person }) => ({ person, content }));
}
