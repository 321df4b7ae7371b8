export const dynamic = "force-dynamic";

/**
 * Where password forms land when the browser submitted them without our
 * JavaScript (see components/form/post-only.ts). The body is never read:
 * the visitor is sent back to the form they came from, to try again once
 * the page has loaded.
 */
export function POST(request: Request): Response {
  const url = new URL(request.url);
  let back = new URL("/sign-in", url);
  const referer = request.headers.get("referer");
  if (referer) {
    const from = new URL(referer, url);
    if (from.origin === url.origin) back = from;
  }
  return new Response(null, { status: 303, headers: { location: `${back.pathname}${back.search}` } });
}
