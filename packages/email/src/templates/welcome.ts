import { escapeHtml, htmlLayout, subjectLine, textBody, type RenderedEmail } from "./render";

export interface WelcomeEmail {
  name: string;
  /** Where to sign in, e.g. https://app.example.com/login. */
  signInUrl: string;
}

export function welcomeEmail(input: WelcomeEmail): RenderedEmail {
  const title = "Welcome to FastNext";
  return {
    subject: subjectLine(title),
    text: textBody(
      `Hello ${input.name},`,
      "Your FastNext account is ready.",
      `Sign in: ${input.signInUrl}`,
      "If you did not create this account, you can ignore this message.",
    ),
    html: htmlLayout(title, {
      paragraphs: [`Hello ${escapeHtml(input.name)},`, "Your FastNext account is ready."],
      action: { label: "Sign in", url: input.signInUrl },
      footer: "If you did not create this account, you can ignore this message.",
    }),
  };
}
