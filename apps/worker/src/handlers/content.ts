import { type EventPayload } from "@fastnext/events";

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
