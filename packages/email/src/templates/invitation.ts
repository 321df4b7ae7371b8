import {
  escapeHtml,
  htmlLayout,
  safeUrl,
  subjectLine,
  textBody,
  type RenderedEmail,
} from "./render";

export interface InvitationEmail {
  name: string;
  invitedByName: string;
  /** The account's address: the invitee signs in with it. */
  email: string;
  signInUrl: string;
  /** The single-use link to choose a password. */
  choosePasswordUrl: string;
  /** Days from now until that link stops working. */
  expiresInDays: number;
}

export function invitationEmail(input: InvitationEmail): RenderedEmail {
  const title = `${input.invitedByName} invited you to FastNext`;
  const days = Math.max(1, Math.round(input.expiresInDays));
  const validity = `The link works once, for the next ${days} day${days === 1 ? "" : "s"}.`;
  return {
    subject: subjectLine(title),
    text: textBody(
      `Hello ${input.name},`,
      `${input.invitedByName} created a FastNext account for you (${input.email}).`,
      `Choose your password: ${input.choosePasswordUrl}`,
      validity,
      `Then sign in: ${input.signInUrl}`,
      "If you were not expecting this invitation, you can ignore this message.",
    ),
    html: htmlLayout(title, {
      paragraphs: [
        `Hello ${escapeHtml(input.name)},`,
        `${escapeHtml(input.invitedByName)} created a FastNext account for you (${escapeHtml(input.email)}).`,
        `Choose your password first, then <a href="${escapeHtml(safeUrl(input.signInUrl))}">sign in</a>.`,
        escapeHtml(validity),
      ],
      action: { label: "Choose your password", url: input.choosePasswordUrl },
      footer: "If you were not expecting this invitation, you can ignore this message.",
    }),
  };
}
