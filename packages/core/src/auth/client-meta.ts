/** Where a request came from, recorded on sessions (and, later, activity). */
export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

/** A short device label from the user agent, when the client gave none. */
export function deviceLabelFrom(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = /(Firefox|Edg|Chrome|Safari)\/[\d.]+/.exec(userAgent)?.[1];
  const os = /(Windows|Mac OS X|Android|iPhone|iPad|Linux)/.exec(userAgent)?.[1];
  const label = [browser === "Edg" ? "Edge" : browser, os].filter(Boolean).join(" on ");
  return label || userAgent.slice(0, 60);
}
