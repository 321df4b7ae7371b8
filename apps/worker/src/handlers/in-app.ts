import { type ScopedDb } from "@fastnext/db";
import { NOTIFICATION_CHANNEL, type DomainEvent } from "@fastnext/events";

import { activePerson, namesOf } from "./audience";
import { invitedContent } from "./content";
import {
  assignedNotices,
  memberAddedNotices,
  mentionedNotices,
  transitionedNotices,
  type Notice,
} from "./notices";
import { channelsFor } from "./preferences";
import { transactionHandler, type Handler } from "./types";

/**
 * Inserts the in-app notifications of one event for those who want them
 * and wakes their open subscriptions. Unique (event, user, kind): a repeat
 * inserts nothing. pg_notify is transactional, so the wake-up is sent only
 * if the rows commit.
 */
export async function notifyInApp(
  tx: ScopedDb,
  event: DomainEvent,
  entries: Notice[],
): Promise<number> {
  const wanted = entries.filter((e) => channelsFor(e.person.settings, e.content.kind).inApp);
  if (wanted.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: wanted.map(({ person, content }) => ({
      userId: person.id,
      kind: content.kind,
      title: content.title,
      body: content.body,
      data: content.data,
      eventId: event.id,
    })),
    skipDuplicates: true,
  });
  for (const userId of new Set(wanted.map((e) => e.person.id))) {
    await tx.$executeRaw`SELECT pg_notify(${NOTIFICATION_CHANNEL}, ${userId})`;
  }
  return count;
}

export const inAppHandlers: readonly Handler[] = [
  transactionHandler({
    name: "notify.workflow_transitioned",
    event: "workflow.transitioned",
    async apply(tx, event, ctx) {
      await notifyInApp(tx, event, await transitionedNotices(tx, event, ctx.links));
    },
  }),
  transactionHandler({
    name: "notify.workflow_assigned",
    event: "workflow.assigned",
    async apply(tx, event, ctx) {
      await notifyInApp(tx, event, await assignedNotices(tx, event, ctx.links));
    },
  }),
  transactionHandler({
    name: "notify.workflow_mentioned",
    event: "workflow.commented",
    async apply(tx, event, ctx) {
      await notifyInApp(tx, event, await mentionedNotices(tx, event, ctx.links));
    },
  }),
  transactionHandler({
    name: "notify.workflow_mentioned_by_edit",
    event: "workflow.comment_edited",
    async apply(tx, event, ctx) {
      await notifyInApp(tx, event, await mentionedNotices(tx, event, ctx.links));
    },
  }),
  transactionHandler({
    name: "notify.project_member_added",
    event: "project.member_added",
    async apply(tx, event, ctx) {
      await notifyInApp(tx, event, await memberAddedNotices(tx, event, ctx.links));
    },
  }),
  transactionHandler({
    name: "notify.user_invited",
    event: "user.invited",
    async apply(tx, event, ctx) {
      const person = await activePerson(tx, event.payload.userId);
      if (!person) return;
      const names = await namesOf(tx, [event.payload.invitedById]);
      const inviter = names.get(event.payload.invitedById) ?? "An administrator";
      await notifyInApp(tx, event, [{ person, content: invitedContent(inviter, ctx.links) }]);
    },
  }),
];
