/**
 * The response headers that tell a browser how to treat what we send. The
 * web app (proxy.ts, with its page policy) and the standalone API server
 * both take them from here.
 */

/** Two years, the value browsers' preload lists ask for. */
const HSTS = "max-age=63072000; includeSubDomains";

/** A JSON API embeds nothing and runs nothing: no source of any kind is allowed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export interface SecurityHeaderOptions {
  /** The Content-Security-Policy to send. */
  contentSecurityPolicy: string;
  /** Served over https (HSTS is only meaningful, and only sent, then). */
  https: boolean;
}

/** The headers, in the order they are documented in README's security section. */
export function securityHeaders(options: SecurityHeaderOptions): [string, string][] {
  const headers: [string, string][] = [
    ["content-security-policy", options.contentSecurityPolicy],
    ["x-content-type-options", "nosniff"],
    ["x-frame-options", "DENY"],
    ["referrer-policy", "strict-origin-when-cross-origin"],
    ["permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
    ["cross-origin-opener-policy", "same-origin"],
  ];
  if (options.https) headers.push(["strict-transport-security", HSTS]);
  return headers;
}

/**
 * The policy for the web app's pages. Scripts run only with this response's
 * nonce ('strict-dynamic' lets them load the chunks they import); styles come
 * from our own files or a nonce'd element. Inline style attributes (React's
 * `style={...}` in server-rendered HTML) are allowed: they cannot run code.
 * In development the dev server also needs eval (React's call stacks) and
 * inline style elements (hot reloading).
 */
export function pageContentSecurityPolicy(nonce: string, development: boolean): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}
