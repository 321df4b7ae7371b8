import { generateOpaqueToken, hashOpaqueToken } from "@fastnext/auth";
import { type ScopedDb } from "@fastnext/db";
import {
  invitationEmail,
  passwordResetEmail,
  projectInvitationEmail,
  welcomeEmail,
  workflowNotificationEmail,
  type EmailMessage,
  type RenderedEmail,
} from "@fastnext/email";
import { type DomainEvent, type EventName } from "@fastnext/events";

import { derivedUuid } from "../queue/job-id";
import { activePerson, namesOf, type Person } from "./audience";
import { type NotificationContent } from "./content";
import { type Links } from "./links";
import {
  assignedNotices,
  memberAddedNotices,
  mentionedNotices,
  transitionedNotices,
  type Notice,
} from "./notices";
import { channelsFor } from "./preferences";
import { emailHandler, type Handler, type Recipient } from "./types";

function to(recipient: Recipient, rendered: RenderedEmail): EmailMessage {
  return { to: recipient.email, ...rendered };
}

const asRecipient = (person: Person): Recipient => ({ userId: person.id, email: person.email });

/** Notification mails go to people whose settings want e-mail for that kind. */
function wantsEmail(person: Person, content: NotificationContent): boolean {
  return channelsFor(person.settings, content.kind).email;
}

function notificationMail(person: Person, content: NotificationContent): RenderedEmail {
  return workflowNotificationEmail({
    name: person.name,
    headline: content.title,
    body: content.body,
    url: content.url,
  });
}

/** How long an invitation's link to choose a password works. */
export const INVITATION_TTL_DAYS = 7;

const invitationRequestId = (eventId: string) => derivedUuid(eventId, "invitation");

/**
 * Makes the secret of a password-reset request, at send time, and stores
 * only its hash: the secret exists nowhere but in the message. Should a
 * sent message ever be sent again (the at-least-once window), the new
 * secret replaces the old one and only the latest link works. A spent or
 * expired request gives nothing (and nothing is sent).
 */
async function mintResetSecret(
  tx: ScopedDb,
  requestId: string,
  userId: string,
): Promise<{ token: string; expiresAt: Date } | null> {
  const token = generateOpaqueToken();
  const updated = await tx.passwordResetToken.updateManyAndReturn({
    where: { id: requestId, userId, usedAt: null, expiresAt: { gt: new Date() } },
    data: { tokenHash: hashOpaqueToken(token) },
    select: { expiresAt: true },
  });
  const expiresAt = updated[0]?.expiresAt;
  return expiresAt ? { token, expiresAt } : null;
}

/**
 * The pending, unexpired invitation a project.invitation_created event was
 * raised for, as that event left it: null once it was answered, revoked,
 * expired or refreshed again (the newer event sends the mail).
 */
