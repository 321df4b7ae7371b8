import path from "node:path";

import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The CLI runs on the WebAssembly schema engine over the pg driver adapter:
// no native engine binary is downloaded, so migrations work offline.
// `prisma generate` needs no database; the adapter is only opened by
// migrate commands, which are given DATABASE_URL (the owner role).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "../../prisma/schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "../../prisma/migrations") },
  // eslint-disable-next-line no-restricted-properties -- the CLI's own entry point
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "" }),
});
