import { type ScopedDb } from "@fastnext/db";
import { type DomainEvent } from "@fastnext/events";

import { activePerson, namesOf, workflowAudience, type Person } from "./audience";
import {
  assignedContent,
  memberAddedContent,
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