async function currentInvitation(tx: ScopedDb, event: DomainEvent<"project.invitation_created">) {
  const invitation = await tx.projectInvitation.findUnique({
    where: { id: event.payload.invitationId },
    select: {
      email: true,
      role: true,
      status: true,
      sentAt: true,
      expiresAt: true,
      project: { select: { name: true } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!invitation || invitation.status !== "pending" || invitation.expiresAt <= new Date())
    return null;
  if (invitation.sentAt.toISOString() !== event.payload.sentAt) return null;
  return invitation;
}

/**
 * Makes the secret of an invitation's link at send time, like
 * mintResetSecret: only its hash is stored, the latest link is the one
 * that works.
 */
async function mintInvitationSecret(
  tx: ScopedDb,
  invitationId: string,
  sentAt: Date,
): Promise<string | null> {
  const token = generateOpaqueToken();
  const { count } = await tx.projectInvitation.updateMany({
    where: { id: invitationId, status: "pending", sentAt, expiresAt: { gt: new Date() } },
    data: { tokenHash: hashOpaqueToken(token) },
  });
  return count === 1 ? token : null;
}

/** Account mails: sent whatever the notification settings say. */
export const accountMailHandlers: readonly Handler[] = [
  emailHandler({
    name: "mail.welcome",
    event: "user.registered",
    async recipients(tx, event) {
      const person = await activePerson(tx, event.payload.userId);
      return person ? [asRecipient(person)] : [];
    },
    async compose(tx, event, recipient, ctx) {
      const person = await activePerson(tx, event.payload.userId);
      if (!person) return null;
      return to(recipient, welcomeEmail({ name: person.name, signInUrl: ctx.links.signIn() }));
    },
  }),
  emailHandler({
    name: "mail.invitation",
    event: "user.invited",
    /*
     * An invited account has a password nobody knows: the invitation
     * carries a single-use link to choose one, a password-reset request
     * made here (its id derived from the event, so a retry makes no second
     * one) and valid INVITATION_TTL_DAYS from the invitation.
     */
    async recipients(tx, event) {
      const person = await activePerson(tx, event.payload.userId);
      if (!person) return [];
      await tx.passwordResetToken.createMany({
        data: [
          {
            id: invitationRequestId(event.id),
            userId: person.id,
            expiresAt: new Date(event.createdAt.getTime() + INVITATION_TTL_DAYS * 86_400_000),
          },
        ],
        skipDuplicates: true,
      });
      return [asRecipient(person)];
    },
    async compose(tx, event, recipient, ctx) {
      const person = await activePerson(tx, event.payload.userId);
      if (!person) return null;
      const link = await mintResetSecret(tx, invitationRequestId(event.id), person.id);
      if (!link) return null;
      const names = await namesOf(tx, [event.payload.invitedById]);
      return to(
        recipient,
        invitationEmail({
          name: person.name,
          invitedByName: names.get(event.payload.invitedById) ?? "An administrator",
          email: person.email,
          signInUrl: ctx.links.signIn(),
          choosePasswordUrl: ctx.links.resetPassword(link.token),
          expiresInDays: (link.expiresAt.getTime() - Date.now()) / 86_400_000,
        }),
      );
    },
  }),
  emailHandler({
    name: "mail.project_invitation",
    event: "project.invitation_created",
    // The address may have no account: the recipient is the address alone.
    async recipients(tx, event) {
      const invitation = await currentInvitation(tx, event);
      return invitation ? [{ userId: null, email: invitation.email }] : [];
    },
    async compose(tx, event, recipient, ctx) {
      const invitation = await currentInvitation(tx, event);
      if (!invitation || invitation.email !== recipient.email) return null;
      const token = await mintInvitationSecret(tx, event.payload.invitationId, invitation.sentAt);
      if (!token) return null;
      return to(
        recipient,
        projectInvitationEmail({
          projectName: invitation.project.name,
          invitedByName: invitation.invitedBy?.name ?? null,
          role: invitation.role,
          invitationUrl: ctx.links.invitation(token),
          expiresInDays: (invitation.expiresAt.getTime() - Date.now()) / 86_400_000,
        }),
      );
    },
  }),
  emailHandler({
    name: "mail.password_reset",
    event: "user.password_reset_requested",
    async recipients(tx, event) {
      const person = await activePerson(tx, event.payload.userId);
      return person ? [asRecipient(person)] : [];
    },
    // The request was recorded by the API; its secret is made now (mintResetSecret).
    async compose(tx, event, recipient, ctx) {
      const person = await activePerson(tx, event.payload.userId);
      if (!person) return null;
      const link = await mintResetSecret(tx, event.payload.resetTokenId, person.id);
      if (!link) return null;
      return to(
        recipient,
        passwordResetEmail({
          name: person.name,
          resetUrl: ctx.links.resetPassword(link.token),
          expiresInMinutes: (link.expiresAt.getTime() - Date.now()) / 60_000,
        }),
      );
    },
  }),
];

/**
 * The mail counterpart of an in-app notification: the event's notices, to
 * the people whose settings want e-mail for that kind. `compose` reads the
 * notices again at send time, so a mail says what is true when it leaves.
 */
function noticeMailHandler<N extends EventName>(
  name: string,
  event: N,
  notices: (tx: ScopedDb, event: DomainEvent<N>, links: Links) => Promise<Notice[]>,
): Handler {
  return emailHandler({
    name,
    event,
    async recipients(tx, stored, ctx) {
      const wanted = (await notices(tx, stored, ctx.links)).filter((n) =>
        wantsEmail(n.person, n.content),
      );
      return wanted.map((n) => asRecipient(n.person));
    },
    async compose(tx, stored, recipient, ctx) {
      const notice = (await notices(tx, stored, ctx.links)).find(
        (n) => n.person.id === recipient.userId,
      );
      return notice ? to(recipient, notificationMail(notice.person, notice.content)) : null;
    },
  });
}

/** Notification mails: the same people and words as the in-app ones, for those who chose e-mail. */
export const notificationMailHandlers: readonly Handler[] = [
  noticeMailHandler("mail.workflow_transitioned", "workflow.transitioned", transitionedNotices),
  noticeMailHandler("mail.workflow_assigned", "workflow.assigned", assignedNotices),
  noticeMailHandler("mail.workflow_mentioned", "workflow.commented", mentionedNotices),
  noticeMailHandler("mail.workflow_mentioned_by_edit", "workflow.comment_edited", mentionedNotices),
  noticeMailHandler("mail.project_member_added", "project.member_added", memberAddedNotices),
];
