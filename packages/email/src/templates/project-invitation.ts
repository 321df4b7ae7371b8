import { escapeHtml, htmlLayout, subjectLine, textBody, type RenderedEmail } from "./render";

export interface ProjectInvitationEmail {
  projectName: string;
  /** null when the inviter's account is gone. */
  invitedByName: string | null;
  role: string;
  /** The single-use link to the invitation's page. */
  invitationUrl: string;
  /** Days from now until that link stops working. */
  expiresInDays: number;
}

/**
 * An invitation to a project, sent to an address that may or may not have
 * an account: the page behind the link offers to sign in or to register.
 */
export function projectInvitationEmail(input: ProjectInvitationEmail): RenderedEmail {
  const inviter = input.invitedByName ?? "Someone";
  const title = `${inviter} invited you to ${input.projectName}`;
  const days = Math.max(1, Math.round(input.expiresInDays));
  const validity = `The link works once, for the next ${days} day${days === 1 ? "" : "s"}.`;
  const offer = `${inviter} invited you to join the project “${input.projectName}” as ${input.role}.`;
  const ignore = "If you do not want to join, decline on that page or ignore this message.";
  return {
    subject: subjectLine(title),
    text: textBody(offer, `Accept or decline: ${input.invitationUrl}`, validity, ignore),
    html: htmlLayout(title, {
      paragraphs: [escapeHtml(offer), escapeHtml(validity)],
      action: { label: "View the invitation", url: input.invitationUrl },
      footer: ignore,
    }),
  };
}
