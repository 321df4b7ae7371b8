import { z } from "zod";

const id = z.uuid();

/**
 * Every domain event: a name and the zod schema of its payload. Payloads
 * carry ids, not copies of records: a handler reads the current state, so a
 * retried handler never acts on stale data.
 */
export const EVENT_CATALOGUE = {
  "user.registered": z.object({ userId: id }),
  "user.invited": z.object({ userId: id, invitedById: id }),
  "user.deactivated": z.object({ userId: id, deactivatedById: id }),
  "user.password_reset_requested": z.object({ userId: id, resetTokenId: id }),
  "project.member_added": z.object({
    projectId: id,
    userId: id,
    role: z.enum(["owner", "editor", "viewer"]),
  }),
  /**
   * An invitation to a project was made, or made again (which refreshed it):
   * the worker makes the link's secret and mails it to the address.
   * `sentAt` is the invitation's as this event made it: a mail for an
   * invitation refreshed since is not sent (the newer event's is).
   */
  /**
   * A project was deleted with its instances and their files' rows: the
   * worker removes the stored files under the project's prefix.
   */
  "project.deleted": z.object({ projectId: id }),
  "project.invitation_created": z.object({
    invitationId: id,
    projectId: id,
    sentAt: z.iso.datetime(),
  }),
  "workflow.transitioned": z.object({
    instanceId: id,
    projectId: id,
    transitionKey: z.string(),
    fromState: z.string(),
    toState: z.string(),
    historyId: id,
  }),
  "workflow.assigned": z.object({ instanceId: id, projectId: id, assigneeId: id.nullable() }),
  "workflow.attachment_added": z.object({ attachmentId: id, instanceId: id, projectId: id }),
  /** The row is gone: the worker removes the stored file (its key is made from these ids). */
  "workflow.attachment_deleted": z.object({ attachmentId: id, instanceId: id, projectId: id }),
  /** A comment was written on an instance: the worker tells the members it mentions. */
  "workflow.commented": z.object({ commentId: id, instanceId: id, projectId: id }),
  /** `addedMentionIds`: members the edit mentions who were not mentioned before it (they are told). */
  "workflow.comment_edited": z.object({
    commentId: id,
    instanceId: id,
    projectId: id,
    addedMentionIds: z.array(id).default([]),
  }),
  /** The comment is gone by the time a handler runs: the payload is all that is left of it. */
  "workflow.comment_deleted": z.object({ commentId: id, instanceId: id, projectId: id }),
  /** Someone asked for a test delivery to a webhook endpoint: the worker makes and sends it. */
  "webhook.ping_requested": z.object({ endpointId: id }),
  /** Someone asked for a webhook delivery to be sent again (under its own delivery id). */
  "webhook.redelivery_requested": z.object({ deliveryId: id }),
  /** A user asked for an export or an import: the worker queues its run. */
  "transfer.requested": z.object({ transferId: id }),
} as const;

export type EventName = keyof typeof EVENT_CATALOGUE;
export type EventPayload<N extends EventName> = z.infer<(typeof EVENT_CATALOGUE)[N]>;

export const EVENT_NAMES = Object.keys(EVENT_CATALOGUE) as EventName[];

/** An event as the worker receives it. */
export interface DomainEvent<N extends EventName = EventName> {
  id: string;
  name: N;
  payload: EventPayload<N>;
  actorId: string | null;
  requestId: string | null;
  createdAt: Date;
}

/**
 * The events a webhook endpoint may subscribe to: every catalogued event
 * except the webhooks' own requests (a ping or a redelivery is sent to the
 * one endpoint it names, never fanned out) and a user's own transfers
 * (private to the requester, like their notifications).
 */
export const WEBHOOK_EVENT_NAMES: readonly EventName[] = EVENT_NAMES.filter(
  (name) => !name.startsWith("webhook.") && !name.startsWith("transfer."),
);

export function parsePayload<N extends EventName>(name: N, payload: unknown): EventPayload<N> {
  return EVENT_CATALOGUE[name].parse(payload) as EventPayload<N>;
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(EVENT_CATALOGUE, name);
}
