import { escapeHtml, htmlLayout, subjectLine, textBody, type RenderedEmail } from "./render";

export interface WorkflowNotificationEmail {
  name: string;
  /** One line: what happened ("Purchase 42 moved to Approved"). */
  headline: string;
  /** Details, plain text. */
  body: string;
  /** Where to see it. */
  url: string;
}

export function workflowNotificationEmail(input: WorkflowNotificationEmail): RenderedEmail {
  return {
    subject: subjectLine(input.headline),
    text: textBody(`Hello ${input.name},`, input.body, `Open it: ${input.url}`, notificationFooter),
    html: htmlLayout(input.headline, {
      paragraphs: [`Hello ${escapeHtml(input.name)},`, escapeHtml(input.body)],
      action: { label: "Open", url: input.url },
      footer: notificationFooter,
    }),
  };
}

const notificationFooter = "You receive this because of your notification settings in FastNext.";
