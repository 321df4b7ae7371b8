/**
 * Attributes for a form that JavaScript submits (a password form). Should
 * the browser submit it itself, before hydration or with scripts off, the
 * fields go in a POST body to a route that ignores them, never into the URL
 * (history, logs, the Referer of the next page) as a GET would put them.
 */
export const POST_ONLY_FORM = { method: "post", action: "/api/form-without-script" } as const;
