export const dynamic = "force-dynamic";

/**
 * Where password forms land when the browser submitted them without our
 * JavaScript (see components/form/post-only.ts). The body is never read:
 * the visitor is sent back to the page of the form (the Referer's path, on
 * this site whatever the Referer's origin), to try again once it has loaded.
 */
export function POST(request: Request): Response {
  let back = "/sign-in";
  const referer = request.headers.get("referer");
  if (referer) {
    try {
      const from = new URL(referer);
      back = `${from.pathname}${from.search}`;
    } catch {
      // Not a URL: the default.
    }
  }
  return new Response(null, { status: 303, headers: { location: back } });
}
