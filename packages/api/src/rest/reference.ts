import { readFile } from "node:fs/promises";
import path from "node:path";

import { restDocument } from "./document";

/** The document and the reference page, at the same paths on the web app and the API server. */
export const OPENAPI_PATH = "/api/openapi.json";
export const DOCS_PATH = "/api/docs";

/**
 * The page's own policy: Swagger UI's script and styles from these same
 * paths, its inline SVG icons as data: URLs, and the document fetched from
 * this origin. Nothing from anywhere else, nothing inline that runs.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Files of the swagger-ui-dist package the page loads, by the name it loads them as. */
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>FastNext API reference</title>
    <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png" />
    <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css" />
  </head>
  <body>
    <div id="reference"></div>
    <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_PATH}/start.js"></script>
  </body>
</html>
`;

// A file rather than an inline script, so the page's policy needs no nonce or hash.
const START = `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(OPENAPI_PATH)},
  dom_id: "#reference",
  deepLinking: true,
  persistAuthorization: false,
});
`;

async function assetsFolder(): Promise<string> {
  // Imported when first asked for; resolved by Node at run time (the web
  // app lists the package in serverExternalPackages), so the path is its own.
  const { getAbsoluteFSPath } = await import("swagger-ui-dist");
  return getAbsoluteFSPath();
}

function docsHeaders(contentType: string): Headers {
  return new Headers({
    "content-type": contentType,
    "content-security-policy": DOCS_CONTENT_SECURITY_POLICY,
    "cache-control": "public, max-age=3600",
  });
}

export type ReferenceRoute = (request: Request) => Promise<Response>;

/**
 * `/api/openapi.json` (generated once, on first request) and `/api/docs`
 * with its files, as exact-path routes.
 */
export function apiReferenceRoutes(): Record<string, ReferenceRoute> {
  let document: string | undefined;
  const routes: Record<string, ReferenceRoute> = {
    [OPENAPI_PATH]: () => {
      document ??= JSON.stringify(restDocument());
      return Promise.resolve(
        new Response(document, {
          headers: { "content-type": "application/json", "cache-control": "no-cache" },
        }),
      );
    },
    [DOCS_PATH]: () =>
      Promise.resolve(new Response(PAGE, { headers: docsHeaders("text/html; charset=utf-8") })),
    [`${DOCS_PATH}/start.js`]: () =>
      Promise.resolve(
        new Response(START, { headers: docsHeaders("text/javascript; charset=utf-8") }),
      ),
  };
  for (const [name, contentType] of Object.entries(ASSETS)) {
    routes[`${DOCS_PATH}/${name}`] = async () => {
      const file = await readFile(path.join(await assetsFolder(), name));
      return new Response(new Uint8Array(file), { headers: docsHeaders(contentType) });
    };
  }
  return routes;
}
