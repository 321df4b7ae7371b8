/**
 * Where to go after signing in. Only a path on this site: anything else
 * (another origin, `//host`, `/\host`) would make the sign-in page an open
 * redirect.
 */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  if (value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith("/sign-in") || value.startsWith("/register") || value.startsWith("/api/"))
    return "/";
  return value;
}
