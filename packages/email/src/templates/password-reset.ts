import { escapeHtml, htmlLayout, subjectLine, textBody, type RenderedEmail } from "./render";

export interface PasswordResetEmail {
  name: string;
  /** The single-use link carrying the secret. */
  resetUrl: string;
  /** Minutes from now until the link stops working. */
  expiresInMinutes: number;
}

export function passwordResetEmail(input: PasswordResetEmail): RenderedEmail {
  const title = "Reset your FastNext password";
  const minutes = Math.max(1, Math.round(input.expiresInMinutes));
  const validity = `The link works once, for the next ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  return {
    subject: subjectLine(title),
    text: textBody(
      `Hello ${input.name},`,
      "Someone asked to reset the password of your FastNext account. To choose a new one, open:",
      input.resetUrl,
      validity,
      "If it was not you, ignore this message: your password stays as it is.",
    ),
    html: htmlLayout(title, {
      paragraphs: [
        `Hello ${escapeHtml(input.name)},`,
        "Someone asked to reset the password of your FastNext account.",
        escapeHtml(validity),
      ],
      action: { label: "Choose a new password", url: input.resetUrl },
      footer: "If it was not you, ignore this message: your password stays as it is.",
    }),
  };
}
