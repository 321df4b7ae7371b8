/** What every template returns: the subject and both bodies. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Every user-provided value goes through this before it enters HTML. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** A subject is one header line: no line breaks, bounded length. */
export function subjectLine(value: string): string {
  return value
    .replace(/[\r\n]+/g, " ")
    .trim()
    .slice(0, 200);
}

/**
 * Links come from our own configuration (APP_URL), but are checked anyway:
 * only http(s) may become an href.
 */
export function safeUrl(value: string): string {
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new Error(`refusing a ${url.protocol} link`);
  return url.toString();
}

export interface Layout {
  /** Already-escaped HTML paragraphs. */
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}

/** The one HTML frame: plain, inline-styled, readable without images. */
export function htmlLayout(title: string, layout: Layout): string {
  const button = layout.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(safeUrl(layout.action.url))}" style="background:#1f4fd1;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(layout.action.label)}</a></p>`
    : "";
  const footer = layout.footer
    ? `<p style="color:#667085;font-size:12px;margin-top:32px">${escapeHtml(layout.footer)}</p>`
    : "";
  return [
    "<!doctype html>",
    '<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>',
    '<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#101828;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">',
    `<h1 style="font-size:20px">${escapeHtml(title)}</h1>`,
    ...layout.paragraphs.map((p) => `<p>${p}</p>`),
    button,
    footer,
    "</body></html>",
  ].join("\n");
}

/** Joins text paragraphs with blank lines, dropping empty ones. */
export function textBody(...paragraphs: (string | null | undefined | false)[]): string {
  return `${paragraphs.filter((p): p is string => typeof p === "string" && p.length > 0).join("\n\n")}\n`;
}
