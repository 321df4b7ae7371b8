import { type EventPayload } from "@fastnext/events";
import { commentParts } from "@fastnext/validators";

import { type WorkflowAudience } from "./audience";
import { type Links } from "./links";
import { type NotificationKind } from "./preferences";

/** One notification, as shown in the app and (when chosen) mailed. */
export interface NotificationContent {
  kind: NotificationKind;
  title: string;
  body: string;
  /** Ids the client links to; never copies of records. */
  data: Record<string, string>;
  url: string;
}

function actorName(names: Map<string, string>, actorId: string | null): string {
  if (!actorId) return "A time-out";
  return names.get(actorId) ?? "Someone";
}

export function transitionedContent(
  audience: WorkflowAudience,
  payload: EventPayload<"workflow.transitioned">,
  actorId: string | null,
  links: Links,
): NotificationContent {
  const { instance, project } = audience;
  return {
    kind: "workflow.transitioned",
    title: `“${instance.title}” moved to ${payload.toState}`,
    body: `${actorName(audience.names, actorId)} moved “${instance.title}” from ${payload.fromState} to ${payload.toState} in ${project.name}.`,
    data: { projectId: project.id, instanceId: instance.id, historyId: payload.historyId },
    url: links.workflowInstance(project.id, instance.id),
  };
}

export function assignedContent(
  audience: WorkflowAudience,
  payload: EventPayload<"workflow.assigned">,
  actorId: string | null,
  recipientId: string,
  links: Links,
): NotificationContent {
  const { instance, project } = audience;
  const actor = actorName(audience.names, actorId);
  const assignee = payload.assigneeId
    ? (audience.names.get(payload.assigneeId) ?? "someone")
    : null;
  const base = {
    kind: "workflow.assigned" as const,
    data: { projectId: project.id, instanceId: instance.id },
    url: links.workflowInstance(project.id, instance.id),
  };
  if (payload.assigneeId === recipientId) {
    return {
      ...base,
      title: `You were assigned “${instance.title}”`,
      body: `${actor} assigned “${instance.title}” in ${project.name} to you.`,
    };
  }
  if (assignee) {
    return {
      ...base,
      title: `“${instance.title}” was assigned to ${assignee}`,
      body: `${actor} assigned “${instance.title}” in ${project.name} to ${assignee}.`,
    };
  }
  return {
    ...base,
    title: `“${instance.title}” is unassigned`,
    body: `${actor} removed the assignee of “${instance.title}” in ${project.name}.`,
  };
}

/** How much of a comment a notification quotes. */
const EXCERPT_LENGTH = 200;

/** A comment's text as a reader sees it (mentions as @Name), cut to one excerpt. */
export function commentExcerpt(body: string): string {
  const text = commentParts(body)
    .map((part) => (part.kind === "text" ? part.text : `@${part.name}`))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
}

export function mentionedContent(
  comment: {
    id: string;
    body: string;
    instance: { id: string; title: string };
    project: { id: string; name: string };
  },
  author: string,
  links: Links,
): NotificationContent {
  const { instance, project } = comment;
  return {
    kind: "workflow.mentioned",
    title: `${author} mentioned you on “${instance.title}”`,
    body: `${author} mentioned you in a comment on “${instance.title}” in ${project.name}: “${commentExcerpt(comment.body)}”`,
    data: { projectId: project.id, instanceId: instance.id, commentId: comment.id },
    url: links.workflowInstance(project.id, instance.id),
  };
}

export function memberAddedContent(
  project: { id: string; name: string },
  payload: EventPayload<"project.member_added">,
  actor: string,
  links: Links,
): NotificationContent {
  return {
    kind: "project.member_added",
    title: `You were added to ${project.name}`,
    body: `${actor} added you to ${project.name} as ${payload.role}.`,
    data: { projectId: project.id },
    url: links.project(project.id),
  };
}

export function invitedContent(inviter: string, links: Links): NotificationContent {
  return {
    kind: "user.invited",
    title: "Welcome to FastNext",
    body: `${inviter} invited you to FastNext.`,
    data: {},
    url: links.signIn(),
  };
}
